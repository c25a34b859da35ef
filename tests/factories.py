"""Small builders of register records for the integration and HTTP tests."""

import itertools
import secrets

import frappe

from gongjian.rules.identifiers import USCC_ALPHABET, uscc_check_char


def unique(prefix: str) -> str:
	# Ten hex digits: a session makes thousands of records of one prefix, and six collided once in CI.
	return f"{prefix}{frappe.generate_hash(length=10)}"


def make_uscc() -> str:
	# Random, not a counter: some tests commit, and a rerun on the same site must not collide.
	first17 = "91330182" + "".join(secrets.choice(USCC_ALPHABET) for _ in range(9))
	return first17 + uscc_check_char(first17)


def township(name: str | None = None) -> str:
	name = name or unique("测试镇")
	if not frappe.db.exists("Township", name):
		frappe.get_doc({"doctype": "Township", "township_name": name}).insert()
	return name


def village(name: str | None = None, township_name: str | None = None) -> str:
	name = name or unique("测试村")
	frappe.get_doc(
		{"doctype": "Village", "village_name": name, "township": township_name or township()}
	).insert()
	return name


def enterprise(village_name: str, staff: int = 10, **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Enterprise",
			"enterprise_name": fields.pop("enterprise_name", None) or unique("测试企业"),
			"uscc": make_uscc(),
			"category": "Non-public Enterprise",
			"village": village_name,
			"staff_total": staff,
			**fields,
		}
	).insert()
	return doc.name


def union(kind: str, village_name: str, units: list[str], **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": unique("测试工会"),
			"union_kind": kind,
			"formation_method": "Standalone" if kind == "Base Union Committee" else "Joint",
			"village": village_name,
			"covered_units": [{"enterprise": unit} for unit in units],
			**fields,
		}
	).insert()
	return doc.name


_id_serial = itertools.count(1)


def id_registered(doctype: str, number: str) -> bool:
	"""Whether a record of `doctype` keeps this ID number (kept masked: found by its digest)."""
	from gongjian.personal_data import identity_key

	return bool(frappe.db.exists(doctype, {"id_number_key": identity_key("id", number)}))


def whole_number(doctype: str, name: str, fieldname: str = "id_number") -> str:
	"""The whole number a record keeps sealed behind its masked one."""
	from gongjian.personal_data import full_value

	return full_value(frappe.get_doc(doctype, name), fieldname)


def resident_id() -> str:
	from gongjian.rules.identifiers import id_check_char

	first17 = f"33018219900101{next(_id_serial) % 1000:03d}"
	while id_registered("Union Member", first17 + id_check_char(first17)):
		first17 = f"3301821990{next(_id_serial) % 12 + 1:02d}{next(_id_serial) % 28 + 1:02d}{next(_id_serial) % 1000:03d}"
	return first17 + id_check_char(first17)


def member(union_name: str, employer: str | None = None, **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Union Member",
			"member_name": fields.pop("member_name", "测试会员"),
			"id_number": resident_id(),
			"union": union_name,
			"employer": employer,
			**fields,
		}
	).insert()
	return doc.name
