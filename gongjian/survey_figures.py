"""The reviews' figures of the running period, counted set-based in MariaDB: one query over the kept
Unit Tally summing each village's figures (rules.metrics.UNIT_SUMS) and one over the unions, returning
a row per village instead of a row per unit (200,000 at ten counties).

A past period reads the same columns from a derived table of the registers as they were on the period's
last day (past_tally): staff as last counted by then, unions in office, contracts in force and members
that day. What is summed over which units is gongjian.rules.metrics.UNIT_SUMS; gongjian.metrics.gather
counts the same unit by unit, and the tests hold the two equal.
"""

import functools
from datetime import date

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Count, Date, Max, Min, Sum
from frappe.utils import getdate, today
from pypika import CustomFunction
from pypika.terms import Field

from gongjian.compliance import (
	NON_COVERING_KINDS,
	OWN_UNION_KIND,
	fulltime_chair_units,
	organized_units,
	union_in_office,
)
from gongjian.permissions import unrestricted
from gongjian.rules.membership import AT_UNIT
from gongjian.rules.metrics import (
	UNIT_SUMS,
	WORKERS_HOME_KINDS,
	Metrics,
	metrics_of_sums,
	workers_home_metrics,
)
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import CLOSED_STATUSES, NON_PUBLIC, UnitFacts
from gongjian.staff import HISTORY, STAFF_FIGURES

Least = CustomFunction("LEAST", ["a", "b"])


def column_of(derived, name: str) -> Field:
	"""A column of a derived table (a subquery in FROM or JOIN)."""
	return Field(name, table=derived)


def applies(on: date) -> bool:
	"""Today's figures hold for any day from today on: members, staff counts and unions change on past
	days only."""
	return on >= getdate(today())


def scoped_names(doctype: str, where: dict) -> list[str] | None:
	"""The records of `doctype` the session user may list under `where`, or None when that is every
	record `where` selects (a town account without user permissions): then no list of names is needed."""
	frappe.has_permission(doctype, "read", throw=True)
	if unrestricted():
		return None
	return frappe.get_list(doctype, filters=where, pluck="name", limit_page_length=0, order_by="name asc")


def unit_sums(
	where: dict, group_by: str, on: date, settings: PolicySettings, member_where: dict | None = None
) -> dict[str, Metrics]:
	"""The units of the user's scope under `where`, as of day `on`, summed per group into their Metrics
	(rules.metrics.UNIT_SUMS) in one grouped query: over the kept Unit Tally (gongjian/unit_tally.py)
	from today on, read in village order from its covering index, over the registers as they were
	(past_tally) before."""
	if applies(on):
		tally = DocType("Unit Tally")
		column = tally.__getitem__
	else:
		tally = past_tally(on, member_where or {})
		column = functools.partial(column_of, tally)
	staff, members = column("staff_total"), column("members_at_unit")
	flags = {
		"required": staff > 0,
		"large": staff >= settings.base_union_min_staff,
		"over_staff": members > staff,
		"covered": column("covered") == 1,
		"own_union": column("own_union") == 1,
		"contract": column("contract_expires_on") >= on if applies(on) else column("contract") == 1,
		"above_scale_non_public": (column("above_scale") == 1) & (column("category") == NON_PUBLIC),
	}
	figures = {  # UnitClass's figures, of one unit
		"units": 1,
		"staff": staff,
		**{f: column(f) for f in STAFF_FIGURES[1:]},
		"members": members,
		"counted_members": Least(members, staff),
	}

	def summed(figure: str, of_flags: tuple[str, ...]):
		value = figures[figure]
		if not of_flags:
			return Count("*") if figure == "units" else Sum(value)
		condition = functools.reduce(lambda a, b: a & b, (flags[flag] for flag in of_flags))
		return Sum(Case().when(condition, value).else_(0))

	aliases = {key: f"sum_{number}" for number, key in enumerate(UNIT_SUMS)}
	group = column(group_by)  # not coalesced: an expression would group through a temporary table
	query = (
		frappe.qb.from_(tally)
		.select(
			group.as_("group"),
			*(summed(figure, of_flags).as_(aliases[key]) for key, (figure, of_flags) in UNIT_SUMS.items()),
		)
		.where(column("status").notin(list(CLOSED_STATUSES)))
		# in the register from its founding; with no founding date, from its registration
		.where(
			(column("founded_on") <= on) | (column("founded_on").isnull() & (column("registered_on") <= on))
		)
		.groupby(group)
	)
	for field, value in where.items():
		query = query.where(column(field) == value)
	names = scoped_names("Enterprise", where)
	if names is not None:
		query = query.where(column("name").isin(names or [""]))
	groups: dict[str, Metrics] = {}
	for row in query.run(as_dict=True):
		key = row.group or ""  # NULL and '' alike: no village
		groups[key] = groups.get(key, Metrics()) + metrics_of_sums(
			{figure: row[alias] for figure, alias in aliases.items()}
		)
	return groups


def work_classes(where: dict, on: date) -> list[tuple[UnitFacts, int]]:
	"""The open units of the user's scope under `where` as classes of units alike in everything the work
	rates ask (category, scale, staff, party organisation, organizer, full-time chair), each with how many
	units it holds: one grouped query instead of a row per unit."""
	unit = DocType("Enterprise")
	organized, fulltime = organized_units(on), fulltime_chair_units()
	has_organizer = Case().when(column_of(organized, "enterprise").isnotnull(), 1).else_(0)
	has_chair = Case().when(column_of(fulltime, "enterprise").isnotnull(), 1).else_(0)
	has_party_org = Case().when(Coalesce(unit.party_org, "") != "", 1).else_(0)
	terms = (
		unit.category,
		unit.above_scale,
		Coalesce(unit.staff_total, 0),
		has_party_org,
		has_organizer,
		has_chair,
	)
	query = (
		frappe.qb.from_(unit)
		.left_join(organized)
		.on(column_of(organized, "enterprise") == unit.name)
		.left_join(fulltime)
		.on(column_of(fulltime, "enterprise") == unit.name)
		.select(*terms, Count("*"))
		.where(unit.status.notin(list(CLOSED_STATUSES)))
		.groupby(*terms)
	)
	for field, value in where.items():
		query = query.where(unit[field] == value)
	names = scoped_names("Enterprise", where)
	if names is not None:
		query = query.where(unit.name.isin(names or [""]))
	return [
		(
			UnitFacts(
				unit="",
				staff_total=int(staff),
				category=category,
				status="",
				above_scale=bool(above_scale),
				has_party_org=bool(party_org),
				has_organizer=bool(organizer),
				has_fulltime_chair=bool(chair),
			),
			int(units),
		)
		for category, above_scale, staff, party_org, organizer, chair, units in query.run()
	]


def past_tally(on: date, member_where: dict):
	"""Unit Tally's columns as of a past day `on`, as a derived table of the registers (the reading of
	gongjian.metrics.gather): staff as last counted by then, or as first counted for a unit registered
	later, or as registered without a census; unions in office and contracts in force that day; members
	at the unit that day."""
	unit, census = DocType("Enterprise"), DocType(HISTORY)
	of_units = (census.parenttype == "Enterprise") & (census.parentfield == "staff_history")
	counted_on = (
		frappe.qb.from_(census)
		.select(
			census.parent,
			Coalesce(
				Max(Case().when(census.counted_on <= on, census.counted_on)), Min(census.counted_on)
			).as_("counted_on"),
		)
		.where(of_units)
		.groupby(census.parent)
	)
	staff = (
		frappe.qb.from_(census)
		.join(counted_on)
		.on(
			(census.parent == column_of(counted_on, "parent"))
			& (census.counted_on == column_of(counted_on, "counted_on"))
		)
		.select(census.parent, *(Max(Coalesce(census[f], 0)).as_(f) for f in STAFF_FIGURES))
		.where(of_units)
		.groupby(census.parent)
	)
	covered = coverage_on(on)
	contract, contract_row = DocType("Collective Contract"), DocType("Collective Contract Unit")
	in_force = (contract.signed_on <= on) & (contract.expires_on >= on)
	own_contract = (
		frappe.qb.from_(contract)
		.select(contract.enterprise)
		.distinct()
		.where(in_force & contract.enterprise.isnotnull())
	)
	covering_contract = (
		frappe.qb.from_(contract_row)
		.join(contract)
		.on((contract_row.parent == contract.name) & (contract_row.parenttype == "Collective Contract"))
		.select(contract_row.enterprise)
		.distinct()
		.where(in_force)
	)
	members = members_at_units_on(on, member_where)
	return (
		frappe.qb.from_(unit)
		.left_join(staff)
		.on(column_of(staff, "parent") == unit.name)
		.left_join(covered)
		.on(column_of(covered, "enterprise") == unit.name)
		.left_join(own_contract)
		.on(column_of(own_contract, "enterprise") == unit.name)
		.left_join(covering_contract)
		.on(column_of(covering_contract, "enterprise") == unit.name)
		.left_join(members)
		.on(column_of(members, "employer") == unit.name)
		.select(
			unit.name,
			unit.village,
			unit.township,
			unit.category,
			unit.status,
			unit.above_scale,
			unit.founded_on,
			Date(unit.creation).as_("registered_on"),
			*(
				Case().when(column_of(staff, "parent").isnotnull(), column_of(staff, f)).else_(unit[f]).as_(f)
				for f in STAFF_FIGURES
			),
			Case().when(column_of(covered, "enterprise").isnotnull(), 1).else_(0).as_("covered"),
			Coalesce(column_of(covered, "own_union"), 0).as_("own_union"),
			Case()
			.when(
				column_of(own_contract, "enterprise").isnotnull()
				| column_of(covering_contract, "enterprise").isnotnull(),
				1,
			)
			.else_(0)
			.as_("contract"),
			Coalesce(column_of(members, "members"), 0).as_("members_at_unit"),
		)
	)


def coverage_on(on: date):
	"""unit -> whether a union in office on `on` covers it, and whether its own base union does (an own
	base union covers that one unit): gongjian.compliance.union_coverage as a derived table."""
	union, row = DocType("Trade Union"), DocType("Trade Union Unit")
	covering = (row.parenttype == "Trade Union") & union_in_office(union, on)
	covering &= union.union_kind.notin(NON_COVERING_KINDS)
	sizes = (
		frappe.qb.from_(row)
		.join(union)
		.on(row.parent == union.name)
		.select(row.parent, Count(row.enterprise).distinct().as_("units"))
		.where(covering)
		.groupby(row.parent)
	)
	own = (union.union_kind == OWN_UNION_KIND) & (column_of(sizes, "units") == 1)
	return (
		frappe.qb.from_(row)
		.join(union)
		.on(row.parent == union.name)
		.join(sizes)
		.on(column_of(sizes, "parent") == row.parent)
		.select(row.enterprise, Max(Case().when(own, 1).else_(0)).as_("own_union"))
		.where(covering)
		.groupby(row.enterprise)
	)


def members_at_units_on(on: date, member_where: dict):
	"""employer -> members at that unit at the end of day `on` (gongjian.metrics.members_at_units)."""
	member = DocType("Union Member")
	query = (
		frappe.qb.from_(member)
		.select(member.employer, Count("*").as_("members"))
		.where(member.joined_on <= on)
		.where(member.status.isin([*AT_UNIT, "Withdrawn"]))
		.where(member.status.isin(list(AT_UNIT)) | (member.exit_on > on))
		.where(member.employer.notnull() & (member.employer != ""))
		.groupby(member.employer)
	)
	village = member_where.get("village")
	if isinstance(village, list):  # ["in", villages]
		query = query.where(member.village.isin(list(village[1]) or [""]))
	elif village:
		query = query.where(member.village == village)
	return query


def union_metrics_by_group(where: dict, group_by: str | None, on: date) -> dict[str | None, Metrics]:
	"""The 职工之家 rate's unions (base unions and village committees in office) per group: those rated
	for the period's year, of all. Unions have no category: by category they count in the total only."""
	union = DocType("Trade Union")
	rated = Case().when((union.workers_home == 1) & (union.workers_home_year == on.year), 1).else_(0)
	group = union[group_by] if group_by else None  # not coalesced: grouped in the index's order
	query = (
		frappe.qb.from_(union)
		.select(Sum(rated).as_("rated"), Count("*").as_("unions"))
		.where(union.union_kind.isin(list(WORKERS_HOME_KINDS)))
		.where(union_in_office(union, on))
	)
	if group is not None:
		query = query.select(group.as_("group")).groupby(group)
	for field, value in where.items():
		query = query.where(union[field] == value)
	names = scoped_names("Trade Union", where)
	if names is not None:
		query = query.where(union.name.isin(names or [""]))
	groups: dict[str | None, Metrics] = {}
	for r in query.run(as_dict=True):
		if r.unions:
			key = (r.group or "") if group is not None else None
			groups[key] = groups.get(key, Metrics()) + workers_home_metrics(int(r.rated or 0), int(r.unions))
	return groups
