"""半年摸底表: one row per village (or township), a total row, every rate with numerator and denominator."""

from collections import Counter

import frappe
from frappe import _

from gongjian.compliance import collect
from gongjian.metrics import metrics_for, scope_filters
from gongjian.rules.metrics import Metrics, total

RATES = (
	("formation", "Formation Rate"),
	("own_union", "Own-union Rate"),
	("membership", "Membership Rate"),
	("contract", "Collective Contract Rate"),
	("workers_home", "Workers' Home Rate"),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	group_by = "township" if filters.get("group_by_township") else "village"
	groups = metrics_for(filters, group_by)
	flags = open_flags(filters, group_by)
	rows = [metric_row(group, metrics, flags.get(group, 0)) for group, metrics in sorted(groups.items())]
	grand = total(groups)
	rows.append(metric_row(_("Total"), grand, sum(flags.values()), bold=True))
	return columns(group_by), rows, None, chart(rows[:-1]), summary(grand)


def open_flags(filters, group_by: str) -> Counter:
	"""Open compliance warnings per village (or township), for the units the user may read."""
	where = scope_filters(filters)
	violations, units = collect(where or None)
	group_of = {name: unit[group_by] for name, unit in units.items()}
	if group_by == "village":
		# On Village itself the village filter is its name.
		villages = {"name" if key == "village" else key: value for key, value in where.items()}
		group_of.update(
			{v: v for v in frappe.get_list("Village", filters=villages, pluck="name", limit_page_length=0)}
		)
	return Counter(group_of[v.unit] for v in violations if v.unit in group_of)


def metric_row(group: str, m: Metrics, flags: int, bold: bool = False) -> dict:
	row = {
		"group": group,
		"units": m.units,
		"required": m.required,
		"staff_formal": m.staff_formal,
		"staff_migrant": m.staff_migrant,
		"staff_dispatched": m.staff_dispatched,
		"staff_temporary": m.staff_temporary,
		"staff": m.staff,
		"members": m.members,
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
	return row


def columns(group_by: str) -> list[dict]:
	group_label = _("Township") if group_by == "township" else _("Village")
	cols = [
		{"fieldname": "group", "label": group_label, "fieldtype": "Data", "width": 140},
		{"fieldname": "units", "label": _("Units"), "fieldtype": "Int", "width": 70},
		{"fieldname": "required", "label": _("Units Required to Organise"), "fieldtype": "Int", "width": 90},
	]
	for key, label in RATES:
		cols += [
			{
				"fieldname": f"{key}_num",
				"label": _("{0}: Numerator").format(_(label)),
				"fieldtype": "Int",
				"width": 90,
			},
			{
				"fieldname": f"{key}_den",
				"label": _("{0}: Denominator").format(_(label)),
				"fieldtype": "Int",
				"width": 90,
			},
			{"fieldname": f"{key}_rate", "label": _(label), "fieldtype": "Percent", "width": 90},
		]
	for field, label in (
		("staff_formal", "Formal Staff"),
		("staff_migrant", "Migrant Workers"),
		("staff_dispatched", "Dispatched Workers"),
		("staff_temporary", "Temporary Workers"),
		("staff", "Total Staff"),
		("members", "Members"),
		("open_flags", "Open Compliance Warnings"),
	):
		cols.append({"fieldname": field, "label": _(label), "fieldtype": "Int", "width": 90})
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


def summary(m: Metrics) -> list[dict]:
	return [
		{"label": _(label), "value": getattr(m, key).percent, "datatype": "Percent", "indicator": "Blue"}
		for key, label in RATES
	] + [{"label": _("Members"), "value": m.members, "datatype": "Int", "indicator": "Green"}]
