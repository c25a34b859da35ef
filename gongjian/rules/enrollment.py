"""Roster enrollment (R11: 集体填表、登记花名册、统一办理和颁发会员证): the template's codes, and the
check of every row before anything is written. Set-based: the caller looks up all ID numbers,
employers and unions of the roster at once and passes them in."""

from dataclasses import dataclass, field

from gongjian.rules.identifiers import normalize_code, normalize_phone, parse_resident_id

# Template column -> (row field, code table or None). Codes are what the drop-downs offer.
EMPLOYMENT_CODES = {
	"1": "Formal",
	"2": "Migrant Worker",
	"3": "Dispatched",
	"4": "Temporary",
	"5": "New Urban Employee",
}
GENDER_CODES = {"1": "Male", "2": "Female"}
EDUCATION_CODES = {
	"1": "Primary or Below",
	"2": "Junior High School",
	"3": "Senior High School",
	"4": "Junior College",
	"5": "Bachelor",
	"6": "Postgraduate",
}
SKILL_CODES = {
	"1": "No Certificate",
	"2": "Junior Worker",
	"3": "Intermediate Worker",
	"4": "Senior Worker",
	"5": "Technician",
	"6": "Senior Technician",
}
YES_NO_CODES = {"0": 0, "1": 1}
CHANNEL_CODES = {"1": "At Employer", "2": "At Source", "3": "At Destination", "4": "Batch"}

# (field, header label, codes, required)
COLUMNS = (
	("member_name", "Person Name", None, True),
	("id_number", "ID Number", None, True),
	("gender", "Gender", GENDER_CODES, False),
	("employment_kind", "Employment Kind", EMPLOYMENT_CODES, True),
	("education", "Education", EDUCATION_CODES, False),
	("skill_level", "Skill Level", SKILL_CODES, False),
	("migrant", "Migrant Worker (农民工)", YES_NO_CODES, False),
	("join_channel", "Join Channel", CHANNEL_CODES, False),
	("employer", "Employer", None, False),
	("union", "Trade Union", None, False),
	("phone", "Phone", None, False),
)


# The columns a spreadsheet must keep as text: typed into a general cell, an 18-digit ID number becomes
# a number and loses its last digits (3.301821980050512E+17), which nothing can give back.
TEXT_COLUMNS = ("id_number", "phone")
EXACT_NUMBERS_BELOW = 2**53  # a float holds every whole number below this exactly


class LostDigits(ValueError):
	pass


def cell_text(value):
	"""A cell as its text: whole numbers (a phone kept as a number) as their digits, text stripped.
	Raises LostDigits for a number the spreadsheet could not keep whole."""
	if isinstance(value, bool):
		return str(int(value))
	if isinstance(value, int):
		return str(value)
	if isinstance(value, float):
		if value.is_integer() and abs(value) < EXACT_NUMBERS_BELOW:
			return str(int(value))
		raise LostDigits(format(value, "G"))
	if isinstance(value, str):
		return value.strip() or None
	return value


def decode(value, codes: dict) -> tuple[object, bool]:
	"""A cell such as '2 农民工', '2' or 'Migrant Worker' -> (value, understood)."""
	if isinstance(value, float) and value.is_integer():
		value = int(value)  # a code the spreadsheet kept as a number: 2.0
	text = str(value if value is not None else "").strip()
	if not text:
		return None, True
	code = text.split()[0].rstrip(".、")
	if code in codes:
		return codes[code], True
	if text in codes.values():
		return text, True
	return None, False


@dataclass
class RowCheck:
	row_no: int
	values: dict
	# (field, English reason template, its arguments): translated by the caller
	errors: list[tuple[str, str, dict]] = field(default_factory=list)
	status: str = "Valid"  # Valid, Invalid, Transfer Offered, Already Enrolled
	existing_member: str | None = None


def check_rows(
	rows: list[dict],
	default_union: str,
	existing: dict[str, tuple[str, str]],
	known_employers: set[str],
	known_unions: set[str],
) -> list[RowCheck]:
	"""Check every row. `existing`: ID number -> (member, union) of members already registered;
	`known_employers`/`known_unions`: the names the user may use."""
	checks, first_row_of = [], {}
	for row_no, raw in enumerate(rows, start=1):
		check = RowCheck(row_no=raw.get("row_no") or row_no, values={})
		for fieldname, _label, codes, required in COLUMNS:
			value = raw.get(fieldname)
			if codes is not None:
				value, understood = decode(value, codes)
				if not understood:
					check.errors.append((fieldname, "is not one of the template's codes", {}))
			else:
				try:
					value = cell_text(value)
				except LostDigits as shown:
					check.errors.append(
						(fieldname, "was kept by the spreadsheet as a number and lost digits", {})
					)
					value = str(shown)
			if required and value in (None, ""):
				check.errors.append((fieldname, "is required", {}))
			check.values[fieldname] = value
		check.values["union"] = check.values["union"] or default_union
		lost_digits = any(fieldname == "id_number" for fieldname, _reason, _args in check.errors)
		number = None if lost_digits else normalize_code(check.values["id_number"])
		check.values["id_number"] = number or check.values["id_number"]
		if number:
			try:
				resident = parse_resident_id(number)
			except ValueError as reason:
				check.errors.append(("id_number", str(reason), {}))
			else:
				if check.values["gender"] and check.values["gender"] != resident.gender:
					# kept as typed, so that the row shows what the error is about
					check.errors.append(("gender", "does not match the ID number", {}))
				else:
					check.values["gender"] = resident.gender
				check.values["birth_date"] = resident.birth_date
				check.values["foreign"] = int(resident.foreign)
			if number in first_row_of:
				check.errors.append(("id_number", "repeats row {row}", {"row": first_row_of[number]}))
			else:
				first_row_of[number] = check.row_no
		if check.values["phone"]:
			try:
				check.values["phone"] = normalize_phone(str(check.values["phone"]))
			except ValueError as reason:
				check.errors.append(("phone", str(reason), {}))
		if check.values["employer"] and check.values["employer"] not in known_employers:
			check.errors.append(("employer", "is not a unit you may enroll members for", {}))
		if check.values["union"] not in known_unions:
			check.errors.append(("union", "is not a union you may enroll members in", {}))
		if check.errors:
			check.status = "Invalid"
		elif number in existing:
			member, union = existing[number]
			check.existing_member = member
			check.status = "Already Enrolled" if union == check.values["union"] else "Transfer Offered"
		checks.append(check)
	return checks
