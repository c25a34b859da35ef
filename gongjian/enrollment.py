"""Enrollment batches (集中入会 / 花名册): the Excel template, reading a filled roster, checking every
row set-based, the per-row error report, and enrolling through REST."""

import csv
import io

import frappe
from frappe import _
from frappe.query_builder import DocType
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from gongjian.exceptions import GongjianValidationError
from gongjian.members import allocate_card_numbers, bulk_insert_members, wait_for_other_enrollments
from gongjian.personal_data import count_id_numbers_checked, identity_key, key_field
from gongjian.rules.enrollment import COLUMNS, TEXT_COLUMNS, check_rows
from gongjian.scoped_doctypes import ID

# A roster read in the desk is kept row by row for review: a clerk's roster is a village's or a
# unit's workers; a county's thousands go through the API (`enroll`) or several batches.
MOST_ROSTER_ROWS = 5000


def header_labels() -> list[str]:
	return [_(label) for _field, label, _codes, _required in COLUMNS]


@frappe.whitelist()
def download_template():
	"""The roster template: Chinese headers, drop-downs of codes on the coded columns."""
	book = Workbook()
	sheet = book.active
	sheet.title = _("Roster")
	sheet.append(header_labels())
	for index, (field, _label, codes, _required) in enumerate(COLUMNS, start=1):
		column = sheet.cell(row=1, column=index).column_letter
		sheet.column_dimensions[column].width = 18
		if field in TEXT_COLUMNS:  # what is typed stays text, every digit of it
			sheet.column_dimensions[column].number_format = "@"
		if codes:
			choices = ",".join(
				f"{code} {_(str(value)) if isinstance(value, str) else _('Yes' if value else 'No')}"
				for code, value in codes.items()
			)
			validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
			sheet.add_data_validation(validation)
			validation.add(f"{column}2:{column}{MOST_ROSTER_ROWS + 1}")
	out = io.BytesIO()
	book.save(out)
	frappe.response["type"] = "binary"
	frappe.response["filename"] = _("Roster Template") + ".xlsx"
	frappe.response["filecontent"] = out.getvalue()


def read_roster(content: bytes, filename: str) -> list[dict]:
	"""Rows of a filled template (xlsx or csv), keyed by field; headers may be Chinese or English."""
	by_label = {}
	for field, label, _codes, _required in COLUMNS:
		by_label[label] = field
		by_label[_(label)] = field
	if filename.lower().endswith(".csv"):
		lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
	else:
		sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
		lines = [
			[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)
		]
	if not lines:
		return []
	fields = [by_label.get(str(h).strip().rstrip("*")) for h in lines[0]]
	rows = []
	for row_no, line in enumerate(lines[1:], start=2):
		if not any(str(cell).strip() for cell in line):
			continue
		row = {field: line[i] for i, field in enumerate(fields) if field and i < len(line)}
		row["row_no"] = row_no
		rows.append(row)
	return rows


ROW_FIELDS = (
	"member_name",
	"id_number",
	"gender",
	"employment_kind",
	"education",
	"skill_level",
	"migrant",
	"join_channel",
	"employer",
	"union",
	"phone",
)


def rows_to_check(batch) -> list:
	"""A roster just read (batch.flags.roster) as read, else the batch's rows."""
	roster = batch.flags.roster
	return roster if roster is not None else [row.as_dict() for row in batch.rows]


def id_numbers_of(rows) -> set[str]:
	return {str(r.get("id_number") or "").strip().upper() for r in rows} - {""}


def count_new_id_numbers(batch) -> None:
	"""The ID numbers a save checks that the batch did not hold before count against the user's daily
	allowance (personal_data.ID_CHECK_ALLOWANCES): a roster says which are members already."""
	before = batch.get_doc_before_save()
	held = {row.get(key_field("id_number")) for row in before.rows} if before else set()
	checked = {identity_key(ID, number) for number in id_numbers_of(rows_to_check(batch))}
	count_id_numbers_checked("roster", len(checked - held))


def check_batch(batch) -> None:
	"""Check every row of `batch` with one query for all ID numbers, one for the employers and one
	for the unions the user may use; record each row's status and Chinese reasons.

	A roster just read (batch.flags.roster) is checked as read. Through the API the batch then keeps as
	rows only those that need attention (the enrolled members link to it themselves); loaded in the
	desk (flags.keep_all_rows) it keeps every row for review."""
	roster = batch.flags.roster
	rows = rows_to_check(batch)
	ids = id_numbers_of(rows)
	# A batch about to enroll waits for the others, then reads the members with a locking read: that
	# sees what they committed meanwhile (a plain read sees this transaction's older snapshot).
	enrolling = batch.docstatus == 1 or bool(batch.flags.enrolling)
	if enrolling:
		wait_for_other_enrollments()
	existing = {}
	if ids:
		# Members keep ID numbers masked: find them by the numbers' digests.
		number_of = {identity_key(ID, number): number for number in ids}
		member = DocType("Union Member")
		query = (
			frappe.qb.from_(member)
			.select(member.name, member.id_number_key, member.union)
			.where(member.id_number_key.isin(sorted(number_of)))
		)
		for m in (query.for_update() if enrolling else query).run(as_dict=True):
			existing[number_of[m.id_number_key]] = (m.name, m.union)
		# A row names an existing member only to a user who may read that member.
		readable = set(
			frappe.get_list(
				"Union Member",
				filters={"name": ["in", [m for m, _u in existing.values()] or [""]]},
				pluck="name",
			)
		)
		existing = {number: (m if m in readable else None, u) for number, (m, u) in existing.items()}
	employers = {r.get("employer") for r in rows} - {None, ""}
	unions = ({r.get("union") for r in rows} | {batch.union}) - {None, ""}
	known_employers = {
		e.name
		for e in frappe.get_list(
			"Enterprise", filters={"name": ["in", list(employers) or [""]]}, fields=["name"]
		)
	}
	known_unions = {
		u.name
		for u in frappe.get_list("Trade Union", filters={"name": ["in", list(unions)]}, fields=["name"])
	}
	checks = check_rows(rows, batch.union, existing, known_employers, known_unions)
	checked = [
		{
			**{field: check.values.get(field) for field in ROW_FIELDS},
			"row_no": check.row_no,
			"row_status": check.status,
			"member": check.existing_member,
			"errors": "\n".join(
				f"{_(label_of(field))}: {_(reason).format(**args)}" for field, reason, args in check.errors
			),
		}
		for check in checks
	]
	if roster is not None:
		batch.flags.checked = checked
		keep = checked if batch.flags.keep_all_rows else [r for r in checked if r["row_status"] != "Valid"]
		batch.set("rows", keep)
	else:
		for row, values in zip(batch.rows, checked, strict=True):
			row.update(values)
	batch.total_rows = len(checks)
	for counter, status in (
		("valid_rows", "Valid"),
		("invalid_rows", "Invalid"),
		("transfer_rows", "Transfer Offered"),
		("member_rows", "Already Enrolled"),
	):
		batch.set(counter, sum(c.status == status for c in checks))


def label_of(fieldname: str) -> str:
	return next(label for field, label, _codes, _required in COLUMNS if field == fieldname)


def enroll_valid_rows(batch) -> None:
	"""Create the members of the valid rows and give each a card number, in the batch's transaction."""
	rows = batch.flags.checked if batch.flags.checked is not None else [row.as_dict() for row in batch.rows]
	valid = [row for row in rows if row["row_status"] == "Valid"]
	villages = dict(
		frappe.get_all(
			"Enterprise",
			filters={"name": ["in", list({r["employer"] for r in valid if r["employer"]}) or [""]]},
			fields=["name", "village"],
			as_list=True,
		)
	)
	numbers = allocate_card_numbers(len(valid))
	members = [
		{
			**{field: row[field] for field in MEMBER_ROW_FIELDS},
			"village": villages.get(row["employer"]) or batch.village,
			"join_channel": row["join_channel"] or batch.join_channel,
			"joined_on": batch.joined_on,
			"card_number": number,
			"enrollment_batch": batch.name,
		}
		for row, number in zip(valid, numbers, strict=True)
	]
	names = bulk_insert_members(members) if members else []
	for row, name, number in zip(valid, names, numbers, strict=True):
		row.update(member=name, card_number=number, row_status="Enrolled")
	if batch.flags.checked is None:
		for child, row in zip(batch.rows, rows, strict=True):
			child.update({key: row[key] for key in ("member", "card_number", "row_status")})
	batch.enrolled_rows = len(valid)


MEMBER_ROW_FIELDS = (
	"member_name",
	"id_number",
	"union",
	"employer",
	"employment_kind",
	"migrant",
	"education",
	"skill_level",
	"phone",
)


@frappe.whitelist()
def load_roster(batch: str):
	"""Read the batch's attached roster into its rows and check them (nothing is enrolled yet)."""
	doc = frappe.get_doc("Enrollment Batch", batch)
	doc.check_permission("write")
	if doc.docstatus != 0:
		frappe.throw(_("The roster of a submitted batch is not read again"), frappe.ValidationError)
	if not doc.roster:
		frappe.throw(_("Attach the filled roster first"))
	file = frappe.get_doc("File", {"file_url": doc.roster})
	content = file.get_content()
	# Checked as read (the cells hold codes such as "1 是"), then every row is kept for review.
	roster = read_roster(content.encode() if isinstance(content, str) else content, file.file_name)
	if len(roster) > MOST_ROSTER_ROWS:
		frappe.throw(
			_(
				"A roster holds at most {0} rows, and this one has {1}: please split it into several batches"
			).format(MOST_ROSTER_ROWS, len(roster)),
			GongjianValidationError,
		)
	doc.flags.roster = roster
	doc.flags.keep_all_rows = True
	doc.save()
	return {
		"total": doc.total_rows,
		"valid": doc.valid_rows,
		"invalid": doc.invalid_rows,
		"transfer": doc.transfer_rows,
	}


@frappe.whitelist()
@frappe.read_only()
def download_error_report(batch: str):
	"""The invalid rows as Excel: row number, field and Chinese reason, one line per problem."""
	doc = frappe.get_doc("Enrollment Batch", batch)
	doc.check_permission("read")
	book = Workbook()
	sheet = book.active
	sheet.append([_("Row"), _("Person Name"), _("ID Number"), _("Errors")])
	for row in doc.rows:
		if row.row_status == "Invalid":
			for line in (row.errors or "").splitlines():
				sheet.append([row.row_no, row.member_name, row.id_number, line])
	out = io.BytesIO()
	book.save(out)
	frappe.response["type"] = "binary"
	frappe.response["filename"] = _("Roster Errors") + f" {doc.name}.xlsx"
	frappe.response["filecontent"] = out.getvalue()


@frappe.whitelist(methods=["POST"])
def enroll(
	union: str,
	village: str,
	rows,
	title: str | None = None,
	campaign: str | None = None,
	join_channel: str = "Batch",
	submit: int = 1,
):
	"""REST: the roster's rows as JSON. Creates a batch in the caller's scope, checks every row and
	(with submit=1) enrolls the valid ones. Returns each row's outcome."""
	try:
		rows = frappe.parse_json(rows)
	except ValueError:
		rows = None
	if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
		frappe.throw(_("Rows must be a JSON list of objects, one per person"), GongjianValidationError)
	batch = frappe.get_doc(
		{
			"doctype": "Enrollment Batch",
			"title": title or _("Enrollment through the API"),
			"campaign": campaign,
			"join_channel": join_channel,
			"union": union,
			"village": village,
		}
	)
	batch.flags.roster = [{**row, "row_no": row.get("row_no") or i} for i, row in enumerate(rows, start=1)]
	batch.flags.enrolling = bool(int(submit))
	batch.insert()
	if int(submit) and batch.valid_rows:
		batch.submit()
	return {
		"batch": batch.name,
		"rows": [
			{
				"row": row["row_no"],
				"id_number": row["id_number"],
				"status": row["row_status"],
				"errors": row["errors"] or None,
				"member": row["member"],
				"card_number": row.get("card_number"),
			}
			for row in batch.flags.checked
		],
	}
