"""One check of every value a gongjian record is saved with, driven by the DocType meta.

Called before validation (doc_events "*" before_validate) for every DocType of the app, child rows
included, so that a value of the wrong type, an impossible date, a link to nothing, an absurd number,
oversize text or markup is refused with a Chinese message naming the field before any controller
computes with it or the database meets it. Frappe checks some of this itself, but later, not at all
for some types (an Int "abc" is saved as 0, "2026-02-30" reaches the database), or skips it (a Link
whose target is missing is not reported when other fields fetch from it).

Only values that are new or changed are checked, so records kept before a limit existed stay editable.
"""

import re
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, today

from gongjian.exceptions import InvalidValueError

# Dates: every Date field records something that has already happened (a founding, joining, signing,
# training, transfer, meeting…) and cannot lie in the future, except these, which plan or bound
# something ahead. A new Date field is a past event unless it is added here.
MAY_BE_FUTURE = frozenset(
	{
		("Collective Contract", "expires_on"),  # a contract runs for years
		("Union Election", "election_date"),  # elections are planned ahead
		("Union Activity", "activity_date"),  # so are activities
		("Organizer Assignment", "assigned_on"),  # an assignment may start later…
		("Organizer Assignment", "ended_on"),  # …and is planned to end
		("Survey Round", "deadline"),  # a survey round's villages confirm by then
		("Survey Task", "deadline"),
		("Enrollment Campaign", "start_date"),  # a campaign is planned ahead
		("Enrollment Campaign", "end_date"),
	}
)
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
# Numbers: counts of people, hours, years and percentages; none is negative, none comes near this.
LARGEST_NUMBER = 1_000_000
LARGEST_AMOUNT = 100_000_000_000  # yuan: a unit's yearly payroll is far above a head count
YEARS = (1900, 2100)
NUMBER_TYPES = frozenset({"Int", "Float", "Currency", "Percent"})
# Free text: plain text only, no markup; Data fields hold at most their column's length.
TEXT_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text"})
LONGEST_TEXT = 5000
DATA_LENGTH = 140
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript\s*:", re.IGNORECASE)
# A cell beginning so is a formula in the spreadsheets exports open in (CSV and Excel injection).
FORMULA = re.compile(r"^\s*(?:[=@]|[+-]\s*[^\d\s.])")
# Control characters other than line breaks and tabs, and the marks that turn text around (U+202E).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SKIPPED_FIELDS = frozenset({"amended_from"})
# Roster rows hold the cells as typed (codes such as "1", names of units): the enrollment check gives
# each bad row its own error instead (gongjian/rules/enrollment.py), so only their text is checked here.
ROSTER_ROWS = frozenset({"Enrollment Row"})


def check_values(doc, method=None):
	"""before_validate hook: refuse the first bad value of the record or of one of its rows."""
	if doc.meta.module != "Gongjian" or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	before = doc.get_doc_before_save()
	check_fields(doc, before, None)
	for table in doc.meta.get_table_fields():
		rows = doc.get(table.fieldname)
		if not isinstance(rows, list):
			raise_invalid(_("{0} must be a list of rows").format(_(table.label or table.fieldname)))
		stored = {row.name: row for row in (before.get(table.fieldname) if before else None) or []}
		for row in rows:
			check_fields(row, stored.get(row.name), (_(table.label or table.fieldname), row.idx))


def check_fields(doc, before, prefix: tuple[str, int] | None) -> None:
	"""`prefix`: the table's label and the row's number, for a child row."""
	roster = doc.doctype in ROSTER_ROWS
	for df in doc.meta.fields:
		if df.fieldname in SKIPPED_FIELDS or df.fieldtype not in CHECKERS:
			continue
		if roster and df.fieldtype not in TEXT_TYPES:
			continue
		value = doc.get(df.fieldname)
		if value is None or value == "":
			continue
		if before is not None and before.get(df.fieldname) == value:
			continue
		checked = CHECKERS[df.fieldtype](doc, df, value, prefix)
		if checked is not value:
			doc.set(df.fieldname, checked)


def raise_invalid(message: str):
	frappe.throw(message, InvalidValueError, title=_("Invalid Value"))


def label(df, prefix: tuple[str, int] | None) -> str:
	name = _(df.label or df.fieldname)
	return _("{0}, row {1}: {2}").format(*prefix, name) if prefix else name


def shown(value) -> str:
	"""The bad value, short and harmless to show in the desk's message dialog."""
	text = str(value)
	return escape_html(text if len(text) <= 30 else text[:30] + "…")


def check_number(doc, df, value, prefix):
	whole = df.fieldtype == "Int"
	if isinstance(value, bool) or not isinstance(value, int | float | str):
		number = None
	else:
		number = to_number(value)
	if number is None or (whole and number != int(number)):
		message = _("{0} must be a whole number, not {1}") if whole else _("{0} must be a number, not {1}")
		raise_invalid(message.format(label(df, prefix), shown(value)))
	if whole:
		number = int(number)
	if number < 0:
		raise_invalid(_("{0} cannot be negative").format(label(df, prefix)))
	if df.fieldname == "year" or df.fieldname.endswith("_year"):
		if number and not YEARS[0] <= number <= YEARS[1]:
			raise_invalid(_("{0} must be a year from {1} to {2}").format(label(df, prefix), *YEARS))
	elif df.fieldtype == "Percent" and number > 100:
		raise_invalid(_("{0} cannot be more than {1}").format(label(df, prefix), 100))
	elif number > (largest := LARGEST_AMOUNT if df.fieldtype == "Currency" else LARGEST_NUMBER):
		raise_invalid(_("{0} cannot be more than {1}").format(label(df, prefix), largest))
	return number if number != value else value


def to_number(value) -> float | int | None:
	if isinstance(value, int | float):
		return value if value == value and abs(value) != float("inf") else None
	text = value.strip()
	try:
		return int(text)
	except ValueError:
		pass
	try:
		number = float(text)
	except ValueError:
		return None
	return number if number == number and abs(number) != float("inf") else None


def check_check(doc, df, value, prefix):
	if value in (0, 1, "0", "1") and not isinstance(value, float):
		return int(value)
	raise_invalid(_("{0} must be 0 or 1, not {1}").format(label(df, prefix), shown(value)))


def check_date(doc, df, value, prefix):
	on = parse_date(value)
	if on is None:
		raise_invalid(
			_("{0} is not a valid date: {1} (write it as YYYY-MM-DD)").format(label(df, prefix), shown(value))
		)
	if not EARLIEST_DATE <= on <= LATEST_DATE:
		raise_invalid(
			_("{0} must lie between {1} and {2}").format(label(df, prefix), EARLIEST_DATE, LATEST_DATE)
		)
	if (doc.doctype, df.fieldname) not in MAY_BE_FUTURE and on > getdate(today()):
		raise_invalid(_("{0} records a past event and cannot be in the future").format(label(df, prefix)))
	return value


def parse_date(value) -> date | None:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if not isinstance(value, str) or not ISO_DATE.match(value.strip()):
		return None
	try:
		return date.fromisoformat(value.strip())
	except ValueError:
		return None


def check_link(doc, df, value, prefix):
	if not isinstance(value, str):
		raise_invalid(_("{0} must be text, not {1}").format(label(df, prefix), shown(value)))
	if not frappe.db.get_value(df.options, value, "name", cache=True):
		raise_invalid(_("Could not find {0}: {1}").format(label(df, prefix), shown(value)))
	return value


def check_select(doc, df, value, prefix):
	options = [option for option in (df.options or "").split("\n") if option]
	if not isinstance(value, str) or value not in options:
		raise_invalid(
			_("{0} cannot be {1}; choose one of: {2}").format(
				label(df, prefix), shown(value), "、".join(_(option) for option in options)
			)
		)
	return value


def check_text(doc, df, value, prefix):
	if isinstance(value, int | float) and not isinstance(value, bool):
		value = str(value)
	if not isinstance(value, str):
		raise_invalid(_("{0} must be text, not {1}").format(label(df, prefix), shown(value)))
	longest = (df.length or DATA_LENGTH) if df.fieldtype == "Data" else LONGEST_TEXT
	if len(value) > longest:
		raise_invalid(
			_("{0} is too long: at most {1} characters, not {2}").format(
				label(df, prefix), longest, len(value)
			)
		)
	if MARKUP.search(value):
		raise_invalid(_("{0} must be plain text, without HTML tags or scripts").format(label(df, prefix)))
	if FORMULA.match(value):
		raise_invalid(
			_("{0} may not begin with =, +, - or @: spreadsheets would run it").format(label(df, prefix))
		)
	if CONTROL.search(value):
		raise_invalid(_("{0} holds control characters or marks that reverse text").format(label(df, prefix)))
	return value


CHECKERS = {
	**{fieldtype: check_number for fieldtype in NUMBER_TYPES},
	"Check": check_check,
	"Date": check_date,
	"Link": check_link,
	"Select": check_select,
	**{fieldtype: check_text for fieldtype in TEXT_TYPES},
}
