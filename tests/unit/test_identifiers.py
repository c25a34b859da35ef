from datetime import date

import pytest

from gongjian.rules.identifiers import (
	is_masked,
	is_mobile,
	is_valid_uscc,
	mask_id_number,
	mask_phone,
	normalize_phone,
	parse_resident_id,
	resident_id_error,
	uscc_error,
)
from gongjian.rules.leadership import Person


@pytest.mark.parametrize(
	"code",
	[
		"91350100M000100Y43",  # enterprise (9 1)
		"12330182471234567T",  # public institution (1 2)
		"51330182MJ9876543H",  # social group (5 1)
		"N2330182MA2X0K7L0H",  # letter-led: agricultural cooperative registration
		"Y1330182MA2ABCDE1W",  # letter-led: other registration authority
		" 91350100m000100y43 ",  # spaces and lower case are normalised
	],
)
def test_valid_uscc(code):
	assert is_valid_uscc(code)


@pytest.mark.parametrize(
	("code", "reason"),
	[
		("91350100M000100Y44", "check character does not match"),
		("91350100M000100Y4", "must be 18 characters"),
		("91350100M000100I43", "contains a character not allowed in a unified social credit code"),
		("9135A100M000100Y43", "characters 3 to 8 must be the administrative division code (digits)"),
		("", "must be 18 characters"),
	],
)
def test_invalid_uscc(code, reason):
	assert uscc_error(code) == reason


def test_resident_id_valid_and_derived_fields():
	rid = parse_resident_id("11010519491231002X")
	assert rid.birth_date == date(1949, 12, 31)
	assert rid.gender == "Female"
	assert not rid.foreign
	assert parse_resident_id("330182198501010016").gender == "Male"


def test_resident_id_leap_day_and_foreign_prefix():
	assert parse_resident_id("330182200002290025").birth_date == date(2000, 2, 29)
	assert parse_resident_id("930000199003071234").foreign


@pytest.mark.parametrize(
	("number", "reason"),
	[
		("110105194912310021", "check digit does not match"),
		("330182198502290013", "birth date in the number is not a real date"),  # 1985 had no 29 Feb
		("11010519491231002", "must be 17 digits followed by a digit or X"),
		("1101051949123100AX", "must be 17 digits followed by a digit or X"),
	],
)
def test_resident_id_invalid(number, reason):
	assert resident_id_error(number) == reason


def test_resident_id_born_in_the_future_is_invalid():
	assert resident_id_error("330182209901010012") == "birth date in the number is not a real date"


@pytest.mark.parametrize(
	"typed, kept",
	[
		("13800138000", "13800138000"),
		(" 138 0013 8000 ", "13800138000"),
		("+86 138-0013-8000", "13800138000"),
		("0571-88886666", "0571-88886666"),
		("021-62345678", "021-62345678"),
	],
)
def test_phone_numbers_kept_as_digits(typed, kept):
	assert normalize_phone(typed) == kept


@pytest.mark.parametrize(
	"typed",
	[
		"",
		"12345",
		"12800138000",
		"138001380001",
		"1380013800a",
		"057188886666",
		"010-1234567",
		"0571 88886666",
	],
)
def test_phone_numbers_refused(typed):
	with pytest.raises(ValueError):
		normalize_phone(typed)


def test_only_a_mobile_number_is_mobile():
	assert is_mobile(normalize_phone("13800138000")) and not is_mobile(normalize_phone("0571-88886666"))


# 个人信息保护法: what lists and prints show of a number


@pytest.mark.parametrize(
	("number", "masked"),
	[
		("11010519491231002X", "110105********002X"),
		("11010519491231002x", "110105********002X"),
		("110105491231002", "110105*****1002"),
		("E12345678", "E1*****78"),
		("", ""),
		(None, ""),
	],
)
def test_an_id_number_is_masked_to_its_region_and_last_four(number, masked):
	assert mask_id_number(number) == masked
	if number:
		assert is_masked(mask_id_number(number))
		assert len(mask_id_number(number)) == len(number.strip())


@pytest.mark.parametrize(
	("phone", "masked"),
	[("13800138000", "138****8000"), ("0571-88886666", "0571-****6666"), ("010-1234567", "010-***4567")],
)
def test_a_phone_keeps_its_network_or_area_code_and_last_four(phone, masked):
	assert mask_phone(phone) == masked
	assert not is_masked(phone)


def test_the_same_person_is_found_by_identity_where_numbers_are_masked():
	a = Person("张三", "110105********002X", identity="digest-1")
	assert a.same_as(Person("张三丰", "110105********002X", identity="digest-1"))
	assert not a.same_as(Person("张三", "110105********002X", identity="digest-2"))
	# unmasked numbers without identities compare as before
	assert Person("甲", "11010519491231002X").same_as(Person("乙", "11010519491231002x"))
