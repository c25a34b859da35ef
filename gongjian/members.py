"""Registering many members at once (demo town, enrollment batches): card numbers and bulk insert."""

import frappe
from frappe.query_builder import DocType
from frappe.utils import now

from gongjian import member_counts
from gongjian.personal_data import sealed_columns, sealed_values
from gongjian.rules.identifiers import parse_resident_id
from gongjian.utils.naming import allocate_names, ensure_series, raise_counter, series_prefix

MEMBER_FIELDS = (
	"member_name",
	"id_number",
	"union",
	"employer",
	"village",
	"employment_kind",
	"migrant",
	"join_channel",
	"joined_on",
	"card_number",
	"education",
	"skill_level",
	"phone",
	"hometown",
	"party_member",
	"high_education",
	"high_skill",
	"high_income",
	"enrollment_batch",
)


CARD_SERIES = "gongjian-member-card"
# The counter of names made by a `format:` rule with a bare {######}, as Enrollment Batch (RH-000001),
# Membership Transfer and Assessment have: Frappe keys that counter by "", not by the prefix.
FORMAT_SERIES = ""
CARD_PREFIX = "GH"
CHECK_FIELDS = ("migrant", "party_member", "high_education", "high_skill", "high_income")


def ensure_card_series() -> None:
	"""Create the counters of card numbers, member names and batch names once, at install: creating
	them inside concurrent batches would make those deadlock on the new row."""
	for key in (CARD_SERIES, FORMAT_SERIES, series_prefix("Union Member")):
		ensure_series(key)


def wait_for_other_enrollments() -> None:
	"""Enrollments take turns: lock the card counter's row until this transaction ends, so a batch
	checks its ID numbers only after any batch enrolling the same people has committed."""
	series = DocType("Series")
	frappe.qb.from_(series).select(series.current).where(series.name == CARD_SERIES).for_update().run()


def allocate_card_numbers(count: int) -> list[str]:
	"""`count` new member card numbers (会员证号), e.g. GH00000123. Raising the counter locks its row
	until the transaction ends, so concurrent batches never share a number; a rolled-back batch
	gives its numbers back."""
	if count <= 0:
		return []
	last = raise_counter(CARD_SERIES, count)
	return [f"{CARD_PREFIX}{number:08d}" for number in range(last - count + 1, last + 1)]


def bulk_insert_members(members: list[dict]) -> list[str]:
	"""Insert already checked members in one statement per 10,000, with the fields the Union Member
	controller derives from the ID number filled in the same way. Returns their names."""
	stamp = now()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
		"status",
		"gender",
		"birth_date",
		"foreign",
		*MEMBER_FIELDS,
		*sealed_columns("Union Member"),
	]
	rows, kept, names = [], [], allocate_names("Union Member", len(members))
	for name, member in zip(names, members, strict=True):
		resident = parse_resident_id(member["id_number"])
		derived = {
			"name": name,
			"creation": stamp,
			"modified": stamp,
			"owner": frappe.session.user,
			"modified_by": frappe.session.user,
			"docstatus": 0,
			"idx": 0,
			"status": "Member",
			"gender": resident.gender,
			"birth_date": resident.birth_date,
			"foreign": int(resident.foreign),
		}
		for check in CHECK_FIELDS:
			member[check] = member.get(check) or 0
		kept.append({**derived, **member})
		# Written masked, with the whole numbers sealed beside them (gongjian/personal_data.py).
		sealed = sealed_values("Union Member", kept[-1])
		rows.append(tuple(sealed.get(field) for field in fields))
	frappe.db.bulk_insert("Union Member", fields, rows)
	member_counts.apply(member_counts.deltas_of(kept))
	return names
