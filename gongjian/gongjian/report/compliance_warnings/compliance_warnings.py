"""合规预警: one row per unit and rule broken, with the suggested action (DESIGN.md §3 flags)."""

from collections import Counter
from functools import lru_cache

import frappe
from frappe import _

from gongjian.compliance import warnings_report
from gongjian.rules.catalogue import rule_title

# Rows listed at most (whole villages, in order of name): a county's 400,000 warnings are counted in the
# chart and summary, and listed a township or village at a time.
MOST_ROWS = 5000
FILTERS = ("township", "village", "category")


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	where = {key: filters[key] for key in FILTERS if filters.get(key)}
	report = warnings_report(where, filters.get("rule"), MOST_ROWS)
	return columns(), report.rows, message(report, where), chart(report.by_rule), summary(report)


def message(report, filters: dict) -> str | None:
	"""Above the table: when it lists only the first villages' warnings, and how a union's or an
	organizer's warnings count under a village or category filter."""
	notes = []
	if len(report.rows) < report.warnings:
		notes.append(
			_(
				"{0} of {1} warnings are listed, those of the first villages by name. Choose a township, "
				"village, rule or category to list the others; the chart and the totals count them all."
			).format(len(report.rows), report.warnings)
		)
	if filters.get("village") or filters.get("category"):
		notes.append(
			_(
				"A union's or an organizer's warnings are listed under each village and category of the units "
				"it covers or is assigned to: added up over villages, they count more than once."
			)
		)
	return "<br>".join(notes) or None


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


def chart(by_rule: Counter) -> dict:
	translate = lru_cache(maxsize=None)(_)
	rules = sorted(by_rule)
	return {
		"data": {
			# "R01单独建会": with no space, fourteen labels fit the chart uncut
			"labels": [rule_title(rule, translate).replace(" ", "") for rule in rules],
			"datasets": [{"name": _("Warnings"), "values": [by_rule[rule] for rule in rules]}],
		},
		"type": "bar",
		"colors": ["#e24c4c"],
	}


def summary(report) -> list[dict]:
	return [
		{
			"label": _("Open Compliance Warnings"),
			"value": report.warnings,
			"datatype": "Int",
			"indicator": "Red",
		},
		{"label": _("Records Concerned"), "value": report.records, "datatype": "Int", "indicator": "Orange"},
	]
