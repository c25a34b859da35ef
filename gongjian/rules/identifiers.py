"""Identifier checks: unified social credit code (GB 32100) and resident ID number (GB 11643).

python-stdnum's validate() rejects some real numbers (letter-led USCCs; birthplace codes checked
against the birth year), so the verdict here is the check character alone, plus the birth date.
"""

from dataclasses import dataclass
from datetime import date

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def normalize_code(code: str | None) -> str:
	return (code or "").strip().upper()


def uscc_check_char(first17: str) -> str:
	"""The 18th character of a unified social credit code whose first 17 characters are given."""
	total = sum(USCC_ALPHABET.index(ch) * weight for ch, weight in zip(first17, USCC_WEIGHTS, strict=True))
	return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_error(code: str | None) -> str | None:
	"""None when `code` is a valid USCC, otherwise an English reason (translated by the caller)."""
	code = normalize_code(code)
	if len(code) != 18:
		return "must be 18 characters"
	if any(ch not in USCC_ALPHABET for ch in code):
		return "contains a character not allowed in a unified social credit code"
	if not code[2:8].isdigit():
		return "characters 3 to 8 must be the administrative division code (digits)"
	if uscc_check_char(code[:17]) != code[17]:
		return "check character does not match"
	return None


def is_valid_uscc(code: str | None) -> bool:
	return uscc_error(code) is None


def id_check_char(first17: str) -> str:
	return ID_CHECK_CHARS[sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


@dataclass(frozen=True)
class ResidentId:
	number: str
	birth_date: date
	gender: str  # "Male" or "Female"
	foreign: bool  # a leading 9: foreign permanent resident ID


def parse_resident_id(number: str | None, today: date | None = None) -> ResidentId:
	"""Parse an 18-digit resident ID; raise ValueError with an English reason when it is invalid."""
	number = normalize_code(number)
	if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
		raise ValueError("must be 17 digits followed by a digit or X")
	try:
		birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		raise ValueError("birth date in the number is not a real date") from None
	if birth.year < 1900 or birth > (today or date.today()):
		raise ValueError("birth date in the number is not a real date")
	if id_check_char(number[:17]) != number[17]:
		raise ValueError("check digit does not match")
	return ResidentId(
		number=number,
		birth_date=birth,
		gender="Male" if int(number[16]) % 2 else "Female",
		foreign=number[0] == "9",
	)


def resident_id_error(number: str | None) -> str | None:
	try:
		parse_resident_id(number)
	except ValueError as exc:
		return str(exc)
	return None


MOBILE_DIGITS = 11
# 区号 of 3 or 4 digits starting with 0, then a 7- or 8-digit number
LANDLINE_LENGTHS = {(3, 8), (4, 7), (4, 8)}


def normalize_phone(phone: str | None) -> str:
	"""A mainland phone number as digits: a mobile number (13800138000, +86 and spaces allowed) or a
	landline with its area code (0571-88886666). Raise ValueError with an English reason otherwise."""
	text = (phone or "").strip()
	digits = "".join(ch for ch in text if ch not in " -()")
	if digits.startswith("+86"):
		digits = digits[3:]
	if not digits.isdigit():
		raise ValueError("a phone number holds digits only")
	if len(digits) == MOBILE_DIGITS and digits[0] == "1" and digits[1] in "3456789":
		return digits
	if digits[0] == "0" and text.count("-") <= 1:
		area = text.split("-")[0].strip() if "-" in text else None
		if area and (len(area), len(digits) - len(area)) in LANDLINE_LENGTHS:
			return f"{area}-{digits[len(area) :]}"
	raise ValueError("is not a mobile number (11 digits) or a landline with its area code")


def is_mobile(phone: str) -> bool:
	return len(phone) == MOBILE_DIGITS and phone.isdigit()


# 个人信息保护法: lists, reports, exports and prints show personal numbers masked (issue 14).
MASK = "*"


def is_masked(value: str | None) -> bool:
	return MASK in (value or "")


def mask_id_number(number: str | None) -> str:
	"""110105199001011234 → 110105********1234: the region of issue and the last four stay, the birth
	date goes. Shorter numbers (passports, old 15-digit IDs) keep a quarter at each end."""
	text = normalize_code(number)
	if not text:
		return ""
	keep_head, keep_tail = (6, 4) if len(text) >= 15 else (len(text) // 4, len(text) // 4)
	return text[:keep_head] + MASK * (len(text) - keep_head - keep_tail) + text[len(text) - keep_tail :]


def mask_phone(phone: str | None) -> str:
	"""13800138000 → 138****8000, 0571-88886666 → 0571-****6666: the network or area code and the last
	four digits stay."""
	text = (phone or "").strip()
	if not text:
		return ""
	area, dash, number = text.rpartition("-")
	if dash:
		return f"{area}-{MASK * max(len(number) - 4, 0)}{number[-4:]}"
	keep_head = 3 if len(text) >= 11 else 0
	keep_tail = min(4, len(text) // 2)
	return text[:keep_head] + MASK * (len(text) - keep_head - keep_tail) + text[len(text) - keep_tail :]
