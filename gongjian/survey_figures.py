"""The reviews' figures of the running period, counted set-based in MariaDB: one grouped query over
the kept Unit Tally and one over the unions, returning a row per class of like units instead of a row
per unit (20,000 at county scale).

The arithmetic stays in gongjian.rules.metrics (class_metrics). Past periods need each unit's staff and
members as they were, and are counted unit by unit in gongjian.metrics.gather.
"""

from datetime import date

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, today
from pypika import CustomFunction

from gongjian.compliance import union_in_office
from gongjian.permissions import get_scope
from gongjian.rules.metrics import WORKERS_HOME_KINDS, Metrics, UnitClass, workers_home_metrics
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import CLOSED_STATUSES, NON_PUBLIC

Least = CustomFunction("LEAST", ["a", "b"])


def applies(on: date) -> bool:
	"""Today's figures hold for any day from today on: members, staff counts and unions change on past
	days only."""
	return on >= getdate(today())


def scoped_names(doctype: str, where: dict) -> list[str] | None:
	"""The records of `doctype` the session user may list under `where`, or None when that is every
	record `where` selects (a town account without user permissions): then no list of names is needed."""
	frappe.has_permission(doctype, "read", throw=True)
	user = frappe.session.user
	if get_scope(user).everything and not frappe.db.exists("User Permission", {"user": user}):
		return None
	return frappe.get_list(doctype, filters=where, pluck="name", limit_page_length=0, order_by="name asc")


def unit_classes(where: dict, group_by: str, on: date, settings: PolicySettings) -> list[UnitClass]:
	"""The units of the user's scope under `where` as classes of like units, as of a day `on` from today
	on, in one grouped query over the kept Unit Tally (gongjian/unit_tally.py)."""
	tally = DocType("Unit Tally")
	staff, members = tally.staff_total, tally.members_at_unit
	flags = {
		"group": Coalesce(tally[group_by], ""),
		"required": Case().when(staff > 0, 1).else_(0),
		"large": Case().when(staff >= settings.base_union_min_staff, 1).else_(0),
		"over_staff": Case().when(members > staff, 1).else_(0),
		"covered": tally.covered,
		"own_union": tally.own_union,
		"contract": Case().when(tally.contract_expires_on >= on, 1).else_(0),
		"above_scale_non_public": Case()
		.when((tally.above_scale == 1) & (tally.category == NON_PUBLIC), 1)
		.else_(0),
	}
	figures = ("staff_total", "staff_migrant", "staff_dispatched", "staff_temporary")
	query = (
		frappe.qb.from_(tally)
		.select(
			*(term.as_(name) for name, term in flags.items()),
			Count("*").as_("units"),
			*(Sum(tally[f]).as_(f) for f in figures),
			Sum(members).as_("members"),
			Sum(Least(members, staff)).as_("counted_members"),
		)
		.where(tally.status.notin(list(CLOSED_STATUSES)))
		# in the register from its founding; with no founding date, from its registration
		.where((tally.founded_on <= on) | (tally.founded_on.isnull() & (tally.registered_on <= on)))
		.groupby(*flags.values())
	)
	for field, value in where.items():
		query = query.where(tally[field] == value)
	names = scoped_names("Enterprise", where)
	if names is not None:
		query = query.where(tally.name.isin(names or [""]))
	return [
		UnitClass(
			group=r.group,
			units=int(r.units),
			**{flag: bool(r[flag]) for flag in flags if flag != "group"},
			staff=int(r.staff_total or 0),
			**{f: int(r[f] or 0) for f in figures[1:]},
			members=int(r.members or 0),
			counted_members=int(r.counted_members or 0),
		)
		for r in query.run(as_dict=True)
	]


def union_metrics_by_group(where: dict, group_by: str | None, on: date) -> dict[str | None, Metrics]:
	"""The 职工之家 rate's unions (base unions and village committees in office) per group: those rated
	for the period's year, of all. Unions have no category: by category they count in the total only."""
	union = DocType("Trade Union")
	rated = Case().when((union.workers_home == 1) & (union.workers_home_year == on.year), 1).else_(0)
	group = Coalesce(union[group_by], "") if group_by else None
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
	return {
		(r.group if group is not None else None): workers_home_metrics(int(r.rated or 0), int(r.unions))
		for r in query.run(as_dict=True)
		if r.unions
	}
