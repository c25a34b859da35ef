"""Register figures for the reviews, gathered set-based and scoped to the session user.

A fixed number of queries whatever the number of units: the units and unions through
frappe.get_list (which applies the user's scope inside the SQL), coverage, contracts and member
counts as grouped queries. The arithmetic is gongjian.rules.metrics.
"""

import re
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate, today

from gongjian import member_counts, survey_figures
from gongjian.compliance import union_coverage, units_with_contract
from gongjian.permissions import unrestricted
from gongjian.policy import get_policy_settings
from gongjian.rules.membership import AT_UNIT as MEMBERSHIPS_AT_UNIT
from gongjian.rules.metrics import (
	Metrics,
	UnionFigures,
	UnitFigures,
	in_office,
	workers_home_rated,
)
from gongjian.rules.units import CLOSED_STATUSES, NON_PUBLIC
from gongjian.staff import STAFF_FIGURES, staff_on
from gongjian.utils.validation import EARLIEST_DATE, LATEST_DATE

# Each rate of the reviews, in the order the survey and the assessments list them.
RATE_LABELS = {
	"formation": "Formation Rate",
	"formation_above_scale": "Formation Rate of Above-scale Non-public Enterprises",
	"own_union": "Own-union Rate",
	"membership": "Membership Rate",
	"membership_all_units": "Membership Rate of All Units",
	"contract": "Collective Contract Rate",
	"workers_home": "Workers' Home Rate",
}
PERIOD = re.compile(r"^([0-9]{4})(?:-H([12]))?$")
# The years a period may name: those of the registers' dates (gongjian/utils/validation.py).
FIRST_YEAR, LAST_YEAR = EARLIEST_DATE.year, LATEST_DATE.year


def period_end(period: str | None) -> date:
	"""The last day of `YYYY-H1`, `YYYY-H2` or `YYYY`; today when no period is given."""
	if not period:
		return getdate(today())
	match = PERIOD.match(period.strip())
	if not match:
		frappe.throw(_("Period must look like 2026-H1, 2026-H2 or 2026"))
	year, half = int(match.group(1)), match.group(2)
	if not FIRST_YEAR <= year <= LAST_YEAR:
		frappe.throw(_("Period must lie between {0} and {1}").format(FIRST_YEAR, LAST_YEAR))
	return date(year, 6, 30) if half == "1" else date(year, 12, 31)


def period_start(period: str) -> date:
	"""The first day of `YYYY-H1`, `YYYY-H2` or `YYYY`."""
	end = period_end(period)
	return date(end.year, 7, 1) if str(period).strip().endswith("-H2") else date(end.year, 1, 1)


def period_year(period: str | int | None) -> int:
	"""The year of a period or year filter (2026-H1, 2026), this year when none; refused in Chinese
	when it is neither (2026-H3, abc)."""
	if period in (None, ""):
		return getdate(today()).year
	period_end(str(period))  # refuses what is not a period
	return int(str(period).strip()[:4])


def scope_filters(filters: dict) -> dict:
	result = {}
	if filters.get("village"):
		result["village"] = filters["village"]
	if filters.get("township"):
		result["township"] = filters["township"]
	return result


def member_filters(filters: dict) -> dict:
	"""Members carry a village, not a township: a township filter becomes its villages."""
	result = {"village": filters["village"]} if filters.get("village") else {}
	if filters.get("township"):
		villages = frappe.get_list("Village", filters={"township": filters["township"]}, pluck="name")
		result["village"] = [
			"in",
			villages if not result else [v for v in villages if v == filters["village"]],
		]
	return result


def gather(
	filters: dict, group_by: str = "village"
) -> tuple[list[UnitFigures], list[UnionFigures], dict[str, int], date]:
	"""The units, unions and members of the filters' scope as of the period's end, by `group_by`
	(village, township or category)."""
	on = period_end(filters.get("period"))
	where = scope_filters(filters)
	units = frappe.get_list(
		"Enterprise",
		filters={**where, "status": ["not in", list(CLOSED_STATUSES)]},
		or_filters=[["founded_on", "is", "not set"], ["founded_on", "<=", on]],
		fields=[
			"name",
			"village",
			"township",
			"category",
			"above_scale",
			"founded_on",
			"creation",
			*STAFF_FIGURES,
		],
		limit_page_length=0,
		order_by="name asc",
	)
	# A unit is in the register from its founding; one with no founding date, from its registration.
	units = [u for u in units if u.founded_on or getdate(u.creation) <= on]
	if filters.get("period"):  # staff as counted by the period's end (普查登记), not as it is today
		counted = staff_on([u.name for u in units], on)
		for u in units:
			if u.name in counted:
				u.update(dict(zip(STAFF_FIGURES, counted[u.name], strict=True)))
	coverage = union_coverage(on)
	contracted = units_with_contract(on)
	member_where = member_filters(filters)
	members_of = members_at_units(member_where, on)
	unit_figures = [
		UnitFigures(
			group=u[group_by] or "",
			staff=u.staff_total or 0,
			**{field: u[field] or 0 for field in STAFF_FIGURES[1:]},
			covered=u.name in coverage,
			own_union=coverage.get(u.name, {}).get("own", False),
			contract=u.name in contracted,
			members=members_of.get(u.name, 0),
			above_scale_non_public=bool(u.above_scale) and u.category == NON_PUBLIC,
		)
		for u in units
	]
	if group_by == "category":  # unions and members without a unit have no category: in the total only
		group_by = None
	unions = frappe.get_list(
		"Trade Union",
		filters=where,
		fields=[
			"village",
			"township",
			"union_kind",
			"workers_home",
			"workers_home_year",
			"status",
			"founded_on",
			"dissolved_on",
		],
		limit_page_length=0,
		order_by="name asc",
	)
	unions = [u for u in unions if in_office(u.status, u.founded_on, u.dissolved_on, on)]
	union_figures = [
		UnionFigures(
			(u[group_by] or "") if group_by else None,
			u.union_kind,
			workers_home_rated(u.workers_home, u.workers_home_year, on.year),
		)
		for u in unions
	]
	return unit_figures, union_figures, members_without_unit(member_where, group_by, on), on


# Memberships that go on: at a unit (in transfer, 转接中, until the receiving union accepts), and
# without one (in the Members' Home, or kept there: 保留会籍).
AT_UNIT = list(MEMBERSHIPS_AT_UNIT)
WITHOUT_UNIT = ["Member", "Retained"]


def members_on(on: date, statuses: list[str]) -> dict:
	"""Who was a member at the end of day `on`: joined by then, and a member now or withdrawn after
	(with still_members_on as the or-filters)."""
	return {"joined_on": ["<=", on], "status": ["in", [*statuses, "Withdrawn"]]}


def still_members_on(on: date, statuses: list[str]) -> list:
	return [["status", "in", statuses], ["exit_on", ">", on]]


def members_at_units(member_where: dict, on: date) -> dict[str, int]:
	"""Members per unit as of the end of day `on`; the caller keeps the units in the user's scope."""
	members = frappe.get_list(
		"Union Member",
		filters={**member_where, **members_on(on, AT_UNIT), "employer": ["is", "set"]},
		or_filters=still_members_on(on, AT_UNIT),
		fields=["employer", "count(name) as members"],
		group_by="employer",
		limit_page_length=0,
		order_by="employer asc",
	)
	return {row.employer: row.members for row in members}


def members_without_unit(member_where: dict, group_by: str, on: date) -> dict[str, int]:
	"""Members with no employer (flexible workers held in the 会员之家) by the village where they live,
	or its township: they count in the members of that place and in no 入会率, which has no staff to set
	them against."""
	villages = member_counts.villages_kept_for(member_where) if on >= getdate(today()) else None
	if villages is not None:
		kept = member_counts.members_without_unit(WITHOUT_UNIT, villages)
		rows = [frappe._dict(village=village or None, members=n) for village, n in kept.items()]
	else:
		rows = counted_members_without_unit(member_where, on)
	if group_by is None:
		return {None: sum(row.members for row in rows)} if rows else {}
	if group_by == "village":
		return {row.village or "": row.members for row in rows}
	township_of = dict(
		frappe.get_list(
			"Village",
			filters={"name": ["in", [row.village for row in rows] or [""]]},
			fields=["name", "township"],
			limit_page_length=0,
			as_list=True,
		)
	)
	counts: dict[str, int] = {}
	for row in rows:
		township = township_of.get(row.village, "")
		counts[township] = counts.get(township, 0) + row.members
	return counts


def counted_members_without_unit(member_where: dict, on: date) -> list[dict]:
	if unrestricted() and frappe.has_permission("Union Member", "read"):
		# Frappe writes "is not set" as ifnull(employer, '') = '', which reads every member; this reads
		# the members without an employer from the index on employer.
		member = DocType("Union Member")
		statuses = [*WITHOUT_UNIT, "Withdrawn"]
		query = (
			frappe.qb.from_(member)
			.select(member.village, Count("*").as_("members"))
			.where(member.employer.isnull() | (member.employer == ""))
			.where((member.joined_on <= on) & member.status.isin(statuses))
			.where(member.status.isin(WITHOUT_UNIT) | (member.exit_on > on))
			.groupby(member.village)
		)
		village = member_where.get("village")
		if isinstance(village, list):
			query = query.where(member.village.isin(village[1] or [""]))
		elif village:
			query = query.where(member.village == village)
		return query.run(as_dict=True)
	return frappe.get_list(
		"Union Member",
		filters={**member_where, **members_on(on, WITHOUT_UNIT), "employer": ["is", "not set"]},
		or_filters=still_members_on(on, WITHOUT_UNIT),
		fields=["village", "count(name) as members"],
		group_by="village",
		limit_page_length=0,
		order_by="village asc",
	)


def metrics_for(filters: dict, group_by: str = "village") -> dict[str, Metrics]:
	"""Metrics per group, counted set-based (gongjian/survey_figures.py): the running period's from the
	kept counts, a past period's from the registers as they were (gather counts the same unit by unit)."""
	on, settings = period_end(filters.get("period")), get_policy_settings()
	where, member_where = scope_filters(filters), member_filters(filters)
	union_group = None if group_by == "category" else group_by  # unions have no category
	groups = survey_figures.unit_sums(where, group_by, on, settings, member_where)
	for group, count in members_without_unit(member_where, union_group, on).items():
		groups[group] = groups.get(group, Metrics()) + Metrics(members_without_unit=count)
	for group, metrics in survey_figures.union_metrics_by_group(where, union_group, on).items():
		groups[group] = groups.get(group, Metrics()) + metrics
	return groups
