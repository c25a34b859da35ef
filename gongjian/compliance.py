"""Compliance facts gathered set-based from the registers, then judged by gongjian.rules."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType

from gongjian.policy import get_policy_settings
from gongjian.rules.coverage import UnitCoverage, coverage_violations

OWN_UNION_KIND = "Base Union Committee"
# The township fallback and federation hold members, not units: they cover nobody for R01/R02.
NON_COVERING_KINDS = ("Members' Home", "Township Federation")


def unit_coverage(unit_names: list[str]) -> dict[str, tuple[bool, bool]]:
	"""unit -> (has its own base union, is covered by any union), in one query."""
	if not unit_names:
		return {}
	union, row = DocType("Trade Union"), DocType("Trade Union Unit")
	covering = (
		frappe.qb.from_(row)
		.select(row.parent)
		.where(row.parenttype == "Trade Union")
		.where(row.enterprise.isin(unit_names))
	)
	rows = (
		frappe.qb.from_(row)
		.join(union)
		.on(row.parent == union.name)
		.select(row.parent, row.enterprise, union.union_kind)
		.where(row.parenttype == "Trade Union")
		.where(union.status == "Active")
		.where(union.union_kind.notin(NON_COVERING_KINDS))
		.where(row.parent.isin(covering))
	).run(as_dict=True)
	units_of_union = defaultdict(set)
	for r in rows:
		units_of_union[r.parent].add(r.enterprise)
	result = {}
	for r in rows:
		own = r.union_kind == OWN_UNION_KIND and len(units_of_union[r.parent]) == 1
		had_own, _covered = result.get(r.enterprise, (False, False))
		result[r.enterprise] = (had_own or own, True)
	return result


def compliance_rows(filters: dict | None = None) -> list[dict]:
	"""Each rule each unit the session user may read breaks, with a Chinese message and action."""
	units = frappe.get_list(
		"Enterprise",
		filters=filters or {},
		fields=["name", "enterprise_name", "village", "status", "staff_total"],
		limit_page_length=0,
		order_by="name asc",
	)
	coverage = unit_coverage([u.name for u in units])
	facts = [
		UnitCoverage(
			unit=u.name,
			staff_total=u.staff_total or 0,
			status=u.status,
			has_own_base_union=coverage.get(u.name, (False, False))[0],
			covered_by_union=coverage.get(u.name, (False, False))[1],
		)
		for u in units
	]
	village_of = {u.name: u.village for u in units}
	rows = []
	for violation in coverage_violations(facts, get_policy_settings()):
		message, action = violation.render(_)
		rows.append(
			{
				"rule": violation.rule,
				"unit": violation.unit,
				"village": village_of[violation.unit],
				"message": message,
				"action": action,
			}
		)
	return rows
