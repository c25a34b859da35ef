"""合规预警: one row per unit and rule broken, with the suggested action (DESIGN.md §3 flags)."""

from collections import Counter
from functools import lru_cache

import frappe
from frappe import _

from gongjian.compliance import compliance_rows
from gongjian.rules.catalogue import rule_title


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	where = {key: filters[key] for key in ("village", "category") if filters.get(key)}
	rows = compliance_rows(where)
	if filters.get("rule"):
		rows = [row for row in rows if row["rule"] == filters["rule"]]
	translate = lru_cache(maxsize=None)(_)  # thousands of rows share a few dozen names
	for row in rows:
		row["category"] = translate(row["category"]) if row.get("category") else None
		row["rule"] = rule_title(row["rule"], translate)
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
