"""Staff history (普查登记): each unit's staff figures by the day they were counted, so that a past
period is reported with the staff counted by its end and not with today's.

The history is the system's record: a unit's save adds a row when its figures change (dated the day
they were counted), a census records every unit in the user's scope at once, and nobody edits a row.
"""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Max
from frappe.utils import getdate, now, today

from gongjian.exceptions import GongjianValidationError
from gongjian.rules.units import CLOSED_STATUSES, figures_counted_on
from gongjian.utils.names import name_filter

# The staff total and its 其中 subsets, in the order staff_figures_error takes them.
STAFF_FIGURES = ("staff_total", "staff_migrant", "staff_dispatched", "staff_temporary")
HISTORY = "Staff Census"


def stored_history(unit: str) -> list[dict]:
	return frappe.get_all(
		HISTORY,
		filters={"parenttype": "Enterprise", "parentfield": "staff_history", "parent": unit},
		fields=["name", "idx", "counted_on", "source", *STAFF_FIGURES],
		order_by="idx asc",
	)


def keep_staff_history(unit) -> None:
	"""On a unit's save: its stored history as it was, whatever the client sent, and a row for its
	figures, dated the day they were counted, when they differ from the count then in force or when
	that day is new (a recount). New figures entered without a new date were counted today."""
	history = [] if unit.is_new() else stored_history(unit.name)
	unit.set("staff_history", history)
	before = unit.get_doc_before_save()
	figures = figures_of(unit)
	figures_changed = not before or figures != figures_of(before)
	if figures_changed and before and before.staff_counted_on == unit.staff_counted_on:
		unit.staff_counted_on = today()
	counted_on = getdate(unit.staff_counted_on or today())
	unit.staff_counted_on = counted_on
	if counted_on > getdate(today()):
		frappe.throw(
			_("Staff Counted On cannot be a future date"), GongjianValidationError, title=_("Staff Figures")
		)
	entries = [(getdate(row.counted_on), figures_of(row)) for row in history]
	latest = max((counted for counted, _figures in entries), default=None)
	if latest and counted_on < latest:
		frappe.throw(
			_("The staff figures were last counted on {0}: a new count cannot be dated earlier").format(
				frappe.format(latest, "Date")
			),
			GongjianValidationError,
			title=_("Staff Figures"),
		)
	if same_day := [row for row in unit.staff_history if getdate(row.counted_on) == counted_on]:
		same_day[-1].update(dict(zip(STAFF_FIGURES, figures, strict=True)))  # that day's count corrected
		return
	recount = bool(before) and getdate(before.staff_counted_on or counted_on) != counted_on
	if (
		not entries
		and before
		and figures_changed
		and getdate(before.staff_counted_on or counted_on) < counted_on
	):
		add_count(unit, getdate(before.staff_counted_on), figures_of(before))  # what held until now
	if not entries or figures_counted_on(entries, counted_on) != figures or recount:
		add_count(unit, counted_on, figures)


def figures_of(record) -> tuple[int, ...]:
	return tuple(record.get(field) or 0 for field in STAFF_FIGURES)


def add_count(unit, counted_on: date, figures: tuple[int, ...]) -> None:
	row = {
		"counted_on": counted_on,
		"source": "Unit Record",
		**dict(zip(STAFF_FIGURES, figures, strict=True)),
	}
	unit.append("staff_history", row)


@frappe.whitelist(methods=["POST"])
def take_staff_census(village: str | None = None, counted_on: str | None = None) -> dict:
	"""普查登记: record the staff figures of every open unit the user may keep (of `village`, if given)
	as counted on `counted_on` (today by default), in one insert. A unit already counted that day keeps
	that count. Returns how many units were recorded, and how many had been counted that day already."""
	if not frappe.has_permission("Enterprise", "write"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	counted_on = getdate(counted_on or today())
	if counted_on > getdate(today()):
		frappe.throw(
			_("Staff Counted On cannot be a future date"), GongjianValidationError, title=_("Staff Figures")
		)
	filters = {"status": ["not in", list(CLOSED_STATUSES)]}
	if village:
		filters["village"] = village
	units = frappe.get_list(
		"Enterprise", filters=filters, fields=["name", *STAFF_FIGURES], limit_page_length=0
	)
	if not units:
		return {"recorded": 0, "already": 0}
	history = DocType(HISTORY)
	names = [unit.name for unit in units]
	rows = (
		frappe.qb.from_(history)
		.select(history.parent, Max(history.idx).as_("last_idx"), Max(history.counted_on).as_("latest"))
		.where(history.parenttype == "Enterprise")
		.where(history.parentfield == "staff_history")
		.where(history.parent.isin(names))
		.groupby(history.parent)
		.run(as_dict=True)
	)
	last = {row.parent: row for row in rows}
	if any(row.latest and getdate(row.latest) > counted_on for row in rows):
		frappe.throw(
			_(
				"Some units were counted after {0}: a census cannot be dated earlier than their last count"
			).format(frappe.format(counted_on, "Date")),
			GongjianValidationError,
		)
	to_count = [
		unit for unit in units if not (last.get(unit.name) and getdate(last[unit.name].latest) == counted_on)
	]
	if not to_count:
		return {"recorded": 0, "already": len(units)}
	insert_counts(
		[
			(
				unit.name,
				(last[unit.name].last_idx if unit.name in last else 0) + 1,
				counted_on,
				figures_of(unit),
			)
			for unit in to_count
		],
		source="Census",
	)
	unit_table = DocType("Enterprise")
	frappe.qb.update(unit_table).set(unit_table.staff_counted_on, counted_on).where(
		unit_table.name.isin([unit.name for unit in to_count])
	).run()
	return {"recorded": len(to_count), "already": len(units) - len(to_count)}


def insert_counts(counts: list[tuple[str, int, date, tuple[int, ...]]], source: str) -> None:
	"""Add history rows (unit, idx, counted_on, figures) in one insert per thousand."""
	history, stamp, user = DocType(HISTORY), now(), frappe.session.user
	for start in range(0, len(counts), 1000):
		insert = frappe.qb.into(history).columns(
			"name", "parent", "parenttype", "parentfield", "idx", "counted_on", "source", *STAFF_FIGURES,
			"creation", "modified", "owner", "modified_by", "docstatus",
		)  # fmt: skip
		for unit, idx, counted_on, figures in counts[start : start + 1000]:
			insert = insert.insert(
				frappe.generate_hash(length=10), unit, "Enterprise", "staff_history", idx, counted_on, source,
				*figures, stamp, stamp, user, user, 0,
			)  # fmt: skip
		insert.run()


def staff_on(units: list[str], on: date) -> dict[str, tuple[int, ...]]:
	"""The staff figures of `units` as counted by day `on` (unit -> figures in STAFF_FIGURES order),
	from one query of their histories; units without history are left out (their own figures hold)."""
	if not units:
		return {}
	rows = frappe.get_all(
		HISTORY,
		filters={"parenttype": "Enterprise", "parentfield": "staff_history", **name_filter("parent", units)},
		fields=["parent", "counted_on", *STAFF_FIGURES],
	)
	wanted = set(units)
	entries: dict[str, list] = {}
	for row in rows:
		if row.parent not in wanted:
			continue
		entries.setdefault(row.parent, []).append(
			(getdate(row.counted_on), tuple(row[field] or 0 for field in STAFF_FIGURES))
		)
	return {unit: figures_counted_on(found, on) for unit, found in entries.items()}
