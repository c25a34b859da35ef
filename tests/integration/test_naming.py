"""Records are named readably (HY-000123), never by Frappe's random hash, and the migration renames
hash-named records with every link to them."""

import re

import frappe

from gongjian.members import bulk_insert_members
from gongjian.patches.v0_2.readable_record_names import rename_hash_named
from gongjian.utils.naming import READABLE_SERIES
from tests import factories

READABLE = {
	"Union Member": r"HY-\d{6}",
	"Union Organizer": r"ZDY-\d{4}",
	"Collective Contract": r"HT-20\d\d-\d{4}",
	"Union Activity": r"HD-20\d\d-\d{5}",
	"Union Election": r"XJ-20\d\d-\d{4}",
	"Party Recommendation": r"TY-20\d\d-\d{4}",
}


def unit_with_union():
	village = factories.village()
	unit = factories.enterprise(village, staff=30)
	return village, unit, factories.union("Base Union Committee", village, [unit])


def test_every_hash_named_doctype_has_a_readable_series():
	assert set(READABLE) == set(READABLE_SERIES)
	for doctype in READABLE:
		assert frappe.get_meta(doctype).autoname != "hash", doctype


def test_records_made_by_form_or_rest_get_readable_names_in_order():
	village, unit, union = unit_with_union()
	first, second = factories.member(union, unit), factories.member(union, unit)
	assert re.fullmatch(READABLE["Union Member"], first)
	assert int(second[3:]) == int(first[3:]) + 1
	made = {
		"Union Organizer": {
			"organizer_name": "王静",
			"source": "Government Cadre",
			"township": factories.township(),
		},
		"Collective Contract": {
			"enterprise": unit,
			"contract_kind": "Comprehensive",
			"signed_on": "2026-01-05",
			"expires_on": "2028-01-04",
		},
		"Union Activity": {
			"activity_title": "职工运动会",
			"union": union,
			"activity_kind": "Sending Warmth",
			"activity_date": "2026-05-01",
		},
		"Union Election": {"union": union, "election_date": "2026-03-01"},
		"Party Recommendation": {
			"member": first,
			"category": "Technical Backbone",
			"stage": "Recommended",
			"recommended_on": "2026-06-01",
		},
	}
	for doctype, fields in made.items():
		doc = frappe.get_doc({"doctype": doctype, **fields}).insert()
		assert re.fullmatch(READABLE[doctype], doc.name), (doctype, doc.name)


def test_members_enrolled_in_bulk_get_consecutive_readable_names():
	_village, unit, union = unit_with_union()
	people = [
		{
			"member_name": f"批量会员{i}",
			"id_number": factories.resident_id(),
			"union": union,
			"employer": unit,
		}
		for i in range(3)
	]
	names = bulk_insert_members(people)
	assert all(re.fullmatch(READABLE["Union Member"], name) for name in names)
	assert [int(n[3:]) for n in names] == list(range(int(names[0][3:]), int(names[0][3:]) + 3))
	after = factories.member(union, unit)
	assert int(after[3:]) == int(names[-1][3:]) + 1


def test_migration_renames_hash_named_records_and_their_links():
	village, unit, union = unit_with_union()
	member = frappe.get_doc(
		{
			"doctype": "Union Member",
			"member_name": "旧会员",
			"id_number": factories.resident_id(),
			"union": union,
			"employer": unit,
		}
	)
	member.insert(set_name="a1b2c3d4e5")
	recommendation = frappe.get_doc(
		{
			"doctype": "Party Recommendation",
			"member": "a1b2c3d4e5",
			"category": "Technical Backbone",
			"stage": "Recommended",
			"recommended_on": "2026-06-01",
		}
	).insert()
	rename_hash_named("Union Member", READABLE_SERIES["Union Member"])
	assert not frappe.db.exists("Union Member", "a1b2c3d4e5")
	renamed = frappe.db.get_value("Party Recommendation", recommendation.name, "member")
	assert re.fullmatch(READABLE["Union Member"], renamed)
	assert frappe.db.get_value("Union Member", renamed, "member_name") == "旧会员"


def test_join_channels_are_renamed_in_stored_records():
	from gongjian.patches.v0_2.join_channel_names import execute as rename_channels

	_village, unit, union = unit_with_union()
	member = factories.member(union, unit)
	frappe.db.set_value("Union Member", member, "join_channel", "Source")  # as stored before
	rename_channels()
	assert frappe.db.get_value("Union Member", member, "join_channel") == "At Source"
	options = frappe.get_meta("Union Member").get_field("join_channel").options.split("\n")
	assert set(options) == {"At Employer", "At Source", "At Destination", "Batch"}
	frappe.local.lang = "zh"
	assert [frappe._(o) for o in options if o.startswith("At ")] == ["单位入会", "源头入会", "流入地入会"]
