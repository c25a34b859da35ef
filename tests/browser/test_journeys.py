"""Each role's working day in the desk, in real Chromium on the demo town (青山镇).

What a role opens is read from the desk itself where it can be: the registers and reports are the
shortcuts its 工建 workspace shows, and a report's filters are the ones its page offers. A new
register, report or filter is then walked without new test code. Every page gets the same checks
(tests/browser/desk.py): no console error, no failed request, no dialog, no English."""

import os
import random
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from gongjian.rules.identifiers import mask_id_number
from tests.browser.desk import Desk, Tally
from tests.browser.english import english_in
from tests.browser.known_problems import KNOWN_SEEN, split_known
from tests.factories import id_registered

DEMO_TOWNSHIP = "青山镇"
DEMO_VILLAGE = "青山村"  # the village account's village
CJK = re.compile(r"[\u4e00-\u9fff]")
# The open form's 合规 section (record_overview.js); forms seen earlier stay in the page, hidden.
OVERVIEW = ".page-container:visible .gongjian-overview"


def workspace_shortcuts(desk: Desk) -> list[dict]:
	"""The 工建 workspace's shortcuts as this user's desk lists them (Frappe drops what they may not open)."""
	desk.go("gongjian")
	return desk.page.evaluate(
		"""() => frappe.call('frappe.desk.desktop.get_desktop_page', {page: JSON.stringify({name: 'Gongjian', title: 'Gongjian', public: 1})})
			.then(r => r.message.shortcuts.items.map(s => ({type: s.type, link_to: s.link_to, label: s.label})))"""
	)


def first_screen(desk: Desk) -> dict:
	"""The 工建 workspace: its number cards' figures and its chart's labels, for this user's scope."""
	desk.go("gongjian")
	desk.page.wait_for_timeout(1000)
	desk.settle()
	cards = desk.page.eval_on_selector_all(
		".widget.number-widget-box",
		"""cards => cards.map(c => [c.querySelector('.widget-title')?.innerText.trim(),
			c.querySelector('.number')?.innerText.trim() || '',
			c.querySelector('.gongjian-card-detail')?.innerText.trim() || ''])""",
	)
	labels = desk.page.eval_on_selector_all(
		".widget.dashboard-widget-box .chart-container svg .x.axis text",
		"texts => texts.map(t => t.textContent)",
	)
	problems = desk.check("工作台")
	# the chart's menu, closed until clicked, names the report it comes from
	menu = desk.page.locator(".widget.dashboard-widget-box .chart-menu").first
	if menu.count():
		menu.click()
		items = desk.page.locator(".widget.dashboard-widget-box .dropdown-menu.show").first.inner_text()
		if words := english_in(items):
			problems.append(f"[{desk.role}] 工作台: chart menu in English: {' '.join(words)}")
		# "Edit" (the Dashboard Chart form) only for those who may change the chart
		if "编辑" in items and not desk.page.evaluate("() => frappe.model.can_write('Dashboard Chart')"):
			problems.append(f"[{desk.role}] 工作台: the chart offers 编辑 to a user who may not edit it")
		desk.page.keyboard.press("Escape")
	# the chart's filter dialog (its title names the chart, its button sets the filters) reads in Chinese
	funnel = desk.page.locator(".widget.dashboard-widget-box .filter-chart").first
	if funnel.count():
		funnel.click()
		desk.page.wait_for_timeout(500)
		dialog = desk.visible_dialog_text() or ""
		if not dialog:
			problems.append(f"[{desk.role}] 工作台: the chart's filter dialog did not open")
		elif words := english_in(dialog):
			problems.append(f"[{desk.role}] 工作台: chart filter dialog in English: {' '.join(words)}")
		desk.page.keyboard.press("Escape")
		desk.page.wait_for_timeout(300)
	# a card's menu offers "Edit" (the Number Card form) only to those who may change the card
	card_menus = desk.page.eval_on_selector_all(
		".widget.number-widget-box .card-actions .dropdown-menu", "menus => menus.map(m => m.textContent)"
	)
	if not desk.page.evaluate("() => frappe.model.can_write('Number Card')") and any(
		"编辑" in menu for menu in card_menus
	):
		problems.append(f"[{desk.role}] 工作台: a number card offers 编辑 to a user who may not edit it")
	if not cards or not all(figure for _title, figure, _detail in cards):
		problems.append(f"[{desk.role}] 工作台: number cards missing or empty: {cards}")
	if not all("截至" in detail for _title, _figure, detail in cards):
		problems.append(f"[{desk.role}] 工作台: a number card says not of what or when: {cards}")
	if not labels:
		problems.append(f"[{desk.role}] 工作台: the chart is empty")
	return {
		"cards": {title: figure for title, figure, _detail in cards},
		"chart_labels": labels,
		"problems": problems,
	}


def walk_registers(desk: Desk, shortcuts: list[dict], writable: bool) -> list[str]:
	"""Every register the workspace offers: its list, and the form of its first record."""
	problems = []
	for shortcut in shortcuts:
		if shortcut["type"] != "DocType":
			continue
		doctype = shortcut["link_to"]
		is_single = desk.page.evaluate(
			"(dt) => frappe.model.with_doctype(dt).then(() => frappe.get_meta(dt).issingle)", doctype
		)
		if is_single:
			desk.go(doctype.lower().replace(" ", "-"))
			problems += desk.check(f"{doctype} 表单")
			continue
		desk.open_list(doctype)
		names = desk.list_names()
		problems += desk.check(f"{doctype} 列表")
		if not writable:
			problems += no_write_buttons(desk, f"{doctype} 列表")
		if names:
			desk.open_form(doctype, names[0])
			problems += desk.check(f"{doctype} 表单")
			if not writable:
				problems += no_write_buttons(desk, f"{doctype} 表单")
	return problems


def no_write_buttons(desk: Desk, label: str) -> list[str]:
	"""A read-only user is offered no button that would then fail (新建, 保存, 提交, 删除…)."""
	buttons = desk.page.evaluate(
		"""() => [...document.querySelectorAll('.page-container:not([style*="display: none"]) .page-actions .primary-action, .page-container:not([style*="display: none"]) .page-actions .btn-primary')]
			.filter(b => b.offsetParent !== null).map(b => b.innerText.trim()).filter(Boolean)"""
	)
	return [f"[{desk.role}] {label}: write button offered: {b}" for b in buttons]


def report_filter_values(desk: Desk) -> list[tuple[str, dict]]:
	"""One run per filter the report page offers, each with a value from the demo town, plus none."""
	filters = desk.page.evaluate(
		"() => frappe.query_report.filters.map(f => ({fieldname: f.df.fieldname, fieldtype: f.df.fieldtype, options: f.df.options, label: f.df.label}))"
	)
	runs = [("无筛选", {})]
	for f in filters:
		value = sample_value(desk, f)
		if value is not None:
			runs.append((f["label"] or f["fieldname"], {f["fieldname"]: value}))
	return runs


def sample_value(desk: Desk, f: dict):
	kind, options = f["fieldtype"], f["options"]
	if kind == "Link":
		preferred = {"Township": DEMO_TOWNSHIP, "Village": DEMO_VILLAGE}.get(options)
		names = desk.page.evaluate("(dt) => frappe.db.get_list(dt, {limit: 50, pluck: 'name'})", options)
		return preferred if preferred in names else (names[0] if names else None)
	if kind == "Select":
		choices = [c for c in (options.split("\n") if isinstance(options, str) else options or []) if c]
		choices = [c["value"] if isinstance(c, dict) else c for c in choices]  # {value, label} options
		return choices[1] if len(choices) > 1 else (choices[0] if choices else None)
	if kind == "Check":
		return 1
	if kind in ("Data", "Int") and "period" in f["fieldname"]:
		return "2026-H1"
	if kind == "Int" and "year" in f["fieldname"]:
		return 2026
	return None


def walk_reports(desk: Desk, shortcuts: list[dict]) -> tuple[list[str], dict]:
	problems, rows_seen = [], {}
	for shortcut in shortcuts:
		if shortcut["type"] != "Report":
			continue
		report = shortcut["link_to"]
		desk.run_report(report)
		for label, filters in report_filter_values(desk):
			desk.run_report(report, filters)
			rows = desk.report_rows()
			rows_seen[(report, label)] = rows
			problems += desk.check(f"{report} {label}")
	return problems, rows_seen


def walk_day(desk: Desk, writable: bool) -> tuple[list[str], dict, dict]:
	"""First screen, every register and every report × filter the workspace offers this role."""
	screen = first_screen(desk)
	shortcuts = workspace_shortcuts(desk)
	problems = screen["problems"] + walk_registers(desk, shortcuts, writable)
	report_problems, rows = walk_reports(desk, shortcuts)
	return problems + report_problems, screen, rows


def assert_clean(problems: list[str]):
	new, known = split_known(problems)
	KNOWN_SEEN.extend(known)
	assert not new, f"{len(new)} problems:\n" + "\n".join(new)


def test_viewer_reads_without_write_buttons(desk_as):
	problems, _screen, _rows = walk_day(desk_as("Gongjian Viewer"), writable=False)
	assert_clean(problems)


def test_village_clerk_sees_only_their_village_and_adds_a_member(desk_as):
	desk = desk_as("Village User")
	problems, screen, rows = walk_day(desk, writable=True)
	if screen["chart_labels"] and set(screen["chart_labels"]) != {DEMO_VILLAGE}:
		problems.append(f"工作台 chart shows other villages: {screen['chart_labels']}")
	for (report, label), report_rows in rows.items():
		# a total row (bold) is not a village's
		villages = {row.get("village") for row in report_rows if row.get("village") and not row.get("bold")}
		if villages - {DEMO_VILLAGE}:
			problems.append(f"{report} {label}: rows of other villages {sorted(villages - {DEMO_VILLAGE})}")
	desk.open_list("Enterprise")
	villages = set(desk.page.evaluate("() => cur_list.data.map(row => row.village)"))
	if villages != {DEMO_VILLAGE}:
		problems.append(f"企业列表 holds villages {villages}")
	problems += add_member(desk)
	problems += withdraw_member(desk)
	problems += transfer_and_accept(desk)
	problems += survey_by_category(desk)
	problems += new_record_starts_in_own_village(desk)
	problems += unit_form_links_to_its_members(desk)
	problems += compliance_findings_link_to_their_records(desk)
	problems += staff_census_of_the_village(desk)
	assert_clean(problems)


def test_enterprise_user_day(desk_as):
	problems, _screen, _rows = walk_day(desk_as("Enterprise User"), writable=True)
	assert_clean(problems)


def test_organizer_day(desk_as):
	# Read-only but for the union activities they record.
	problems, _screen, _rows = walk_day(desk_as("Union Organizer"), writable=True)
	assert_clean(problems)


def test_town_manager_day(desk_as):
	problems, _screen, _rows = walk_day(desk_as("Gongjian Manager"), writable=True)
	assert_clean(problems)


def test_town_manager_registers_reviews_and_prints(desk_as):
	desk = desk_as("Gongjian Manager")
	problems = create_unit(desk)
	problems += bad_codes_are_refused(desk)
	problems += submit_transfer(desk)
	problems += submit_assessment(desk)
	problems += print_member_card(desk)
	problems += evaluation_rows_agree(desk)
	assert_clean(problems)


# ---- actions of a day ----


def withdraw_member(desk: Desk) -> list[str]:
	"""The member just added leaves: the form asks why before it saves the withdrawal (R10)."""
	problems = []
	desk.set_field("status", "Withdrawn")
	asked = desk.save(expect_error=True) or ""
	if "退会原因" not in asked:
		problems.append(f"[{desk.role}] 退会: the reason was not asked for: {asked!r}")
	desk.set_field("exit_reason", "Left the Employer")
	desk.save()
	problems += desk.check("会员退会 已保存")
	saved = desk.page.evaluate("() => [cur_frm.is_dirty(), cur_frm.doc.status, cur_frm.doc.exit_reason]")
	if saved != [False, "Withdrawn", "Left the Employer"]:
		problems.append(f"[{desk.role}] 退会: not saved with its reason: {saved}")
	return problems


def survey_by_category(desk: Desk) -> list[str]:
	"""半年摸底表 one row per unit category, with what each rate counts written above it."""
	desk.run_report("Semiannual Survey", {"group_by": "category"})
	problems = desk.check("半年摸底表 按单位类别")
	groups = [row.get("group") for row in desk.report_rows()]
	shown = desk.page.locator(".page-container:visible .gongjian-definitions")
	definitions = shown.first.inner_text() if shown.count() else ""
	if not groups or not all(CJK.search(group or "") for group in groups):
		problems.append(f"[{desk.role}] 半年摸底表 按单位类别: groups {groups}")
	if "其中数" not in definitions:
		problems.append(f"[{desk.role}] 半年摸底表: the definitions of the rates are not shown")
	return problems


def add_member(desk: Desk) -> list[str]:
	"""The clerk registers a worker of a unit in their village through the form."""
	from tests.browser.people import resident_id

	union, employer = desk.call(
		"""(village) => frappe.db.get_list('Trade Union', {filters: {village, union_kind: 'Base Union Committee'}, limit: 1})
			.then(rows => frappe.db.get_doc('Trade Union', rows[0].name))
			.then(union => [union.name, union.covered_units[0].enterprise])""",
		DEMO_VILLAGE,
	)
	desk.new_form("Union Member")
	desk.set_field("member_name", "周晓梅")
	desk.set_field("id_number", resident_id(1990))
	problems = link_suggestions_in_chinese(desk, "Trade Union", union[:2])
	desk.set_field("employer", employer)
	# 行政村 and the unit's one union follow the unit as soon as it is picked: the clerk does not fill them
	# in (clerk reviews).
	for field, expected in (("village", DEMO_VILLAGE), ("union", union)):
		try:
			desk.page.wait_for_function(f"() => cur_frm.doc.{field} === {expected!r}", timeout=10_000)
		except Exception:
			found = desk.page.evaluate(f"() => cur_frm.doc.{field}")
			problems.append(f"[{desk.role}] 新会员: {field} not filled from the unit ({found})")
			desk.set_field(field, expected)
	desk.save()
	problems += desk.check("新会员 已保存")
	if desk.page.evaluate("() => cur_frm.is_new()"):
		problems.append(f"[{desk.role}] 新会员: not saved")
	return problems


def new_record_starts_in_own_village(desk: Desk) -> list[str]:
	"""A clerk of one village finds it filled in on a new record (clerk review, item 15)."""
	problems = []
	for doctype in ("Enterprise", "Trade Union"):
		desk.new_form(doctype)
		place = desk.page.evaluate("() => [cur_frm.doc.village, cur_frm.doc.township]")
		if place[0] != DEMO_VILLAGE or not place[1]:
			problems.append(f"[{desk.role}] 新{doctype}: 行政村/乡镇 not filled in ({place})")
	return problems


def link_suggestions_in_chinese(desk: Desk, doctype: str, text: str) -> list[str]:
	"""What a link field suggests for `text` (the desk's own search call): kinds and categories in Chinese."""
	suggestions = desk.call(
		"""([doctype, txt]) => frappe.call({method: 'frappe.desk.search.search_link', args: {doctype, txt}})
			.then(r => (r.message || []).map(row => row.description || '').join(' / '))""",
		[doctype, text],
	)
	if not suggestions:
		return [f"[{desk.role}] {doctype}: no suggestions for {text!r}"]
	if words := english_in(suggestions):
		return [f"[{desk.role}] {doctype} suggestions: english: {' '.join(words)}"]
	return []


def create_unit(desk: Desk) -> list[str]:
	desk.new_form("Enterprise")
	desk.set_field("enterprise_name", f"青山绿源{random.randint(100, 999)}食品有限公司")
	desk.set_field("category", "Non-public Enterprise")
	desk.set_field("village", DEMO_VILLAGE)
	desk.set_field("staff_total", "70")
	desk.set_field("above_scale", 1)
	desk.save()
	if desk.page.evaluate("() => cur_frm.is_new()"):
		return desk.check("新单位 已保存") + [f"[{desk.role}] 新单位: not saved"]
	# 70 staff, above scale, no union: the form itself says which rules it breaks (issue 9, item 15).
	return form_shows_its_warnings(desk, "新单位 已保存", {"R01", "R03"})


def overview_text(desk: Desk) -> str | None:
	"""The text of the form's 合规 section, once it has come (None if it never does)."""
	try:
		desk.page.wait_for_selector(f"{OVERVIEW}", timeout=15_000)
	except Exception:
		return None
	desk.settle()
	return desk.page.inner_text(OVERVIEW)


def form_shows_its_warnings(desk: Desk, label: str, rules: set[str]) -> list[str]:
	text = overview_text(desk)
	problems = desk.check(label)
	if text is None:
		return [*problems, f"[{desk.role}] {label}: no compliance section on the form"]
	shown = set(re.findall(r"R\d\d", text))
	if not rules <= shown:
		problems.append(f"[{desk.role}] {label}: warnings {sorted(shown)} lack {sorted(rules - shown)}")
	if rules and not re.search(r"R\d\d [\u4e00-\u9fff]", text):
		problems.append(f"[{desk.role}] {label}: rule codes without their names: {text[:200]!r}")
	return problems


def unit_form_links_to_its_members(desk: Desk) -> list[str]:
	"""A clerk opens a unit of their village: its warnings and unions show, and its members are a click away."""
	unit = desk.call(
		"""(village) => frappe.db.get_list('Trade Union', {filters: {village, union_kind: 'Base Union Committee'}, limit: 1})
			.then(rows => frappe.db.get_doc('Trade Union', rows[0].name))
			.then(union => union.covered_units[0].enterprise)""",
		DEMO_VILLAGE,
	)
	desk.open_form("Enterprise", unit)
	problems = form_shows_its_warnings(desk, "单位 合规与会员", set())
	if not desk.page.locator(f"{OVERVIEW} a[href*='/app/trade-union/']").count():
		problems.append(f"[{desk.role}] 单位 {unit}: no link to its union")
	desk.page.locator(f"{OVERVIEW} .gongjian-members-link").click()
	desk.page.wait_for_function("() => window.cur_list && cur_list.doctype === 'Union Member'")
	desk.settle()
	problems += desk.check("单位的会员")
	employers = set(desk.page.evaluate("() => cur_list.data.map(row => row.employer)"))
	if employers != {unit}:
		problems.append(f"[{desk.role}] 单位的会员: list holds employers {employers}, not {unit}")
	return problems


def staff_census_of_the_village(desk: Desk) -> list[str]:
	"""普查登记: from the unit list the clerk records their village's staff as counted today; a unit's
	form then shows that count in its staff history."""
	desk.open_list("Enterprise")
	desk.click_button("普查登记")
	desk.page.wait_for_selector(".modal.show")
	problems = desk.check("普查登记 对话框", allow_dialog=True)
	# The village field takes the focus and may open its suggestions over the button: leave it first.
	desk.page.locator(".modal.show .modal-title").click()
	desk.page.wait_for_selector(".modal.show .awesomplete ul:not([hidden])", state="hidden", timeout=10_000)
	desk.page.locator(".modal.show .btn-primary").filter(has_text="登记人数").click()
	desk.page.wait_for_function(
		"() => [...document.querySelectorAll('.modal.show')].some(d => d.innerText.includes('个单位的职工人数'))"
	)
	answer = desk.visible_dialog_text() or ""
	problems += desk.check("普查登记 结果", allow_dialog=True)
	desk.close_dialog()
	if not re.search(r"已按 .+ 的统计登记 \d+ 个单位的职工人数", answer):
		problems.append(f"[{desk.role}] 普查登记: answer {answer!r}")
	unit = desk.page.evaluate("() => cur_list.data[0].name")
	desk.open_form("Enterprise", unit)
	history = desk.page.evaluate("() => cur_frm.doc.staff_history.map(row => [row.counted_on, row.source])")
	if not any(counted_on == frappe_today(desk) for counted_on, _source in history):
		problems.append(f"[{desk.role}] {unit}: staff history without today's count: {history}")
	desk.page.locator(".section-head").filter(has_text="职工人数登记历史").click()
	problems += desk.check("单位 职工人数登记历史")
	return problems


def frappe_today(desk: Desk) -> str:
	return desk.page.evaluate("() => frappe.datetime.get_today()")


def evaluation_rows_agree(desk: Desk) -> list[str]:
	"""年度总考评: a 五同步 or count row shows no rate or target it does not have (issue 9, item 18)."""
	desk.run_report("Annual Evaluation")
	problems = desk.check("年度总考评 各行")
	cells = desk.page.evaluate(
		"""() => [...$('.page-container:visible .dt-row:not(.dt-row-header)')]
			.map(row => [...row.querySelectorAll('.dt-cell__content')].map(c => c.innerText.trim()))"""
	)
	for row in cells:
		metric = next((cell for cell in row if CJK.search(cell)), "")
		if ("同步" in metric or "示范点" in metric) and any(cell.endswith("%") for cell in row):
			problems.append(f"[{desk.role}] 年度总考评: {metric} shows a rate: {row}")
	return problems


def compliance_findings_link_to_their_records(desk: Desk) -> list[str]:
	desk.run_report("Compliance Warnings")
	problems = desk.check("合规预警 链接")
	if not desk.page.locator(".dt-cell a[href*='/app/enterprise/']").count():
		problems.append(f"[{desk.role}] 合规预警: the unit column has no links")
	# the labels as drawn on the chart's axis, which Frappe Charts cuts to "R01 ..." when too long
	desk.page.wait_for_timeout(1500)
	labels = desk.page.eval_on_selector_all(
		".page-container:visible .chart-container g.x.axis text", "texts => texts.map(t => t.textContent)"
	)
	if not labels or not all(re.fullmatch(r"R\d\d[\u4e00-\u9fff]+", label) for label in labels):
		problems.append(f"[{desk.role}] 合规预警: chart labels without rule names: {labels}")
	return problems


def bad_codes_are_refused(desk: Desk) -> list[str]:
	"""A wrong unified social credit code and a wrong ID number: refused in Chinese, nothing saved."""
	problems = []
	desk.new_form("Enterprise")
	desk.set_field("enterprise_name", "青山错误代码有限公司")
	desk.set_field("category", "Non-public Enterprise")
	desk.set_field("village", DEMO_VILLAGE)
	desk.set_field("uscc", "91330182MA2ABCDE1X")
	message = desk.save(expect_error=True)
	problems += refused_in_chinese(desk, "错误的统一社会信用代码", message)
	desk.new_form("Union Member")
	desk.set_field("member_name", "钱多多")
	desk.set_field("id_number", "110105194912310021")
	message = desk.save(expect_error=True)
	problems += refused_in_chinese(desk, "错误的身份证号码", message)
	return problems


def refused_in_chinese(desk: Desk, label: str, message: str | None) -> list[str]:
	problems = desk.check(label, allow_dialog=True)
	if not message or not CJK.search(message):
		problems.append(f"[{desk.role}] {label}: no Chinese error shown: {message!r}")
	elif english_in(message):
		problems.append(f"[{desk.role}] {label}: English in the error: {message!r}")
	if not desk.page.evaluate("() => cur_frm.is_new()"):
		problems.append(f"[{desk.role}] {label}: the record was saved")
	return problems


def a_member(desk: Desk) -> str:
	return desk.call(
		"(v) => frappe.db.get_list('Union Member', {filters: {village: v, status: 'Member'}, limit: 1, pluck: 'name'})",
		DEMO_VILLAGE,
	)[0]


def transfer_and_accept(desk: Desk) -> list[str]:
	"""A worker moves to another unit of the village: the clerk sends the membership (转接中 until the
	receiving union answers) and, the receiving union being of the village, accepts it there."""
	member, union, employer = desk.call(
		"""async (village) => {
			const unions = await frappe.db.get_list('Trade Union', {filters: {village, union_kind: 'Base Union Committee', status: 'Active'}, fields: ['name'], limit: 2});
			const [from, to] = unions.map(u => u.name);
			const member = (await frappe.db.get_list('Union Member', {filters: {union: from, status: 'Member'}, limit: 1, pluck: 'name'}))[0];
			const target = await frappe.db.get_doc('Trade Union', to);
			return [member, to, target.covered_units[0].enterprise];
		}""",
		DEMO_VILLAGE,
	)
	desk.new_form("Membership Transfer")
	desk.set_field("member", member)
	desk.set_field("reason", "Job Transfer")
	desk.set_field("destination", "Transfer to Union")
	desk.set_field("to_union", union)
	problems = link_offers_in_chinese(desk, "to_employer", employer)
	desk.set_field("to_employer", employer)
	desk.save()
	problems += desk.check("会籍转出 已保存")
	desk.submit()
	problems += desk.check("会籍转出 已提交，待接收")
	status = desk.call(
		"(m) => frappe.db.get_value('Union Member', m, 'status').then(r => r.message.status)", member
	)
	if desk.field_value("transfer_status") != "Awaiting Acceptance" or status != "Transferring":
		problems.append(f"[{desk.role}] 会籍转出: {desk.field_value('transfer_status')}, member {status}")
	desk.click_button("接收转入")
	problems += desk.check("会籍转入 已接收")
	moved = desk.call(
		"(m) => frappe.db.get_value('Union Member', m, ['union', 'status']).then(r => [r.message.union, r.message.status])",
		member,
	)
	if desk.field_value("transfer_status") != "Accepted" or moved != [union, "Member"]:
		problems.append(f"[{desk.role}] 会籍转入: {desk.field_value('transfer_status')}, member {moved}")
	return problems


def link_offers_in_chinese(desk: Desk, fieldname: str, expected: str) -> list[str]:
	"""What a link box of the open page offers once emptied, its filter's description too; then the
	expected offer is picked, as a person picks it."""
	box = desk.page.locator(f'.page-container:visible input[data-fieldname="{fieldname}"]').first
	box.click()
	box.fill("")
	desk.page.wait_for_timeout(1500)
	offered = desk.page.evaluate(
		"() => [...document.querySelectorAll('.awesomplete > ul')].filter((ul) => ul.offsetParent)"
		".map((ul) => ul.innerText).join('\\n')"
	)
	problems = []
	if expected not in offered:
		problems.append(f"[{desk.role}] {fieldname}: {expected} not offered ({offered[:200]!r})")
	elif words := english_in(offered):
		problems.append(f"[{desk.role}] {fieldname} offers: english: {' '.join(words)}")
	option = desk.page.locator(".awesomplete > ul:visible [role=option]", has_text=expected)
	if option.count():
		option.first.click()
	else:
		desk.page.keyboard.press("Escape")
	box.blur()
	desk.settle()
	return problems


def submit_transfer(desk: Desk) -> list[str]:
	"""A worker leaves for a job elsewhere and keeps the membership at the township 会员之家."""
	desk.new_form("Membership Transfer")
	desk.set_field("member", a_member(desk))
	desk.set_field("reason", "Job Transfer")
	desk.set_field("destination", "Retain Membership")
	desk.set_field("to_union", "青山镇会员之家")
	desk.save()
	problems = desk.check("会籍转接 已保存")
	desk.submit()
	problems += desk.check("会籍转接 已提交")
	if desk.field_value("docstatus") != 1:
		problems.append(f"[{desk.role}] 会籍转接: not submitted")
	return problems


def submit_assessment(desk: Desk) -> list[str]:
	desk.new_form("Assessment")
	desk.set_field("period", "2026-H1")
	desk.set_field("scope", "Village")
	desk.set_field("township", DEMO_TOWNSHIP)
	desk.set_field("village", DEMO_VILLAGE)
	desk.save()
	problems = desk.check("考核 已保存")
	desk.submit()
	problems += desk.check("考核 已提交")
	if desk.field_value("docstatus") != 1:
		problems.append(f"[{desk.role}] 考核: not submitted")
	return problems


def print_member_card(desk: Desk) -> list[str]:
	"""The printer icon on a member: the member card, not a page of raw fields with the full ID."""
	member = a_member(desk)
	desk.open_form("Union Member", member)
	id_number = desk.field_value("id_number")
	desk.page.evaluate("() => cur_frm.print_doc()")
	desk.page.wait_for_function("() => location.pathname.includes('/app/print/')")
	desk.settle()
	desk.page.wait_for_timeout(1500)
	problems = desk.check("会员证 打印预览")
	shown = desk.page.evaluate(
		"""() => [...document.querySelectorAll('iframe')].map(f => f.contentDocument?.body?.innerText || '').join('\\n')
			+ document.querySelector('.print-preview-wrapper, .print-format-container')?.innerText"""
	)
	if "会员证" not in (shown or ""):
		problems.append(f"[{desk.role}] 打印: the member card is not the format shown")
	if id_number and id_number in (shown or ""):
		problems.append(f"[{desk.role}] 打印: the full ID number is printed")
	# the format box names the format in Chinese, and so do its suggestions
	chosen = desk.page.locator('#page-print input[data-fieldname="print_format"]').input_value()
	if chosen != "会员证":
		problems.append(f"[{desk.role}] 打印: the format box reads {chosen!r}")
	return problems + link_offers_in_chinese(desk, "print_format", "会员证")


def test_village_clerk_enrolls_a_roster(desk_as, tmp_path):
	"""集中入会: download the template, fill it (two good rows, one wrong ID number), attach it, read
	it, download the error report, and enroll the good rows."""
	from openpyxl import load_workbook

	from tests.browser.people import resident_id

	desk = desk_as("Village User")
	union = desk.call(
		"(village) => frappe.db.get_list('Trade Union', {filters: {village}, limit: 1, pluck: 'name'})",
		DEMO_VILLAGE,
	)[0]
	desk.new_form("Enrollment Batch")
	desk.set_field("title", "春节返乡集中入会")
	desk.set_field("union", union)
	desk.set_field("village", DEMO_VILLAGE)
	desk.save()
	problems = desk.check("集中入会 已保存")

	template = desk.download(lambda: desk.click_button("下载花名册模板"), tmp_path)
	book = load_workbook(template)
	sheet = book.active
	headers = [cell.value for cell in sheet[1]]
	for name, id_number in (
		("吴海燕", resident_id(1992)),
		("郑国强", resident_id(1985)),
		("冯错号", "330182198501011234"),
	):
		row = {"姓名": name, "身份证号码": id_number, "用工类型": "2 农民工"}
		sheet.append([row.get(str(header).rstrip("*"), "") for header in headers])
	roster = tmp_path / "花名册.xlsx"
	book.save(roster)

	desk.attach("roster", roster)
	problems += desk.check("花名册 已上传")
	desk.click_button("读取花名册")
	desk.wait_for_form("Enrollment Batch")
	problems += desk.check("花名册 已读取")
	counts = {f: desk.field_value(f) for f in ("total_rows", "valid_rows", "invalid_rows")}
	if counts != {"total_rows": 3, "valid_rows": 2, "invalid_rows": 1}:
		problems.append(f"[{desk.role}] 花名册: rows read {counts}")
	report = desk.download(lambda: desk.click_button("下载错误报告"), tmp_path)
	errors = [row for row in load_workbook(report).active.iter_rows(min_row=2, values_only=True)]
	if not errors or not any(CJK.search(str(row[-1])) for row in errors):
		problems.append(f"[{desk.role}] 错误报告: {errors}")
	desk.submit()
	problems += desk.check("集中入会 已提交")
	if desk.field_value("docstatus") != 1 or desk.field_value("enrolled_rows") != 2:
		problems.append(
			f"[{desk.role}] 集中入会: docstatus {desk.field_value('docstatus')}, enrolled {desk.field_value('enrolled_rows')}"
		)
	assert_clean(problems)


def test_login_page_explains_a_lockout(chromium, browser_base, shots):
	"""Ten wrong passwords lock logging in for five minutes, and the login page says so in Chinese."""
	# From a documentation address of its own (Frappe also locks the caller's address): the suite's
	# other logins stay free.
	address = f"198.51.100.{random.randint(1, 254)}"
	context = chromium.new_context(locale="zh-CN", extra_http_headers={"X-Forwarded-For": address})
	try:
		desk = Desk(context.new_page(), browser_base, "访客", shots, Tally())
		desk.expected_statuses |= {401, 429}
		desk.page.goto(f"{browser_base}/login")
		statuses = []
		for _attempt in range(12):
			desk.page.keyboard.press("Escape")  # a message of the previous attempt
			desk.page.fill("#login_email", f"nobody-{address}@example.com")
			desk.page.fill("#login_password", "not-the-password")
			with desk.page.expect_response(
				lambda response: response.request.method == "POST" and "/login" in response.url
			) as answer:
				desk.page.click(".btn-login")
			statuses.append(answer.value.status)
			desk.page.wait_for_timeout(500)
		desk.page.wait_for_selector(".modal:visible", timeout=10_000)
		problems = desk.check("登录页：登录已锁定", allow_dialog=True)
		shown = desk.page.inner_text(".modal:visible")
		if statuses[-1] != 429 or "登录已锁定 5 分钟" not in shown:
			problems.append(f"登录页：锁定提示 {statuses} {shown!r}")
		assert_clean(problems)
	finally:
		context.close()


def test_a_survey_round_from_the_town_to_the_village_and_back(desk_as):
	"""半年一摸底 (issue 12): the town opens a round, the village clerk finds the task on the first screen,
	checks the figures and confirms; the town sees the village confirmed and prints the table."""
	town = desk_as("Gongjian Manager")
	period = town.call(
		"""(township) => frappe.db.get_list('Survey Round', {filters: {township}, fields: ['period'], limit: 100})
			.then(rows => rows.map(row => row.period))
			.then(taken => ['2026-H2', '2026-H1', '2025-H2', '2025-H1', '2024-H2', '2024-H1', '2023-H2']
				.find(p => !taken.includes(p)))""",
		DEMO_TOWNSHIP,
	)
	town.new_form("Survey Round")
	town.set_field("township", DEMO_TOWNSHIP)
	town.set_field("period", period)
	town.set_field(
		"deadline", town.page.evaluate("() => frappe.datetime.add_days(frappe.datetime.get_today(), 14)")
	)
	town.set_field("instructions", "核对本村单位、职工和会员数据，更正后确认")
	town.save()
	town.page.wait_for_selector(".frappe-control[data-fieldname='progress_html'] table")
	problems = town.check("摸底轮次 已开启")
	round_name = town.page.evaluate("() => cur_frm.doc.name")
	summary = town.page.locator(".gongjian-round-summary").inner_text()
	if not re.search(r"已确认 0/\d+ 个村", summary):
		problems.append(f"[{town.role}] 摸底轮次: progress reads {summary!r}")

	clerk = desk_as("Village User")
	clerk.go("gongjian")
	clerk.settle()
	shortcut = clerk.page.locator(".widget.shortcut-widget-box").filter(has_text="摸底任务")
	if "待确认" not in shortcut.inner_text():
		problems.append(
			f"[{clerk.role}] 工作台: the survey task shortcut shows no count: {shortcut.inner_text()!r}"
		)
	problems += clerk.check("工作台 摸底任务")
	task = f"{DEMO_VILLAGE}{period}摸底"
	clerk.open_form("Survey Task", task)
	clerk.page.wait_for_selector(".gongjian-task-figures")
	problems += clerk.check("摸底任务 本村数据")
	figures = clerk.page.locator(".gongjian-task-figures").inner_text()
	if "入会率" not in figures or "分母" not in figures:
		problems.append(f"[{clerk.role}] 摸底任务: figures without rates and their parts: {figures[:200]!r}")
	clerk.click_button("确认数据")
	clerk.page.wait_for_selector(".modal.show")
	clerk.page.locator(".modal.show textarea").fill("已核对，无更正")
	clerk.page.locator(".modal.show .btn-primary").filter(has_text="确认").click()
	clerk.page.wait_for_function("() => cur_frm.doc.status === 'Confirmed'")
	clerk.settle()
	problems += clerk.check("摸底任务 已确认")
	if not clerk.page.evaluate("() => cur_frm.doc.assessment"):
		problems.append(f"[{clerk.role}] 摸底任务: confirmed without a frozen assessment")

	town.open_form("Survey Round", round_name)
	town.page.evaluate("() => cur_frm.reload_doc()")  # the town's page stayed on the round meanwhile
	try:  # the form drawn before is on the page until the progress comes back
		town.page.wait_for_function(
			"() => document.querySelector('.gongjian-round-summary')?.innerText.startsWith('已确认 1/')",
			timeout=15_000,
		)
	except PlaywrightTimeoutError:
		summary = town.page.locator(".gongjian-round-summary").inner_text()
		problems.append(f"[{town.role}] 摸底轮次: after the village confirmed, progress reads {summary!r}")
	problems += town.check("摸底轮次 进度")
	town.page.evaluate("() => cur_frm.print_doc()")
	town.page.wait_for_function("() => location.pathname.includes('/app/print/')")
	town.settle()
	town.page.wait_for_timeout(1500)
	problems += town.check("摸底表 打印预览")
	assert_clean(problems)


@pytest.fixture
def member_card():
	"""A member of the demo town with a card, and the link the card's QR code holds."""
	import frappe

	from gongjian.member_card import card_check_url
	from tests.site import connect_site

	connect_site(os.environ["GONGJIAN_BROWSER_SITE"])
	try:
		fields = ["name", "card_number", "member_name"]
		member = frappe.db.get_value(
			"Union Member", {"status": "Member", "card_number": ["is", "set"]}, fields, as_dict=True
		)
		if not member:  # the demo town's members are registered by hand, without cards
			member = frappe.db.get_value("Union Member", {"status": "Member"}, fields, as_dict=True)
			member.card_number = "QS" + frappe.generate_hash(length=8).upper()
			frappe.db.set_value("Union Member", member.name, "card_number", member.card_number)
			frappe.db.commit()
		return member, urlsplit(card_check_url(member.card_number))
	finally:
		frappe.destroy()


def test_a_member_service_checks_a_card_on_a_phone(chromium, browser_base, shots, member_card):
	"""Issue 14: the QR code on a member card opens a public page that says, on a phone, only whether the
	card is valid, with the name masked, the union and the status; a forged link says nothing of anyone."""
	from gongjian.member_card import masked_name

	member, link = member_card
	address = f"198.51.100.{random.randint(1, 254)}"  # the check is limited per address
	context = chromium.new_context(
		locale="zh-CN",
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
		extra_http_headers={"X-Forwarded-For": address},
	)
	try:
		desk = Desk(context.new_page(), browser_base, "访客", shots, Tally())
		desk.page.goto(f"{browser_base}{link.path}?{link.query}")
		problems = desk.check("手机：会员证核验")
		shown = desk.page.inner_text("body")
		if "会员证有效" not in shown or masked_name(member.member_name) not in shown:
			problems.append(f"会员证核验：{shown[:200]!r}")
		if member.member_name in shown or member.card_number in shown:
			problems.append("会员证核验：the page shows the full name or the card number")
		desk.page.goto(f"{browser_base}{link.path}?n={member.card_number}&s=0123456789abcdef0123")
		problems += desk.check("手机：伪造的核验链接")
		shown = desk.page.inner_text("body")
		if "不是会员证" not in shown or masked_name(member.member_name) in shown:
			problems.append(f"伪造的核验链接：{shown[:200]!r}")
		assert_clean(problems)
	finally:
		context.close()


@pytest.fixture
def village_union():
	"""The village account's union in the demo town, a unit it covers, and a worker's new ID number."""
	import frappe

	from gongjian.rules.identifiers import id_check_char
	from tests.site import connect_site

	connect_site(os.environ["GONGJIAN_BROWSER_SITE"])
	try:
		union = frappe.get_all(
			"Trade Union",
			filters={
				"village": DEMO_VILLAGE,
				"status": "Active",
				"union_kind": ["in", ["Base Union Committee", "Joint Base Union"]],
			},
			fields=["name"],
			order_by="name",
		)[0].name
		unit = frappe.get_all("Trade Union Unit", filters={"parent": union}, fields=["enterprise"])[
			0
		].enterprise
		while True:
			first17 = f"43052419970{random.randint(1, 9)}{random.randint(10, 28)}{random.randint(100, 999)}"
			number = first17 + id_check_char(first17)
			if not id_registered("Union Member", number) and not id_registered(
				"Membership Application", number
			):
				return frappe._dict(union=union, unit=unit, id_number=number)
	finally:
		frappe.destroy()


def current_join_link(union: str) -> str:
	import frappe

	from gongjian.join import join_url
	from tests.site import connect_site

	connect_site(os.environ["GONGJIAN_BROWSER_SITE"])
	try:
		return join_url(union)
	finally:
		frappe.destroy()


def see_whole_numbers_on_purpose(clerk: Desk, desk_as, member: str, id_number: str) -> list[str]:
	"""个人信息保护法: the member's form shows the ID number masked; the clerk asks for the whole one,
	confirms, and sees it in a dialog; the town manager finds that in the access log."""
	# the list shows numbers masked: the clerk finds the member by the whole number instead
	clerk.open_list("Union Member")
	clerk.click_button("按身份证号查找")
	clerk.page.locator(".modal.show input[data-fieldname=id_number]").fill(id_number)
	clerk.page.locator(".modal.show .btn-primary").click()
	clerk.page.wait_for_function(
		"(name) => cur_frm && cur_frm.doc.name === name && location.pathname.includes('/app/union-member/')",
		arg=member,
	)
	clerk.settle()
	problems = clerk.check("会员 身份证号已遮蔽")
	if clerk.field_value("id_number") != mask_id_number(id_number):
		problems.append(f"会员：ID number shown as {clerk.field_value('id_number')!r}, not masked")
	if id_number in clerk.page.inner_text("body"):
		problems.append("会员：the whole ID number is on the page before anyone asked for it")
	clerk.click_button("查看完整号码")
	clerk.page.locator(".modal.show .btn-primary").last.click()  # confirms: name and time are recorded
	clerk.page.wait_for_function(
		"() => [...document.querySelectorAll('.modal.show')].some(d => d.innerText.includes('完整号码'))"
	)
	clerk.settle()
	shown = clerk.visible_dialog_text() or ""
	problems += clerk.check("会员 查看完整号码", allow_dialog=True)
	if id_number not in shown:
		problems.append(f"查看完整号码：the dialog shows {shown[:120]!r}")
	clerk.close_dialog()
	manager = desk_as("Gongjian Manager")
	manager.open_list("Personal Data Access Log")
	problems += manager.check("个人信息查阅记录")
	if member not in manager.page.inner_text(".page-container:visible .frappe-list"):
		problems.append(f"个人信息查阅记录：the clerk's look at {member} is not listed")
	return problems


def test_a_worker_joins_by_phone_and_the_village_clerk_approves(
	chromium, browser_base, shots, desk_as, village_union
):
	"""Issue 14: the village clerk makes the union's join link and prints its QR poster; a worker opens
	the link on a phone, applies with consent and gets an application number; the clerk approves the
	application in the desk; the worker opens the e-card, whose QR code checks as valid."""
	clerk = desk_as("Village User")
	clerk.open_form("Trade Union", village_union.union)
	problems = clerk.check("工会：扫码入会")
	clerk.page.locator(".page-container:visible .inner-group-button button").filter(
		has_text="扫码入会"
	).click()
	clerk.page.locator(".page-container:visible .dropdown-menu.show .dropdown-item").filter(
		has_text="入会链接"
	).first.click()
	if "失效" in (clerk.visible_dialog_text() or ""):  # a link made before: the clerk confirms replacing it
		clerk.page.locator(".modal:visible .btn-primary").click()
	clerk.page.wait_for_function(
		"() => [...document.querySelectorAll('.modal.show')].some(d => d.innerText.includes('入会链接已生成'))"
	)
	clerk.settle()
	shown_link = clerk.visible_dialog_text() or ""
	problems += clerk.check("工会：已生成入会链接", allow_dialog=True)
	if "/join?t=" not in shown_link or "复制链接" not in shown_link:
		problems.append(f"入会链接：the clerk is not shown the link to send: {shown_link[:200]!r}")
	clerk.close_dialog()
	clerk.page.locator(".page-container:visible .inner-group-button button").filter(
		has_text="扫码入会"
	).click()
	with clerk.page.context.expect_page() as opened:  # the poster opens in a tab of its own, to print
		clerk.page.locator(".page-container:visible .dropdown-menu.show .dropdown-item").filter(
			has_text="打印入会二维码海报"
		).click()
	poster_page = opened.value
	poster_page.wait_for_load_state()
	poster_page.screenshot(path=str(shots / "Village_User-入会二维码海报.png"), full_page=True)
	poster = poster_page.inner_text("body")
	if "扫码加入工会" not in poster or not poster_page.locator(".gj-qr svg").count():
		problems.append(f"入会二维码海报：{poster[:200]!r}")
	poster_page.close()
	link = urlsplit(current_join_link(village_union.union))

	phone = chromium.new_context(
		locale="zh-CN",
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
		extra_http_headers={"X-Forwarded-For": f"198.51.100.{random.randint(1, 254)}"},
	)
	try:
		worker = Desk(phone.new_page(), browser_base, "职工", shots, Tally())
		worker.page.goto(f"{browser_base}{link.path}?{link.query}")
		problems += worker.check("手机：入会申请表")
		worker.page.fill("input[name=applicant_name]", "刘春燕")
		worker.page.fill("input[name=id_number]", village_union.id_number)
		worker.page.fill("input[name=phone]", "13812345678")
		worker.page.select_option("select[name=employment_kind]", "Migrant Worker")
		worker.page.select_option("select[name=employer]", village_union.unit)
		worker.page.fill("input[name=hometown]", "湖南省平江县")
		worker.page.click("button[type=submit]")  # without consent: asked for it, in Chinese
		worker.page.wait_for_selector("#join-form .message:not([hidden])")
		problems += worker.check("手机：未勾选同意")
		if "同意" not in worker.page.inner_text("#join-form .message"):
			problems.append("入会申请：no consent, and no message asking for it")
		worker.page.check("input[name=consent]")
		worker.page.click("button[type=submit]")
		worker.page.wait_for_selector("#join-done:not([hidden])")
		problems += worker.check("手机：申请已提交")
		application = worker.page.inner_text(".application-number").strip()
		if not re.fullmatch(r"SQ\d{10}", application):
			problems.append(f"入会申请：application number {application!r}")
		worker.page.click(".status-link")
		worker.page.wait_for_load_state()
		problems += worker.check("手机：申请进度")
		if "等待工会审核" not in worker.page.inner_text("body") or "刘春燕" in worker.page.inner_text("body"):
			problems.append("申请进度：not waiting, or the full name shown")

		clerk.open_list("Membership Application")
		problems += clerk.check("入会申请 列表")
		if application not in clerk.list_names():
			problems.append(f"入会申请：{application} is not in the clerk's list")
		clerk.open_form("Membership Application", application)
		problems += clerk.check("入会申请 表单")
		clerk.click_button("批准")
		clerk.page.wait_for_function("() => cur_frm.doc.status === 'Approved'", timeout=30_000)
		clerk.settle()
		problems += clerk.check("入会申请 已批准")
		member = clerk.field_value("member")
		if not member:
			problems.append("入会申请：approved without a member")
		problems += see_whole_numbers_on_purpose(clerk, desk_as, member, village_union.id_number)

		worker.page.goto(f"{browser_base}/my-card")
		problems += worker.check("手机：打开会员证")
		worker.page.fill("input[name=application]", application)
		worker.page.fill("input[name=id_number]", village_union.id_number)
		worker.page.fill("input[name=phone]", "138 1234 5678")
		worker.page.click("button[type=submit]")
		worker.page.wait_for_selector("#e-card:not([hidden])")
		problems += worker.check("手机：电子会员证")
		card = worker.page.inner_text("#e-card")
		if "刘春燕" not in card or village_union.union not in card or "GH" not in card:
			problems.append(f"电子会员证：{card[:200]!r}")
		if not worker.page.locator("#e-card .qr svg").count():
			problems.append("电子会员证：no QR code")
		worker.page.click("#e-card a.qr")  # the QR code is also a link, for the worker's own phone
		worker.page.wait_for_url(re.compile(r".*/card-check\?.*"))
		problems += worker.check("手机：扫码核验电子会员证")
		if "会员证有效" not in worker.page.inner_text("body"):
			problems.append("电子会员证的二维码：not valid at the check")
		assert_clean(problems)
	finally:
		phone.close()
