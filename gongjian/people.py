"""Build the rules' Person, UnitRole and Relative from register rows (shared by unions and elections)."""

import frappe
from frappe import _

from gongjian.exceptions import PolicyViolationError
from gongjian.personal_data import key_field, person_identity
from gongjian.rules.leadership import Person, Relative, UnitRole, officer_ineligibility
from gongjian.utils.names import name_filter


def person(name: str, row, fieldname: str = "id_number", foreign: bool = False) -> Person:
	"""The person of a register row, told apart by the digest of their ID number (kept masked)."""
	return Person(name, row.get(fieldname) or "", bool(foreign), person_identity(row, fieldname))


def unit_management(units: list[str]) -> tuple[list[UnitRole], list[Relative]]:
	"""The heads, partners, HR heads and declared relatives of the given units, in two queries."""
	roles, relatives = [], []
	for unit_roles, unit_relatives in management_by_unit(units).values():
		roles += unit_roles
		relatives += unit_relatives
	return roles, relatives


def management_by_unit(units: list[str]) -> dict[str, tuple[list[UnitRole], list[Relative]]]:
	"""Each unit's heads, partners, HR heads and declared relatives, in two queries."""
	found: dict[str, tuple[list[UnitRole], list[Relative]]] = {}
	if not units:
		return found
	wanted = set(units)
	for row in frappe.get_all(
		"Enterprise Person",
		filters={"parenttype": "Enterprise", **name_filter("parent", units)},
		fields=["parent", "role", "person_name", "id_number", key_field("id_number")],
		order_by="parent asc, idx asc",
	):
		if row.parent not in wanted:
			continue
		found.setdefault(row.parent, ([], []))[0].append(UnitRole(row.role, person(row.person_name, row)))
	for row in frappe.get_all(
		"Enterprise Relative",
		filters={"parenttype": "Enterprise", **name_filter("parent", units)},
		fields=[
			"parent",
			"relative_of",
			"relative_of_id",
			key_field("relative_of_id"),
			"relation",
			"person_name",
			"id_number",
			key_field("id_number"),
		],
		order_by="parent asc, idx asc",
	):
		if row.parent not in wanted:
			continue
		found.setdefault(row.parent, ([], []))[1].append(
			Relative(
				person(row.relative_of, row, "relative_of_id"),
				row.relation,
				person(row.person_name, row),
			)
		)
	return found


def assert_officers_eligible(rows: list, units: list[str]) -> None:
	"""R14 (blocks): stop the save when an officer in `rows` may not hold that seat in a union of
	these units: the chair rules for the chair, Law Art. 10 for every seat."""
	if not rows:
		return
	roles, relatives = unit_management(units)
	for row in rows:
		candidate = person(row.person_name, row, foreign=row.get("foreign"))
		found = officer_ineligibility(row.get("position") or "Chair", candidate, roles, relatives)
		if not found:
			continue
		template, args = found
		for key in ("role", "relation"):
			if key in args:
				args[key] = _(args[key])
		frappe.throw(
			_("R14: {0} may not be union chair: {1}").format(row.person_name, _(template).format(**args))
			if (row.get("position") or "Chair") == "Chair"
			else _("R14: {0} may not sit on the union committee: {1}").format(
				row.person_name, _(template).format(**args)
			),
			PolicyViolationError,
			title=_("Ineligible Union Officer"),
		)
