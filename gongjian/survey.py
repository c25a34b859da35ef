"""半年一摸底，年底总考评 as a process (R20): a survey round per township and period, one task per
village. The village checks its figures, corrects its registers and confirms, which freezes its
Assessment for the period; the town sends a village back or closes the round, which freezes the
township's. A daily job reminds villages past the deadline.

Every call runs with the session user's own permissions: a village user confirms only the tasks
(and so the Assessments) of their villages."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.desk.form.assign_to import close_all_assignments
from frappe.query_builder import DocType
from frappe.utils import get_datetime, get_url_to_form, getdate, now_datetime, today

from gongjian.exceptions import GongjianValidationError
from gongjian.metrics import period_end
from gongjian.staff import take_staff_census

OPEN, CONFIRMED, RETURNED = "Awaiting Confirmation", "Confirmed", "Sent Back"
ROUND_OPEN, ROUND_CLOSED = "In Progress", "Closed"
WAITING = (OPEN, RETURNED)  # a task the village still has to confirm


def round_name(township: str, period: str) -> str:
	return f"{township}{period}摸底"


def task_name(village: str, period: str) -> str:
	return f"{village}{period}摸底"


def open_round(survey_round) -> None:
	"""One task per village of the round's township, assigned to the village's users, who are told."""
	villages = frappe.get_list(
		"Village", filters={"township": survey_round.township}, pluck="name", order_by="village_code asc"
	)
	if not villages:
		frappe.throw(_("The township {0} has no villages to survey").format(survey_round.township))
	users_of = village_users(villages)
	for village in villages:
		task = frappe.get_doc(
			{
				"doctype": "Survey Task",
				"survey_round": survey_round.name,
				"village": village,
				"township": survey_round.township,
				"period": survey_round.period,
				"deadline": survey_round.deadline,
				"instructions": survey_round.instructions,
			}
		)
		task.flags.from_round = True
		task.insert()
		assign(task, users_of.get(village, []), survey_round.instructions or "")


def village_users(villages: list[str]) -> dict[str, list[str]]:
	"""The enabled Village Users of each village (their User Permissions on Village)."""
	rows = frappe.get_all(
		"User Permission",
		filters={"allow": "Village", "for_value": ["in", villages or [""]]},
		fields=["user", "for_value"],
	)
	users = {row.user for row in rows}
	enabled = set(
		frappe.get_all(
			"Has Role",
			filters={"parenttype": "User", "role": "Village User", "parent": ["in", list(users) or [""]]},
			pluck="parent",
		)
	) & set(frappe.get_all("User", filters={"enabled": 1, "name": ["in", list(users) or [""]]}, pluck="name"))
	found: dict[str, list[str]] = {}
	for row in rows:
		if row.user in enabled and row.user not in found.get(row.for_value, []):
			found.setdefault(row.for_value, []).append(row.user)
	return found


def managers() -> list[str]:
	"""The enabled town managers, who are told of overdue villages."""
	holders = frappe.get_all(
		"Has Role", filters={"parenttype": "User", "role": "Gongjian Manager"}, pluck="parent"
	)
	return frappe.get_all("User", filters={"enabled": 1, "name": ["in", holders or [""]]}, pluck="name")


def refuse_process_changes(doc, before, fields: tuple[str, ...]) -> None:
	"""The fields the survey process sets are never typed: a save that changes one is refused, naming
	it. Dates and times compare as values: the desk sends them back as text."""
	for field in fields:
		fieldtype = doc.meta.get_field(field).fieldtype
		stored = before.get(field) if before else doc.meta.get_field(field).default
		if as_value(fieldtype, doc.get(field)) != as_value(fieldtype, stored):
			frappe.throw(
				_("{0} is set by the survey round itself").format(_(doc.meta.get_label(field))),
				GongjianValidationError,
			)


def as_value(fieldtype: str, value):
	if not value:
		return None
	if fieldtype == "Datetime":
		return get_datetime(value)
	if fieldtype == "Date":
		return getdate(value)
	return str(value)


def assign(task, users: list[str], description: str, subject: str | None = None) -> None:
	"""A to-do for each user and a notification, made now (not queued: a site served without
	background workers would never show them)."""
	for user in users:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": task.doctype,
				"reference_name": task.name,
				"description": description or _("Survey Task {0}").format(task.name),
				"date": task.deadline,
				"assigned_by": frappe.session.user,
			}
		).insert(ignore_permissions=True)  # a to-do for someone else: Frappe's own assignment does so too
	notify(
		users,
		task,
		subject or _("Survey task {0}: check and confirm by {1}").format(task.name, task.deadline),
	)


def notify(users: list[str], task, subject: str) -> None:
	if users:
		make_notification_logs(
			frappe._dict(
				type="Alert",
				document_type=task.doctype,
				document_name=task.name,
				subject=subject,
				from_user=frappe.session.user,
				email_content=task.instructions or "",
			),
			users,
		)


def check_round_open(round_name_: str) -> None:
	if frappe.db.get_value("Survey Round", round_name_, "status") != ROUND_OPEN:
		frappe.throw(_("The survey round {0} is closed").format(round_name_), GongjianValidationError)


@frappe.whitelist(methods=["POST"])
def confirm_task(name: str, note: str | None = None) -> dict:
	"""The village confirms its figures: its staff are recorded as counted today (普查登记) and its
	Assessment for the period is frozen. Returns the task's new state."""
	task = frappe.get_doc("Survey Task", name)
	task.check_permission("write")
	if task.status == CONFIRMED:
		frappe.throw(_("{0} is confirmed already").format(task.name), GongjianValidationError)
	check_round_open(task.survey_round)
	take_staff_census(village=task.village)
	assessment = frozen_assessment(task.period, village=task.village)
	task.update(
		{
			"status": CONFIRMED,
			"confirmed_by": frappe.session.user,
			"confirmed_on": now_datetime(),
			"assessment": assessment,
			"return_comment": None,
		}
	)
	if note is not None:
		task.confirmation_note = note
	task.flags.from_round = True
	task.save()
	close_all_assignments(task.doctype, task.name)
	return {"status": task.status, "assessment": assessment}


@frappe.whitelist(methods=["POST"])
def send_back(name: str, comment: str) -> dict:
	"""The town returns a village's task with a comment: its frozen Assessment is cancelled, to be
	frozen again when the village confirms once more."""
	task = frappe.get_doc("Survey Task", name)
	frappe.get_doc("Survey Round", task.survey_round).check_permission("write")
	if not (comment or "").strip():
		frappe.throw(_("Say why the task is sent back"), GongjianValidationError)
	check_round_open(task.survey_round)
	if task.status == RETURNED:
		frappe.throw(_("{0} is sent back already").format(task.name), GongjianValidationError)
	if task.assessment and frappe.db.get_value("Assessment", task.assessment, "docstatus") == 1:
		frappe.get_doc("Assessment", task.assessment).cancel()
	task.update(
		{
			"status": RETURNED,
			"return_comment": comment.strip(),
			"confirmed_by": None,
			"confirmed_on": None,
			"assessment": None,
		}
	)
	task.flags.from_round = True
	task.save()
	close_all_assignments(task.doctype, task.name)
	assign(
		task,
		village_users([task.village]).get(task.village, []),
		comment.strip(),
		_("Survey task {0} sent back: {1}").format(task.name, comment.strip()),
	)
	return {"status": task.status}


@frappe.whitelist(methods=["POST"])
def close_round(name: str) -> dict:
	"""The town closes a round once every village has confirmed: the township's Assessment is
	frozen."""
	survey_round = frappe.get_doc("Survey Round", name)
	survey_round.check_permission("write")
	check_round_open(name)
	waiting = frappe.get_all(
		"Survey Task",
		filters={"survey_round": name, "status": ["in", WAITING]},
		pluck="village",
		order_by="village asc",
	)
	if waiting:
		frappe.throw(
			_("These villages have not confirmed yet: {0}").format("、".join(waiting)),
			GongjianValidationError,
		)
	survey_round.update(
		{
			"status": ROUND_CLOSED,
			"closed_on": now_datetime(),
			"closed_by": frappe.session.user,
			"township_assessment": frozen_assessment(survey_round.period, township=survey_round.township),
		}
	)
	survey_round.flags.from_round = True
	survey_round.save()
	return {"status": survey_round.status, "assessment": survey_round.township_assessment}


def frozen_assessment(period: str, village: str | None = None, township: str | None = None) -> str:
	"""A new Assessment of a village or township for `period`, made and submitted now by the session
	user: its metrics are frozen as the confirmation vouches for them. One made earlier, even
	submitted, is never taken instead: it would freeze figures of another day."""
	scope = (
		{"scope": "Village", "village": village} if village else {"scope": "Township", "township": township}
	)
	assessment = frappe.get_doc({"doctype": "Assessment", "period": period, **scope}).insert()
	assessment.submit()
	return assessment.name


@frappe.whitelist()
@frappe.read_only()
def round_progress(name: str) -> dict:
	"""The round's tasks the user may read, village by village, with the counts of each state."""
	frappe.get_doc("Survey Round", name).check_permission("read")
	tasks = frappe.get_list(
		"Survey Task",
		filters={"survey_round": name},
		fields=["name", "village", "status", "deadline", "confirmed_by", "confirmed_on", "return_comment"],
		order_by="village asc",
		limit_page_length=0,
	)
	tasks = in_village_order(tasks)
	on = getdate(today())
	for task in tasks:
		task.overdue = task.status in WAITING and getdate(task.deadline) < on
		task.status_label = _(task.status)
		task.confirmed_by_name = frappe.utils.get_fullname(task.confirmed_by) if task.confirmed_by else ""
	return {
		"tasks": tasks,
		"confirmed": sum(task.status == CONFIRMED for task in tasks),
		"open": sum(task.status in WAITING for task in tasks),
		"overdue": sum(bool(task.overdue) for task in tasks),
		"total": len(tasks),
	}


def remind_overdue() -> int:
	"""Daily (scheduler): each village past its deadline, and the town managers, are told once a day;
	by email too where outgoing email is set up. Returns how many tasks were reminded of."""
	on = getdate(today())
	open_rounds = frappe.get_all("Survey Round", filters={"status": ROUND_OPEN}, pluck="name")
	tasks = frappe.get_all(
		"Survey Task",
		filters={
			"survey_round": ["in", open_rounds or [""]],
			"status": ["in", WAITING],
			"deadline": ["<", on],
		},
		or_filters=[["last_reminded_on", "is", "not set"], ["last_reminded_on", "<", on]],
		fields=["name", "village", "deadline", "instructions"],
	)
	if not tasks:
		return 0
	users_of, town = village_users([task.village for task in tasks]), managers()
	can_email = bool(frappe.get_all("Email Account", filters={"enable_outgoing": 1}, limit=1))
	for task in tasks:
		task.doctype = "Survey Task"
		recipients = sorted(set(users_of.get(task.village, [])) | set(town))
		subject = _("Survey task {0} is overdue: its deadline was {1}").format(task.name, task.deadline)
		notify(recipients, task, subject)
		if can_email and recipients:
			frappe.sendmail(
				recipients=recipients,
				subject=subject,
				message=f'<p>{subject}</p><p><a href="{get_url_to_form(task.doctype, task.name)}">{task.name}</a></p>',
				reference_doctype=task.doctype,
				reference_name=task.name,
			)
	reminded = DocType("Survey Task")
	frappe.qb.update(reminded).set(reminded.last_reminded_on, on).where(
		reminded.name.isin([task.name for task in tasks])
	).run()
	return len(tasks)


def check_period(period: str) -> str:
	"""A round's period as the reviews read it: 2026-H1, 2026-H2 or 2026 (refused in Chinese otherwise)."""
	period = str(period or "").strip()
	period_end(period)
	return period


@frappe.whitelist()
@frappe.read_only()
def task_figures(name: str) -> dict:
	"""What the village checks before confirming: its survey figures for the period, each rate with
	numerator and denominator, and its open compliance warnings."""
	from gongjian.compliance import compliance_rows
	from gongjian.metrics import RATE_LABELS, metrics_for
	from gongjian.rules.catalogue import rule_title
	from gongjian.rules.metrics import total

	task = frappe.get_doc("Survey Task", name)
	task.check_permission("read")
	metrics = total(metrics_for({"village": task.village, "period": task.period}))
	rates = [
		{
			"label": _(label),
			"numerator": getattr(metrics, key).numerator,
			"denominator": getattr(metrics, key).denominator,
			"percent": getattr(metrics, key).percent,
		}
		for key, label in RATE_LABELS.items()
	]
	counts = [
		{"label": _("Units"), "value": metrics.units},
		{"label": _("Total Staff"), "value": metrics.staff},
		{"label": _("Members"), "value": metrics.members},
		{"label": _("Members without a Unit"), "value": metrics.members_without_unit},
	]
	warnings = [
		{**row, "rule_title": rule_title(row["rule"], _)}
		for row in compliance_rows({"village": task.village})
	]
	# A period still running is counted as of today: no record is dated ahead (validation refuses it).
	as_of = min(period_end(task.period), getdate(today()))
	return {"rates": rates, "counts": counts, "warnings": warnings, "as_of": str(as_of)}


def round_table(name: str) -> dict:
	"""The round's survey table (半年摸底表): each village's frozen figures, from the Assessment its
	confirmation froze, and the township's once the round is closed. Villages the user may read only."""
	survey_round = frappe.get_doc("Survey Round", name)
	survey_round.check_permission("read")
	tasks = frappe.get_list(
		"Survey Task",
		filters={"survey_round": name},
		fields=["village", "status", "assessment", "confirmed_on"],
		order_by="village asc",
		limit_page_length=0,
	)
	tasks = in_village_order(tasks)
	assessments = [t.assessment for t in tasks if t.assessment]
	# The township's total is the town's figure: shown to whoever may read the township's Assessment.
	township_total = survey_round.township_assessment and frappe.has_permission(
		"Assessment", "read", doc=survey_round.township_assessment
	)
	if township_total:
		assessments.append(survey_round.township_assessment)
	rows = frappe.get_all(
		"Assessment Metric",
		filters={"parenttype": "Assessment", "parent": ["in", assessments or [""]]},
		fields=["parent", "metric", "numerator", "denominator", "percent"],
		order_by="parent asc, idx asc",
	)
	metrics_of: dict[str, list] = {}
	for row in rows:
		metrics_of.setdefault(row.parent, []).append(row)
	labels = list(dict.fromkeys(row.metric for row in rows))
	lines = [
		{"place": t.village, "status": _(t.status), "metrics": cells(metrics_of.get(t.assessment, []))}
		for t in tasks
	]
	if township_total:
		lines.append(
			{
				"total": True,
				"place": _("Township Total"),
				"status": _(survey_round.status),
				"metrics": cells(metrics_of.get(survey_round.township_assessment, [])),
			}
		)
	return {"round": survey_round, "labels": labels, "brief_labels": brief(labels), "lines": lines}


# What the printed table shows, to fit a page: the rates of the reviews and three counts (the Excel
# file keeps every metric).
BRIEF_COUNTS = ("Units", "Total Staff", "Members")
BRIEF_LEFT_OUT = ("own_union",)


def brief(labels: list[str]) -> list[str]:
	from gongjian.metrics import RATE_LABELS

	kept = {_(label) for label in BRIEF_COUNTS} | {
		_(label) for key, label in RATE_LABELS.items() if key not in BRIEF_LEFT_OUT
	}
	return [label for label in labels if label in kept]


def cells(rows: list) -> dict[str, str]:
	"""A metric as the table prints it: a rate as "80.0% (8/10)" ("—" over nothing), a count of
	items as "3/5", a count as its number."""
	from gongjian.metrics import RATE_LABELS

	rates = {_(label) for label in RATE_LABELS.values()}
	found = {}
	for row in rows:
		if row.metric in rates:
			found[row.metric] = (
				f"{row.percent:.1f}% ({row.numerator}/{row.denominator})" if row.denominator else "—"
			)
		elif row.denominator:
			found[row.metric] = f"{row.numerator}/{row.denominator}"
		else:
			found[row.metric] = str(row.numerator or 0)
	return found


def in_village_order(tasks: list) -> list:
	"""Tasks in the order of their villages' official codes, as the survey report lists them."""
	from gongjian.gongjian.report.semiannual_survey.semiannual_survey import group_order

	by_village = {task.village: task for task in tasks}
	return [by_village[village] for village in group_order("village", by_village)]


def as_number(cell: str):
	"""A count is written to Excel as a number, for the sheet to sum and sort; rates keep their text."""
	return int(cell) if cell.isdigit() else cell


@frappe.whitelist()
@frappe.read_only()
def download_round_table(name: str) -> None:
	"""The round's survey table as an Excel file."""
	from frappe.utils.xlsxutils import make_xlsx

	table = round_table(name)
	header = [_("Village"), _("Status"), *table["labels"]]
	data = [header] + [
		[
			line["place"],
			line["status"],
			*(as_number(line["metrics"].get(label, "")) for label in table["labels"]),
		]
		for line in table["lines"]
	]
	title = _("Survey Table {0}").format(name)
	frappe.response["filename"] = f"{title}.xlsx"
	frappe.response["filecontent"] = make_xlsx(data, _("Survey Table")).getvalue()
	frappe.response["type"] = "binary"
