"""Whitelisted methods. Each reads only what the session user may read."""

import frappe

from gongjian.compliance import compliance_rows

FILTERABLE = ("village", "category", "status", "name")


@frappe.whitelist()
def compliance(village: str | None = None, unit: str | None = None, rule: str | None = None) -> list[dict]:
	"""For every unit the caller may read: each rule it breaks, with rule ID, message and suggested action."""
	filters = {}
	if village:
		filters["village"] = village
	if unit:
		filters["name"] = unit
	rows = compliance_rows(filters)
	if rule:
		rows = [r for r in rows if r["rule"] == rule]
	return rows
