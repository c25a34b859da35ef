"""Member counts kept per union and unit (Unit Member Count) and per village and breakdown (Village
Member Count), so that the reviews add up a few thousand kept rows instead of counting every member.

They change in the same transaction as the members they count, by increments that MariaDB applies
atomically (INSERT … ON DUPLICATE KEY UPDATE members = members + n): two transfers saved at once add up
instead of one overwriting the other. Every path that writes members goes through here: the Union
Member controller (form, REST, Data Import, transfers, retention, withdrawal, deletion) and
gongjian.members.bulk_insert_members (enrollment batches, the demo town). `reconcile` recounts them
every night and reports any drift.
"""

from collections import Counter
from collections.abc import Iterable

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import now
from pypika.terms import Values

from gongjian.permissions import get_scope
from gongjian.rules.membership import AT_UNIT

# Each kept count, by the member fields it is kept per.
KEYS = {
	"Unit Member Count": ("union", "employer", "village", "status"),
	"Village Member Count": (
		"village",
		"status",
		"employment_kind",
		"migrant",
		"high_education",
		"high_skill",
		"high_income",
		"party_member",
		"join_channel",
	),
}
CHECKS = frozenset({"migrant", "high_education", "high_skill", "high_income", "party_member"})
Deltas = dict[str, Counter]
CHUNK = 5000  # keys per statement


def add_key_index(doctype: str) -> None:
	"""The unique key the increments land on (on_doctype_update of both DocTypes)."""
	# quoted: Frappe does not quote them, and `union` is an SQL keyword
	frappe.db.add_unique(doctype, [f"`{f}`" for f in KEYS[doctype]], constraint_name="member_count_key")


def key_of(member, fields: tuple[str, ...]) -> tuple:
	"""A member's key: an empty link is '' (a unique key does not match NULL with NULL)."""
	return tuple(int(member.get(f) or 0) if f in CHECKS else (member.get(f) or "") for f in fields)


def deltas_of(members: Iterable, sign: int = 1) -> Deltas:
	deltas = {doctype: Counter() for doctype in KEYS}
	for member in members:
		for doctype, fields in KEYS.items():
			deltas[doctype][key_of(member, fields)] += sign
	return deltas


def merge(*all_deltas: Deltas) -> Deltas:
	merged = {doctype: Counter() for doctype in KEYS}
	for deltas in all_deltas:
		for doctype, changes in deltas.items():
			merged[doctype].update(changes)  # Counter.update adds, negatives included
	return merged


def apply(deltas: Deltas, with_unit_tally: bool = True) -> None:
	"""Add each change to its kept count, one statement per DocType, keys in sorted order: every writer
	takes the rows' locks in the same order, so concurrent batches wait for each other instead of
	deadlocking. A count that falls to zero stays, at zero: deleting it would scan and lock more than
	its own row, and hold back saves counted under other keys."""
	stamp = now()
	for doctype, changes in deltas.items():
		changes = {key: change for key, change in changes.items() if change}
		if not changes:
			continue
		fields = KEYS[doctype]
		table = DocType(doctype)
		keys = sorted(changes)
		for start in range(0, len(keys), CHUNK):
			query = frappe.qb.into(table).columns(
				"name", "creation", "modified", "owner", "modified_by", *fields, "members"
			)
			for key in keys[start : start + CHUNK]:
				query = query.insert(
					frappe.generate_hash(length=12),
					stamp,
					stamp,
					"Administrator",
					"Administrator",
					*key,
					changes[key],
				)
			query = query.on_duplicate_key_update(table.members, table.members + Values(table.members))
			query.on_duplicate_key_update(table.modified, Values(table.modified)).run()
		if doctype == "Unit Member Count":
			# imports the compliance facts, which import this module
			from gongjian import compliance_findings, unit_tally

			if with_unit_tally:  # and each unit's members at the unit
				unit_tally.add_members(units_changed(changes))
			employer = fields.index("employer")
			compliance_findings.mark({"Enterprise": {key[employer] for key in changes}})


def units_changed(changes: dict[tuple, int]) -> Counter:
	"""Unit Member Count changes as changes of each employer's members at the unit."""
	employer, status = KEYS["Unit Member Count"].index("employer"), KEYS["Unit Member Count"].index("status")
	moved = Counter()
	for key, change in changes.items():
		if key[status] in AT_UNIT:
			moved[key[employer]] += change
	return moved


def member_saved(doc, method=None) -> None:
	"""on_update of Union Member: count the member under its key now, and no longer under its key
	before the save (read FOR UPDATE by Frappe, so it is the row as committed)."""
	before = doc.get_doc_before_save()
	deltas = deltas_of([doc], 1)
	if before:
		deltas = merge(deltas, deltas_of([before], -1))
	apply(deltas)


def member_deleted(doc, method=None) -> None:
	apply(deltas_of([doc], -1))


def recount(doctype: str) -> Counter:
	"""The count `doctype` keeps, counted afresh from the members (one grouped query)."""
	member = DocType("Union Member")
	fields = KEYS[doctype]
	columns = [IfNull(member[f], 0 if f in CHECKS else "") for f in fields]
	rows = frappe.qb.from_(member).select(*columns, Count("*")).groupby(*columns).run()
	return Counter({tuple(row[:-1]): row[-1] for row in rows})


def kept(doctype: str) -> Counter:
	table = DocType(doctype)
	rows = frappe.qb.from_(table).select(*(table[f] for f in KEYS[doctype]), table.members).run()
	counts = Counter()
	for row in rows:
		counts[tuple(row[:-1])] += row[-1]
	return counts


def drift() -> Deltas:
	"""What each kept count lacks against a fresh recount. Both are read in one transaction, from one
	snapshot (MariaDB's REPEATABLE READ), so members saved meanwhile cannot look like drift."""
	found = {}
	for doctype in KEYS:
		fresh, held = recount(doctype), kept(doctype)
		found[doctype] = Counter(
			{key: fresh[key] - held[key] for key in fresh.keys() | held.keys() if fresh[key] != held[key]}
		)
	return found


def reconcile() -> Deltas:
	"""Recount every kept count and correct any that drifted. The corrections are increments: a member
	saved between the recount and the correction keeps its own change."""
	found = drift()
	if any(found.values()):
		apply(found, with_unit_tally=False)  # the Unit Tally is reconciled on its own
	return found


def reconcile_nightly() -> None:
	"""Daily scheduled job (its own transaction, committed by the scheduler): a drift means a write path
	that skips gongjian.member_counts, and is reported in the Error Log with the keys and the size of
	each correction."""
	found = reconcile()
	if not any(found.values()):
		return
	lines = [
		f"{doctype} {dict(zip(KEYS[doctype], key, strict=True))}: {change:+d}"
		for doctype, changes in found.items()
		for key, change in sorted(changes.items())
	]
	frappe.log_error(
		title=_("Kept member counts drifted and were corrected"),
		message="\n".join(lines[:1000]),
	)


def rebuild() -> None:
	"""Count every member afresh (the upgrade patch, the benchmark's bulk-loaded dataset)."""
	for doctype in KEYS:
		frappe.db.delete(doctype)
	apply({doctype: recount(doctype) for doctype in KEYS}, with_unit_tally=False)


def members_by_unit(
	statuses: list[str], villages: list[str] | None = None, units: set[str] | None = None
) -> dict[str, int]:
	"""Members per employer with one of `statuses` now (of members living in `villages`, when given),
	from the kept counts: one grouped query over a row or two per unit."""
	count = DocType("Unit Member Count")
	query = (
		frappe.qb.from_(count)
		.select(count.employer, Sum(count.members))
		.where(count.status.isin(statuses) & (count.employer != ""))
		.groupby(count.employer)
	)
	if villages is not None:
		query = query.where(count.village.isin(villages or [""]))
	if units is not None:
		query = query.where(count.employer.isin(sorted(units) or [""]))
	return {employer: int(members) for employer, members in query.run() if members}


def members_by_unit_in_unions(
	statuses: list[str], union_kinds: list[str], units: set[str] | None = None
) -> dict[str, int]:
	"""Members per employer held in unions of `union_kinds` (the township members' home for R11)."""
	count, union = DocType("Unit Member Count"), DocType("Trade Union")
	query = (
		frappe.qb.from_(count)
		.join(union)
		.on(union.name == count.union)
		.select(count.employer, Sum(count.members))
		.where(count.status.isin(statuses) & (count.employer != "") & union.union_kind.isin(union_kinds))
		.groupby(count.employer)
	)
	if units is not None:
		query = query.where(count.employer.isin(sorted(units) or [""]))
	rows = query.run()
	return {employer: int(members) for employer, members in rows if members}


ALL_VILLAGES = ["*"]


def villages_kept_for(member_where: dict) -> list[str] | None:
	"""The villages whose kept counts hold exactly the members the session user may list under
	`member_where` (gongjian.metrics.member_filters): ALL_VILLAGES for every one, or None when the kept
	counts cannot say, as for a unit's or an organizer's account, which sees members by employer."""
	scope = get_scope()
	if scope.enterprises or not frappe.has_permission("Union Member", "read"):
		return None
	wanted = member_where.get("village")
	if wanted is not None:
		wanted = set(wanted[1] if isinstance(wanted, list) else [wanted])
	if scope.everything:
		return ALL_VILLAGES if wanted is None else sorted(wanted)
	return sorted(scope.villages if wanted is None else scope.villages & wanted)


def members_without_unit(statuses: list[str], villages: list[str]) -> dict[str, int]:
	"""Members with no employer per village they live in (villages_kept_for)."""
	count = DocType("Unit Member Count")
	query = (
		frappe.qb.from_(count)
		.select(count.village, Sum(count.members))
		.where(count.status.isin(statuses) & (count.employer == ""))
		.groupby(count.village)
	)
	if villages != ALL_VILLAGES:
		query = query.where(count.village.isin(villages or [""]))
	return {village: int(members) for village, members in query.run() if members}
