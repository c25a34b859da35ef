"""半年摸底表: one row per village (or township), a total row, every rate with numerator and denominator."""

from collections import Counter
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from gongjian.compliance import counted_findings
from gongjian.metrics import FIRST_YEAR, RATE_LABELS, metrics_for, period_end, scope_filters
from gongjian.rules.metrics import Metrics, total

RATES = tuple(RATE_LABELS.items())
# What each rate counts, shown above the table (the reading of R09 and of the statistical forms).
DEFINITIONS = (
	"Formation rate: units with workers that a union covers (own, joint, village or industry) ÷ units with workers.",
	"Membership rate: members employed in unionised units ÷ the staff of those units (as the forms' 已建会单位入会率); "
	"of all units: members ÷ the staff of every unit with workers.",
	"Staff: everyone with a labour relation, each person once; migrant, dispatched and temporary workers are "
	"parts of it. A unit counts at most as many members as it has staff.",
	"Members without a unit (in the Members' Home with no employer) count where they live, in no membership rate.",
	"By category, the Workers' Home columns count in the total only: a union may cover units of several "
	"categories.",
	"Units that have closed (bankrupt, deregistered) and their members are not in the survey: their members are in "
	"the Members at Risk report until transferred or retained; the Membership Statistics count every member.",
	"A past period counts each unit's staff as last counted by the period's end (普查登记), and units founded, or "
	"with no founding date registered, by then.",
	"Open warnings: the findings on each row's units, unions and village today (by category, those on unions and "
	"villages count in the total only); those on organizers and on the township are in the Compliance Warnings "
	"report only.",
)
# Each rate's numerator and denominator, named for what they count: a header such as "工会组建率：分子"
# is cut to "工会组…" in a column of numbers, and three such columns can no longer be told apart.
PARTS = {
	"formation": ("Units Unionised", "Units to Unionise"),
	"formation_above_scale": ("Above-scale Non-public Unionised", "Above-scale Non-public Units"),
	"own_union": ("Units with Own Union", "Units Needing Own Union"),
	"membership": ("Members in Unionised Units", "Staff of Unionised Units"),
	"membership_all_units": ("Members at Units", "Staff of All Units"),
	"contract": ("Units with Contract", "Units Unionised"),
	"workers_home": ("Workers' Homes", "Base Unions"),
}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.period = filters.get("period") or current_half_year()
	group_by = filters.get("group_by") if filters.get("group_by") in GROUPINGS else "village"
	groups = metrics_for(filters, group_by)
	flags, all_flags = open_flags(filters, group_by)
	# Unions and members without a unit have no category: they count in the total row only.
	order = group_order(group_by, {group: m for group, m in groups.items() if group is not None})
	before = same_period_last_year(filters.period)
	last_year = metrics_for({**filters, "period": before}, group_by) if before else {}
	rows = [metric_row(group, groups[group], flags.get(group, 0), last_year.get(group)) for group in order]
	if group_by == "category":
		for row in rows:
			row["group"] = _(row["group"])
	grand, grand_last_year = total(groups), total(last_year)
	rows.append(metric_row(_("Total"), grand, all_flags, grand_last_year, bold=True))
	return (
		columns(group_by),
		rows,
		definitions(),
		chart(rows[:-1]),
		summary(grand, filters.period, grand_last_year),
	)


def same_period_last_year(period: str) -> str | None:
	"""2026-H1 → 2025-H1, 2026 → 2025; None before the first year a period may name."""
	period = str(period).strip()
	period_end(period)  # refuses what is not a period, in Chinese
	year = int(period[:4]) - 1
	return f"{year}{period[4:]}" if year >= FIRST_YEAR else None


# One row per village (the default), per township or per unit category.
GROUPINGS = {"village": "Village", "township": "Township", "category": "Category"}


def definitions() -> str:
	items = "".join(f"<li>{_(text)}</li>" for text in DEFINITIONS)
	return f'<ul class="gongjian-definitions small text-muted">{items}</ul>'


def current_half_year(on: date | None = None) -> str:
	"""The survey period a clerk means by default: this half-year, e.g. 2026-H2."""
	on = on or getdate()
	return f"{on.year}-H{1 if on.month <= 6 else 2}"


def period_label(period: str) -> str:
	"""2026-H1 → 2026年上半年, 2026 → 2026年全年."""
	year, _sep, half = period.partition("-H")
	if half == "1":
		return _("{0} first half").format(year)
	if half == "2":
		return _("{0} second half").format(year)
	return _("{0} full year").format(year)


def group_order(group_by: str, groups: dict) -> list[str]:
	"""Villages in the order of their official codes (行政区划代码), as the county's forms list them;
	townships and any village without a code after them by name."""
	codes = {}
	if group_by == "village":
		codes = {
			v.name: v.village_code
			for v in frappe.get_list(
				"Village",
				filters={"name": ["in", list(groups) or [""]]},
				fields=["name", "village_code"],
				limit_page_length=0,
			)
			if v.village_code
		}
	return sorted(groups, key=lambda group: (group not in codes, codes.get(group, ""), group))


def open_flags(filters, group_by: str) -> tuple[Counter, int]:
	"""Open compliance warnings per village (or township, or category) for what the user may read, and
	their total. A finding on a union (R14, R08 on its officers) counts in the union's village, one on a
	village (R08) in the village; by category, both count in the total only (a union may cover units of
	several categories); those on organizers and on the township in no row."""
	flags, total_flags = Counter(), 0
	for place in counted_findings(scope_filters(filters)):
		if place["village"] and place["subject_doctype"] != "Union Organizer":
			total_flags += place["warnings"]
			if place[group_by]:
				flags[place[group_by]] += place["warnings"]
	return flags, total_flags


def metric_row(
	group: str, m: Metrics, flags: int, last_year: Metrics | None = None, bold: bool = False
) -> dict:
	row = {
		"group": group,
		"units": m.units,
		"required": m.required,
		"staff": m.staff,
		"staff_migrant": m.staff_migrant,
		"staff_dispatched": m.staff_dispatched,
		"staff_temporary": m.staff_temporary,
		"members": m.members,
		"members_registered": m.members_registered,
		"units_over_staff": m.units_over_staff,
		"members_without_unit": m.members_without_unit,
		"open_flags": flags,
		"bold": int(bold),
	}
	for key, _label in RATES:
		rate = getattr(m, key)
		row[f"{key}_num"], row[f"{key}_den"], row[f"{key}_rate"] = (
			rate.numerator,
			rate.denominator,
			rate.percent,
		)
	for key in COMPARED:
		before = getattr(last_year, key) if last_year else None
		row[f"{key}_last_year"] = before.percent if before and before.denominator else None
	return row


# The rates compared with the same period last year (同比), each in a column after the rates.
COMPARED = {"formation": "Formation Rate Last Year", "membership": "Membership Rate Last Year"}


def columns(group_by: str) -> list[dict]:
	group_label = _(GROUPINGS[group_by])
	cols = [
		{"fieldname": "group", "label": group_label, "fieldtype": "Data", "width": 140},
		{"fieldname": "units", "label": _("Units"), "fieldtype": "Int", "width": 70},
	]
	for key, label in RATES:
		numerator, denominator = PARTS[key]
		cols += [
			{"fieldname": f"{key}_num", "label": _(numerator), "fieldtype": "Int", "width": 135},
			{"fieldname": f"{key}_den", "label": _(denominator), "fieldtype": "Int", "width": 135},
			{"fieldname": f"{key}_rate", "label": _(label), "fieldtype": "Percent", "width": 110},
		]
	cols += [
		{"fieldname": f"{key}_last_year", "label": _(label), "fieldtype": "Percent", "width": 120}
		for key, label in COMPARED.items()
	]
	for field, label in (
		("staff", "Total Staff"),
		("staff_migrant", "Of Which: Migrant Workers"),
		("staff_dispatched", "Of Which: Dispatched Workers"),
		("staff_temporary", "Of Which: Temporary Workers"),
		("members_registered", "Members Registered at Units"),
		("members", "Members Counted in Rates"),
		("units_over_staff", "Units with More Members than Staff"),
		("members_without_unit", "Members without a Unit"),
		("open_flags", "Open Compliance Warnings"),
	):
		cols.append({"fieldname": field, "label": _(label), "fieldtype": "Int", "width": 110})
	return cols


def chart(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["group"] for row in rows],
			"datasets": [
				{"name": _("Formation Rate"), "values": [row["formation_rate"] for row in rows]},
				{"name": _("Membership Rate"), "values": [row["membership_rate"] for row in rows]},
			],
		},
		"type": "bar",
		"colors": ["#2490ef", "#29cd42"],
	}


def summary(m: Metrics, period: str, last_year: Metrics | None = None) -> list[dict]:
	return (
		[
			{
				"label": _("Survey Period"),
				"value": period_label(period),
				"datatype": "Data",
				"indicator": "Blue",
			}
		]
		+ [rate_summary(_(label), getattr(m, key)) for key, label in RATES]
		+ [rate_summary(_(label), getattr(last_year, key)) for key, label in COMPARED.items() if last_year]
		+ [
			{
				"label": _("Members"),
				"value": m.members_registered + m.members_without_unit,
				"datatype": "Int",
				"indicator": "Green",
			}
		]
	)


def rate_summary(label: str, rate) -> dict:
	"""A rate over nothing (no above-scale enterprise, no union by unit category) reads "—", not 0 %."""
	if not rate.denominator:
		return {"label": label, "value": "—", "datatype": "Data", "indicator": "Grey"}
	return {"label": label, "value": rate.percent, "datatype": "Percent", "indicator": "Blue"}
