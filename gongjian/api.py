"""Whitelisted methods. Each reads only what the session user may read."""

import frappe

from gongjian.compliance import compliance_rows


@frappe.whitelist()
@frappe.read_only()
def compliance(village: str | None = None, unit: str | None = None, rule: str | None = None) -> list[dict]:
	"""For every unit the caller may read: each rule it breaks, with rule ID, message and suggested action.
	Village- and township-level findings (R08, R15 organizers, R21) come when no unit is asked for."""
	filters = {}
	if village:
		filters["village"] = village
	if unit:
		filters["name"] = unit
	rows = compliance_rows(filters)
	if rule:
		rows = [row for row in rows if row["rule"] == rule]
	return rows
