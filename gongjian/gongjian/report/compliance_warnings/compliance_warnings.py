"""合规预警: one row per unit and rule broken, with the suggested action (DESIGN.md §3 flags)."""

from collections import Counter

import frappe
from frappe import _

from gongjian.compliance import report_rows


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	where = {key: filters[key] for key in ("village", "category") if filters.get(key)}
	rows = report_rows(where, filters.get("rule"))
	return columns(), rows, None, chart(rows), summary(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "rule", "label": _("Rule"), "fieldtype": "Data", "width": 120},
		# a link to the unit, village, organizer or township (compliance_warnings.js formats it)
		{"fieldname": "unit", "label": _("Unit, Village or Organizer"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 110,
		},
		{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 110},
		{"fieldname": "message", "label": _("Finding"), "fieldtype": "Data", "width": 420},
		{"fieldname": "action", "label": _("Suggested Action"), "fieldtype": "Data", "width": 300},
	]


def chart(rows: list[dict]) -> dict:
	counts = Counter(row["rule"] for row in rows)
	rules = sorted(counts)
	return {
		"data": {
			# "R01单独建会": with no space, fourteen labels fit the chart uncut
			"labels": [rule.replace(" ", "") for rule in rules],
			"datasets": [{"name": _("Warnings"), "values": [counts[r] for r in rules]}],
		},
		"type": "bar",
		"colors": ["#e24c4c"],
	}


def summary(rows: list[dict]) -> list[dict]:
	return [
		{"label": _("Open Compliance Warnings"), "value": len(rows), "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Records Concerned"),
			"value": len({row["unit"] for row in rows}),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]
