"""会员统计: members by employment kind, migrant, talent flags, join channel and status (R09, R11).

It counts the memberships in force at the period's end: joined by then, and not withdrawn by then. A
member withdrawn later counts, under the status 会员 they then had."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Sum
from frappe.utils import getdate, today

from gongjian import member_counts as kept_counts
from gongjian.metrics import member_filters, period_end

DIMENSIONS = (
	("employment_kind", "Employment Kind"),
	("migrant", "Migrant Worker"),
	("high_education", "Highly Educated"),
	("high_skill", "Highly Skilled"),
	("high_income", "High Income"),
	("party_member", "Party Member"),
	("join_channel", "Join Channel"),
	("status", "Membership Status"),
)
WITHDRAWN = "Withdrawn"
FLAGS = frozenset({"migrant", "high_education", "high_skill", "high_income", "party_member"})


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	counts = member_counts(filters)
	members = sum(count for (dimension, _value), count in counts.items() if dimension == "status")
	rows = []
	for dimension, label in DIMENSIONS:
		values = sorted(value for (d, value) in counts if d == dimension)
		if dimension in FLAGS:
			values = [1]
		for value in values:
			count = counts.get((dimension, value), 0)
			rows.append(
				{
					"dimension": _(label),
					"value": _("Yes") if dimension in FLAGS else _(value or "Not Set"),
					"members": count,
					"share": round(100.0 * count / members, 2) if members else 0.0,
				}
			)
	return (
		columns(),
		rows,
		None,
		chart(counts),
		[{"label": _("Members"), "value": members, "datatype": "Int", "indicator": "Blue"}],
	)


def member_counts(filters) -> Counter:
	"""One grouped, scoped query; the per-dimension counts are summed from its rows."""
	on = period_end(filters.get("period"))
	villages = kept_counts.villages_kept_for(member_filters(filters)) if on >= getdate(today()) else None
	if villages is not None:  # nobody joins on a future day: today's members are the period's
		rows = kept_breakdown(villages)
	else:
		rows = counted_breakdown(filters, on)
	counts = Counter()
	for row in rows:
		for dimension, _label in DIMENSIONS:
			counts[(dimension, row[dimension])] += row.members
	return counts


def kept_breakdown(villages: list[str]) -> list:
	count = DocType("Village Member Count")
	dimensions = [count[d] for d, _label in DIMENSIONS]
	query = (
		frappe.qb.from_(count)
		.select(*dimensions, Sum(count.members).as_("members"))
		.where(count.status != WITHDRAWN)
		.groupby(*dimensions)
	)
	if villages != kept_counts.ALL_VILLAGES:
		query = query.where(count.village.isin(villages or [""]))
	rows = [row for row in query.run(as_dict=True) if row.members]  # a count may have fallen to zero
	for row in rows:  # the kept counts hold '' for an empty value, as the members hold NULL
		row.members = int(row.members)
		for d, _label in DIMENSIONS:
			if d not in FLAGS:
				row[d] = row[d] or None
	return rows


def counted_breakdown(filters, on) -> list:
	rows = frappe.get_list(
		"Union Member",
		filters={**member_filters(filters), "joined_on": ["<=", on]},
		or_filters=[["status", "!=", WITHDRAWN], ["exit_on", ">", on]],
		fields=[*(d for d, _label in DIMENSIONS), "count(name) as members"],
		group_by=", ".join(d for d, _label in DIMENSIONS),
		limit_page_length=0,
		order_by="status asc",
	)
	for row in rows:  # withdrawn after the period: a member then
		if row.status == WITHDRAWN:
			row.status = "Member"
	return rows


def columns() -> list[dict]:
	return [
		{"fieldname": "dimension", "label": _("Dimension"), "fieldtype": "Data", "width": 140},
		{"fieldname": "value", "label": _("Breakdown"), "fieldtype": "Data", "width": 160},
		{"fieldname": "members", "label": _("Members"), "fieldtype": "Int", "width": 100},
		{"fieldname": "share", "label": _("Share of Total"), "fieldtype": "Percent", "width": 100},
	]


def chart(counts: Counter) -> dict:
	channels = sorted(value for (d, value) in counts if d == "join_channel")
	return {
		"data": {
			"labels": [_(c) for c in channels],
			"datasets": [{"name": _("Members"), "values": [counts[("join_channel", c)] for c in channels]}],
		},
		"type": "pie",
	}
