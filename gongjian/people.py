"""Build the rules' Person, UnitRole and Relative from register rows (shared by unions and elections)."""

import frappe
from frappe import _

from gongjian.exceptions import PolicyViolationError
from gongjian.rules.leadership import Person, Relative, UnitRole, chair_ineligibility


def unit_management(units: list[str]) -> tuple[list[UnitRole], list[Relative]]:
	"""The heads, partners, HR heads and declared relatives of the given units, in two queries."""
	if not units:
		return [], []
	roles = frappe.get_all(
		"Enterprise Person",
		filters={"parenttype": "Enterprise", "parent": ["in", units]},
		fields=["role", "person_name", "id_number"],
	)
	relatives = frappe.get_all(
		"Enterprise Relative",
		filters={"parenttype": "Enterprise", "parent": ["in", units]},
		fields=["relative_of", "relative_of_id", "relation", "person_name", "id_number"],
	)
	return (
		[UnitRole(r.role, Person(r.person_name, r.id_number or "")) for r in roles],
		[
			Relative(
				Person(r.relative_of, r.relative_of_id or ""),
				r.relation,
				Person(r.person_name, r.id_number or ""),
			)
			for r in relatives
		],
	)


def assert_chair_eligible(row, units: list[str]) -> None:
	"""R14 (blocks): stop the save when the chair in `row` may not chair a union of these units."""
	roles, relatives = unit_management(units)
	candidate = Person(row.person_name, row.id_number or "", bool(row.get("foreign")))
	if found := chair_ineligibility(candidate, roles, relatives):
		template, args = found
		for key in ("role", "relation"):
			if key in args:
				args[key] = _(args[key])
		frappe.throw(
			_("R14: {0} may not be union chair: {1}").format(row.person_name, _(template).format(**args)),
			PolicyViolationError,
			title=_("Ineligible Union Chair"),
		)
