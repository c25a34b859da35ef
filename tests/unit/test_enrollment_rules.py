"""The roster check (gongjian/rules/enrollment.py) without a site."""

from gongjian.rules.enrollment import check_rows
from gongjian.rules.identifiers import id_check_char


def resident_id(sequence: int) -> str:
	"""An ID number born 1990-05-12; the 17th digit's parity is the gender (odd: male)."""
	first17 = f"33018219900512{sequence:03d}"
	return first17 + id_check_char(first17)


def check(**row):
	values = {"member_name": "张三", "employment_kind": "1", **row}
	return check_rows([values], "工会", {}, set(), {"工会"})[0]


def test_gender_is_taken_from_the_id_number():
	assert check(id_number=resident_id(12)).values["gender"] == "Female"
	assert check(id_number=resident_id(13)).values["gender"] == "Male"


def test_a_gender_that_contradicts_the_id_number_is_kept_as_typed_beside_its_error():
	row = check(id_number=resident_id(12), gender="1 男")
	assert row.status == "Invalid"
	assert ("gender", "does not match the ID number", {}) in row.errors
	assert row.values["gender"] == "Male"  # what the clerk typed, not the ID's Female


def test_codes_and_their_labels_are_understood():
	assert check(id_number=resident_id(13), gender="1").status == "Valid"
	assert check(id_number=resident_id(13), gender="Male").status == "Valid"
	assert (
		check(id_number=resident_id(13), gender="9 其他").errors[0][1] == "is not one of the template's codes"
	)


def test_a_rosters_phone_is_checked_as_the_desk_checks_it():
	assert check(id_number=resident_id(14), phone="138 0013 8000").values["phone"] == "13800138000"
	row = check(id_number=resident_id(14), phone="12345")
	assert row.status == "Invalid" and [field for field, _reason, _args in row.errors] == ["phone"]


def test_an_id_number_the_spreadsheet_kept_as_a_number_is_refused_as_such():
	"""Clerk review: an ID typed into a general Excel cell arrives as 3.301821990051201E+17, its last
	digits lost; reading the roster failed with a server error."""
	row = check(id_number=float(resident_id(13)))
	assert row.status == "Invalid"
	assert row.errors == [("id_number", "was kept by the spreadsheet as a number and lost digits", {})]
	assert row.values["id_number"] == format(float(resident_id(13)), "G")  # as the clerk sees the cell


def test_whole_numbers_the_spreadsheet_kept_exactly_are_read_as_their_digits():
	number = resident_id(13)
	assert check(id_number=int(number)).values["id_number"] == number
	row = check(id_number=number, phone=13800138000.0, gender=1.0, employment_kind=2)
	assert row.status == "Valid", row.errors
	assert row.values["phone"] == "13800138000"
	assert row.values["employment_kind"] == "Migrant Worker"
