"""Unit Tally: one row per unit with every figure the running period's reviews count it by (its place,
status, staff, members at the unit, union coverage, collective contract), so that the survey, the
evaluation and the workspace cards add up one narrow table by village instead of joining the registers.

Kept in the same transaction as the records it reflects:
- a unit's own fields, its union coverage and its contracts are recounted for the units a saved or
  deleted Enterprise, Trade Union or Collective Contract concerns (rare writes: `refresh`);
- its members change by atomic increments from gongjian.member_counts (frequent, concurrent writes).
`reconcile` recounts every row each night and reports any drift.
"""

from collections import Counter
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Max
from frappe.utils import getdate, now
from pypika.terms import Values

from gongjian.compliance import union_coverage
from gongjian.rules.membership import AT_UNIT
from gongjian.utils.names import name_filter

TALLY = "Unit Tally"
UNIT_FIELDS = (
	"village",
	"township",
	"category",
	"status",
	"founded_on",
	"above_scale",
	"staff_total",
	"staff_migrant",
	"staff_dispatched",
	"staff_temporary",
)
# What refresh recounts; members_at_unit is set only when a row is made, and then moves by increments.
RECOUNTED = (*UNIT_FIELDS, "registered_on", "covered", "own_union", "contract_expires_on")


def recounted_rows(units: list[str] | None = None) -> dict[str, dict]:
	"""Each unit's row counted afresh from the registers (every unit when `units` is None)."""
	filters = {} if units is None else name_filter("name", units)
	wanted = None if units is None else set(units)
	rows = {}
	for unit in frappe.get_all("Enterprise", filters=filters, fields=["name", "creation", *UNIT_FIELDS]):
		if wanted is not None and unit.name not in wanted:
			continue
		rows[unit.name] = {
			**{field: unit[field] for field in UNIT_FIELDS},
			"registered_on": getdate(unit.creation),
			"covered": 0,
			"own_union": 0,
			"contract_expires_on": None,
			"members_at_unit": 0,
		}
	for unit, covered in union_coverage(units=wanted).items():
		if unit in rows:
			rows[unit].update(covered=1, own_union=int(covered["own"]))
	for unit, expires in contract_expiry(wanted).items():
		if unit in rows:
			rows[unit]["contract_expires_on"] = expires
	for unit, members in members_at_units(wanted).items():
		if unit in rows:
			rows[unit]["members_at_unit"] = members
	return rows


def contract_expiry(units: set[str] | None) -> dict[str, date]:
	"""unit -> the last expiry of the collective contracts that name it or cover it (signed ones: a
	signing date lies in the past, so each is in force from today until it expires)."""
	contract, row = DocType("Collective Contract"), DocType("Collective Contract Unit")
	own = (
		frappe.qb.from_(contract)
		.select(contract.enterprise, Max(contract.expires_on))
		.where(contract.signed_on.isnotnull() & contract.enterprise.isnotnull())
		.groupby(contract.enterprise)
	)
	covering = (
		frappe.qb.from_(row)
		.join(contract)
		.on((row.parent == contract.name) & (row.parenttype == "Collective Contract"))
		.select(row.enterprise, Max(contract.expires_on))
		.where(contract.signed_on.isnotnull())
		.groupby(row.enterprise)
	)
	if units is not None:
		own = own.where(contract.enterprise.isin(list(units) or [""]))
		covering = covering.where(row.enterprise.isin(list(units) or [""]))
	found: dict[str, date] = {}
	for unit, expires in [*own.run(), *covering.run()]:
		if expires:
			found[unit] = max(found.get(unit, getdate(expires)), getdate(expires))
	return found


def members_at_units(units: set[str] | None) -> dict[str, int]:
	member = DocType("Union Member")
	query = (
		frappe.qb.from_(member)
		.select(member.employer, Count("*"))
		.where(member.status.isin(AT_UNIT) & member.employer.isnotnull())
		.groupby(member.employer)
	)
	if units is not None:
		query = query.where(member.employer.isin(list(units) or [""]))
	return dict(query.run())


def refresh(units) -> None:
	"""Recount the rows of `units` (all but their members, which move by increments) and drop the rows
	of units no longer registered."""
	units = sorted({unit for unit in units if unit})
	if not units:
		return
	rows = recounted_rows(units)
	write(rows, keep_members=True)
	gone = [unit for unit in units if unit not in rows]
	if gone:
		frappe.db.delete(TALLY, {"name": ["in", gone]})


def write(rows: dict[str, dict], keep_members: bool) -> None:
	"""Insert or update `rows`, sorted by unit (one lock order for every writer)."""
	table, stamp = DocType(TALLY), now()
	names = sorted(rows)
	for start in range(0, len(names), 2000):
		query = frappe.qb.into(table).columns(
			"name", "unit", "creation", "modified", "owner", "modified_by", *RECOUNTED, "members_at_unit"
		)
		for name in names[start : start + 2000]:
			row = rows[name]
			query = query.insert(
				name, name, stamp, stamp, "Administrator", "Administrator",
				*(row[field] for field in RECOUNTED), row["members_at_unit"],
			)  # fmt: skip
		for field in (
			(*RECOUNTED, "modified") if keep_members else (*RECOUNTED, "modified", "members_at_unit")
		):
			query = query.on_duplicate_key_update(table[field], Values(table[field]))
		query.run()


def add_members(changes: Counter) -> None:
	"""Move each unit's members at the unit by its change (from gongjian.member_counts.apply), in one
	statement. A unit without a row yet gets it at its next refresh or the nightly reconciliation."""
	changes = {unit: change for unit, change in changes.items() if unit and change}
	if not changes:
		return
	table = DocType(TALLY)
	step = Case()
	for unit in sorted(changes):
		step = step.when(table.name == unit, changes[unit])
	(
		frappe.qb.update(table)
		.set(table.members_at_unit, table.members_at_unit + step.else_(0))
		.where(table.name.isin(sorted(changes)))
	).run()


def refresh_for_doc(doc, method=None) -> None:
	"""on_update and after_delete of Enterprise, Trade Union and Collective Contract: recount the units
	the record concerns, as it was before this change and as it is now."""
	before = doc.get_doc_before_save() if method == "on_update" else None
	refresh({*units_of(doc), *(units_of(before) if before else ())})


def units_of(doc) -> list[str]:
	if doc.doctype == "Enterprise":
		return [doc.name]
	units = [row.enterprise for row in doc.get("covered_units") or []]
	if doc.doctype == "Collective Contract" and doc.get("enterprise"):
		units.append(doc.enterprise)
	return units


def rebuild() -> None:
	"""Count every unit afresh (the upgrade patch, the benchmark's bulk-loaded dataset)."""
	frappe.db.delete(TALLY)
	write(recounted_rows(), keep_members=False)


COMPARED = (*RECOUNTED, "members_at_unit")


def drift() -> dict[str, dict[str, tuple]]:
	"""unit -> {field: (kept, recounted)} for every figure that differs, from one snapshot."""
	fresh = recounted_rows()
	held = {row.name: row for row in frappe.get_all(TALLY, fields=["name", *COMPARED], limit_page_length=0)}
	found = {}
	for unit in fresh.keys() | held.keys():
		new, old = fresh.get(unit), held.get(unit)
		if new is None or old is None:
			found[unit] = {"row": (bool(old), bool(new))}
			continue
		differs = {
			field: (old[field], new[field])
			for field in COMPARED
			if normal(field, old[field]) != normal(field, new[field])
		}
		if differs:
			found[unit] = differs
	return found


DATES = frozenset({"founded_on", "registered_on", "contract_expires_on"})


def normal(field: str, value):
	if field in DATES:
		return getdate(value) if value else None
	return value if value not in ("", None) else None


def reconcile() -> dict:
	"""Correct any drifted row. Members are corrected by increments, so that a member saved meanwhile
	keeps its own change; the other figures are recounted."""
	found = drift()
	if not found:
		return found
	fresh_members = {}
	for unit, fields in found.items():
		if "members_at_unit" in fields:
			kept, counted = fields["members_at_unit"]
			fresh_members[unit] = (counted or 0) - (kept or 0)
	refresh(found)  # a missing row is made with its members counted
	add_members(Counter(fresh_members))
	return found


def reconcile_nightly() -> None:
	"""Daily scheduled job (its own transaction, committed by the scheduler): a drift means a write path
	that skips this module, and is reported in the Error Log with each unit's figures, kept and counted."""
	found = reconcile()
	if found:
		lines = [f"{unit}: {fields}" for unit, fields in sorted(found.items())]
		frappe.log_error(
			title=_("Kept unit figures drifted and were corrected"), message="\n".join(lines[:1000])
		)
