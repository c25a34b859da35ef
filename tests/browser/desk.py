"""One clerk in the desk: a logged-in Chromium page and the actions of a working day (open a list, a
form, a report; save; print), with the same checks after every page: no console error, no failed
request but the ones the step expects, no dialog, no English word, and a screenshot."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.english import TEXT_WITHOUT_TOOLTIPS_JS, english_words

SETTLE_JS = """() => window.frappe && frappe.request && frappe.request.ajax_count === 0
	&& document.readyState === 'complete' && !document.querySelector('.freeze-message-container')
	&& !(frappe.route_flags && frappe.route_flags.replace_route === 'wait')"""


@dataclass
class Problems:
	"""What went wrong on one page, by kind."""

	console: list[str] = field(default_factory=list)
	responses: list[str] = field(default_factory=list)
	dialogs: list[str] = field(default_factory=list)
	english: list[str] = field(default_factory=list)

	def lines(self, page_label: str) -> list[str]:
		out = []
		for kind in ("console", "responses", "dialogs"):
			out += [f"{page_label}: {kind}: {item}" for item in getattr(self, kind)]
		if self.english:
			out.append(f"{page_label}: english: {' '.join(self.english)}")
		return out


@dataclass
class Tally:
	"""Counts across every journey, for the summary line."""

	roles: set = field(default_factory=set)
	pages: int = 0
	errors: int = 0
	english: int = 0


class Desk:
	def __init__(self, page, base: str, role: str, shots: Path, tally: Tally):
		self.page, self.base, self.role, self.shots, self.tally = page, base, role, shots, tally
		self.current = Problems()
		self.expected_statuses: set[int] = set()
		self.report: list[str] = []
		self.step = 0
		page.on("console", self._on_console)
		page.on("pageerror", lambda error: self.current.console.append(f"uncaught: {error}"))
		page.on("response", self._on_response)
		page.on("dialog", self._on_native_dialog)
		tally.roles.add(role)

	# ---- listeners ----

	def _on_console(self, message):
		if message.type == "error" and not message.text.startswith("Failed to load resource"):
			self.current.console.append(message.text[:300])

	def _on_response(self, response):
		if response.status >= 400 and response.status not in self.expected_statuses:
			self.current.responses.append(f"{response.status} {response.request.method} {response.url[:200]}")

	def _on_native_dialog(self, dialog):
		self.current.dialogs.append(f"browser {dialog.type}: {dialog.message}")
		dialog.dismiss()

	# ---- waiting ----

	def settle(self, timeout: int = 30_000):
		"""Until the desk has no request in flight and nothing frozen, and stays so briefly."""
		for pause in (300, 0):
			self.page.wait_for_function(SETTLE_JS, timeout=timeout)
			self.page.wait_for_timeout(pause)

	def call(self, script: str, arg=None):
		"""Evaluate `script` (a function of one argument that may return a promise) in the desk, and
		give up after 20 s: frappe.call's promise never settles when the server answers an error."""
		return self.page.evaluate(
			"""([script, arg]) => Promise.race([
				(0, eval)(script)(arg),
				new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 20 s')), 20000)),
			])""",
			[script, arg],
		)

	# ---- actions ----

	def login(self, user: str, password: str):
		self.page.goto(f"{self.base}/login")
		self.check("登录页")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", password)
		self.page.click(".btn-login")
		self.page.wait_for_url(re.compile(r".*/app(/.*)?$"), timeout=60_000)
		self.settle()

	def go(self, route: str):
		"""Open a desk route (e.g. 'union-member' or 'query-report/Semiannual Survey') the way a
		clerk's click does: inside the single-page desk, not a full reload."""
		self.page.evaluate("(route) => frappe.set_route(route)", route)
		self.page.wait_for_function(
			"(route) => decodeURIComponent(location.pathname).endsWith('/app/' + route)", arg=route
		)
		self.settle()

	def open_list(self, doctype: str):
		self.go(slug(doctype))
		self.page.wait_for_function(
			"(dt) => window.cur_list && cur_list.doctype === dt && $(cur_list.page.wrapper).is(':visible')",
			arg=doctype,
		)
		self.settle()

	def list_names(self) -> list[str]:
		"""The record names in the list view's rows."""
		return self.page.evaluate("() => (window.cur_list?.data || []).map(row => row.name)")

	def open_form(self, doctype: str, name: str):
		self.go(f"{slug(doctype)}/{name}")
		self.wait_for_form(doctype, name)

	def new_form(self, doctype: str):
		"""The list's 新建 button: a new, unsaved form (Frappe names it new-<doctype>-…)."""
		self.page.evaluate("(dt) => frappe.new_doc(dt)", doctype)
		self.page.wait_for_function("(dt) => window.cur_frm?.doctype === dt && cur_frm.is_new()", arg=doctype)
		self.wait_for_form(doctype)

	def wait_for_form(self, doctype: str, name: str | None = None):
		self.page.wait_for_function(
			"""([dt, name]) => window.cur_frm && cur_frm.doctype === dt && (!name || cur_frm.docname === name)
				&& $(cur_frm.wrapper).is(':visible')""",
			arg=[doctype, name],
		)
		self.settle()

	def set_field(self, fieldname: str, value: str):
		"""Type into a field of the open form, as a person does (awesomplete links pick the match)."""
		selector = f'.page-container:visible .frappe-control[data-fieldname="{fieldname}"]'
		control = self.page.locator(selector).first
		fieldtype = control.get_attribute("data-fieldtype")
		if fieldtype == "Select":
			control.locator("select").select_option(value)
		elif fieldtype == "Check":
			control.locator(f'input[data-fieldname="{fieldname}"]').check()
		else:
			box = control.locator("input, textarea").first
			box.fill(value)
			if fieldtype == "Link":
				self.page.wait_for_timeout(600)
				self.page.keyboard.press("Escape")
			box.blur()
		self.page.wait_for_timeout(200)
		self.settle()

	def save(self, expect_error: bool = False) -> str | None:
		"""Ctrl+S on the open form. Returns the error dialog's text when one is expected."""
		if expect_error:
			self.expected_statuses.add(417)
		self.page.keyboard.press("Control+s")
		self.settle()
		if expect_error:
			# The refusal's dialog opens after the answer; on a loaded machine a keystroke made while the
			# form was still busy can be dropped: wait for the dialog, and press once more if none came.
			for attempt in range(2):
				try:
					self.page.wait_for_selector(".modal.show", timeout=10_000)
					break
				except PlaywrightTimeoutError:
					if attempt == 0:
						self.page.keyboard.press("Control+s")
						self.settle()
			self.expected_statuses.discard(417)
			return self.close_dialog()
		return None

	def click_button(self, label: str):
		"""A button of the open form's toolbar, by its (Chinese) text."""
		self.page.locator(
			".page-container:visible .page-actions button:visible, .page-container:visible .page-head .btn:visible"
		).filter(has_text=label).first.click()
		self.page.wait_for_timeout(300)
		self.settle()

	def download(self, click, folder: Path) -> Path:
		"""What a click downloads (Frappe opens a download in a new tab, which the browser closes)."""
		downloads, tabs = [], []

		def on_download(download):
			downloads.append(download)

		def on_tab(tab):
			tabs.append(tab)
			tab.on("download", on_download)

		context = self.page.context
		context.on("page", on_tab)
		self.page.on("download", on_download)
		try:
			click()
			for _ in range(100):
				if downloads:
					break
				self.page.wait_for_timeout(300)
		finally:
			context.remove_listener("page", on_tab)
			self.page.remove_listener("download", on_download)
		assert downloads, "nothing was downloaded"
		path = folder / downloads[0].suggested_filename
		downloads[0].save_as(path)
		for tab in tabs:
			if not tab.is_closed():
				tab.close()
		return path

	def attach(self, fieldname: str, path: Path):
		"""An Attach field: its button, the upload dialog, the file, 上传."""
		self.page.locator(
			f'.page-container:visible .frappe-control[data-fieldname="{fieldname}"] button'
		).first.click()
		self.page.wait_for_selector(".modal.show input[type=file]", state="attached")
		self.page.set_input_files(".modal.show input[type=file]", str(path))
		self.page.locator(".modal.show .btn-primary").last.click()
		self.page.wait_for_function("(f) => !!cur_frm.doc[f]", arg=fieldname, timeout=30_000)
		self.settle()
		if self.page.evaluate("() => cur_frm.is_dirty()"):
			self.save()

	def submit(self):
		"""The form's 提交 button, then 是 in Frappe's confirmation."""
		self.page.evaluate("() => { cur_frm.savesubmit(); }")  # its promise waits for the confirmation
		self.page.wait_for_selector(".modal.show .btn-primary", state="visible")
		self.page.locator(".modal.show .btn-primary").last.click()
		self.settle()

	def field_value(self, fieldname: str):
		return self.page.evaluate("(f) => cur_frm.doc[f]", fieldname)

	def run_report(self, report: str, filters: dict | None = None):
		"""Open the report and run it with its default filters plus `filters`, set at once."""
		self.go(f"query-report/{report}")
		self.page.wait_for_function(
			"(name) => window.frappe?.query_report?.report_name === name && frappe.query_report.filters",
			arg=report,
		)
		self.settle()
		self.page.evaluate(
			"""(filters) => {
				const values = {};
				for (const f of frappe.query_report.filters) values[f.df.fieldname] = f.df.default ?? '';
				return frappe.query_report.set_filter_value({...values, ...filters});
			}""",
			filters or {},
		)
		self.settle()

	def report_rows(self) -> list[dict]:
		return self.page.evaluate("() => (frappe.query_report.data || []).map(r => ({...r}))")

	def visible_dialog_text(self) -> str | None:
		return self.page.evaluate(
			f"() => ({TEXT_WITHOUT_TOOLTIPS_JS})([...document.querySelectorAll('.modal.show')].pop())"
		)

	def close_dialog(self) -> str | None:
		text = self.visible_dialog_text()
		if text is not None:
			self.page.keyboard.press("Escape")
			self.page.wait_for_timeout(400)
			if self.visible_dialog_text() is not None:
				self.page.locator(".modal.show .btn-modal-close").last.click()
				self.page.wait_for_timeout(300)
		return text

	# ---- the checks every page gets ----

	def check(self, label: str, allow_dialog: bool = False) -> list[str]:
		"""Record what is wrong on the page now and take its screenshot (with any dialog on it), then
		close the dialog and start afresh. Returns the problems, one line each."""
		self.step += 1
		dialog = None if allow_dialog else self.visible_dialog_text()
		if dialog is not None:
			self.current.dialogs.append(" ".join(dialog.split())[:300])
		self.current.english = english_words(self.page)
		if self.current.english:
			with open(self.shots / "english.txt", "a", encoding="utf-8") as found:
				found.write(f"[{self.role}] {label}: {' '.join(self.current.english)}\n")
		safe = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", label)
		self.page.screenshot(
			path=str(self.shots / f"{self.role.replace(' ', '_')}-{self.step:03d}-{safe}.png")
		)
		if dialog is not None:
			self.close_dialog()
		problems = self.current.lines(f"[{self.role}] {label}")
		self.report += problems
		self.tally.pages += 1
		self.tally.errors += (
			len(self.current.console) + len(self.current.responses) + len(self.current.dialogs)
		)
		self.tally.english += len(self.current.english)
		self.current = Problems()
		return problems


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")
