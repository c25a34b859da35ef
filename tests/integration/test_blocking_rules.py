"""Every 'blocks' rule: the save fails with the rule ID in the message, and nothing is written."""

import frappe
import pytest

from gongjian.exceptions import PolicyViolationError
from tests import factories


def assert_blocked(rule: str, doctype: str, save):
	before = frappe.db.count(doctype)
	with pytest.raises(PolicyViolationError) as error:
		save()
	assert rule in str(error.value)
	assert frappe.db.count(doctype) == before


def test_r05_union_covering_a_unit_of_another_village():
	township = factories.township()
	home, other = factories.village(township_name=township), factories.village(township_name=township)
	outsider = factories.enterprise(other, staff=5)
	doc = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("越界工会"),
			"union_kind": "Joint Base Union",
			"village": home,
			"covered_units": [{"enterprise": factories.enterprise(home, staff=5)}, {"enterprise": outsider}],
		}
	)
	assert_blocked("R05", "Trade Union", doc.insert)


def test_r05_township_union_covering_a_unit_of_another_township():
	unit = factories.enterprise(factories.village(), staff=5)
	doc = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("行业工会"),
			"union_kind": "Industry Union",
			"township": factories.township(),
			"covered_units": [{"enterprise": unit}],
		}
	)
	assert_blocked("R05", "Trade Union", doc.insert)


def village_union(village: str, chair: str):
	return frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("村工会"),
			"union_kind": "Village Union Committee",
			"village": village,
			"officers": [{"position": "Chair", "person_name": chair}],
		}
	)


def test_r08_village_union_chair_must_be_party_secretary_or_deputy():
	village = factories.village()
	frappe.db.set_value("Village", village, {"party_secretary": "陈国强", "party_deputy_secretary": "林海燕"})
	assert_blocked("R08", "Trade Union", village_union(village, "周伟").insert)
	village_union(village, "林海燕").insert()


def unit_with_management(village: str) -> str:
	return factories.enterprise(
		village,
		staff=40,
		management=[
			{"role": "Administrative Head", "person_name": "王建国", "id_number": "330182197001010017"},
			{"role": "HR Head", "person_name": "李静", "id_number": "330182198502020028"},
		],
		relatives=[
			{
				"relative_of": "王建国",
				"relative_of_id": "330182197001010017",
				"relation": "Spouse",
				"person_name": "张秀英",
				"id_number": "330182197203030021",
			}
		],
	)


@pytest.mark.parametrize(
	("name", "id_number"),
	[
		("王建国", "330182197001010017"),
		("李静", "330182198502020028"),
		("张秀英", "330182197203030021"),
		("Smith", "930000199003071234"),
	],
)
def test_r14_ineligible_union_chair(name, id_number):
	village = factories.village()
	unit = unit_with_management(village)
	doc = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("工会"),
			"union_kind": "Base Union Committee",
			"village": village,
			"covered_units": [{"enterprise": unit}],
			"officers": [{"position": "Chair", "person_name": name, "id_number": id_number}],
		}
	)
	assert_blocked("R14", "Trade Union", doc.insert)


def test_r14_on_an_election_result():
	village = factories.village()
	union = factories.union("Base Union Committee", village, [unit_with_management(village)])
	election = frappe.get_doc(
		{
			"doctype": "Union Election",
			"union": union,
			"election_date": "2026-06-01",
			"candidates": [
				{
					"position": "Chair",
					"person_name": "张秀英",
					"id_number": "330182197203030021",
					"elected": 1,
				},
			],
		}
	)
	assert_blocked("R14", "Union Election", election.insert)
	election.candidates[0].update({"person_name": "赵军", "id_number": "330182198806060011"})
	election.insert()


def test_r10_member_removed_from_union_or_withdrawn_from_bankrupt_unit():
	village = factories.village()
	unit = factories.enterprise(village, staff=30)
	union = factories.union("Base Union Committee", village, [unit])
	member = factories.member(union, unit)
	doc = frappe.get_doc("Union Member", member)
	doc.union = factories.union("Joint Base Union", village, [factories.enterprise(village, staff=5)])
	assert_blocked("R10", "Union Member", doc.save)
	assert frappe.db.get_value("Union Member", member, "union") == union

	frappe.db.set_value("Enterprise", unit, "status", "Bankrupt")
	doc = frappe.get_doc("Union Member", member)
	doc.status = "Withdrawn"
	assert_blocked("R10", "Union Member", doc.save)
	assert frappe.db.get_value("Union Member", member, "status") == "Member"


def test_r14_the_heads_near_relative_sits_on_no_committee_seat():
	"""Trade Union Law Art. 10: not as vice chair either; the HR head may be vice chair."""
	village = factories.village()
	unit = unit_with_management(village)

	def union(name: str, id_number: str):
		return frappe.get_doc(
			{
				"doctype": "Trade Union",
				"union_name": factories.unique("工会"),
				"union_kind": "Base Union Committee",
				"village": village,
				"covered_units": [{"enterprise": unit}],
				"officers": [{"position": "Vice Chair", "person_name": name, "id_number": id_number}],
			}
		)

	assert_blocked("R14", "Trade Union", union("张秀英", "330182197203030021").insert)
	union("李静", "330182198502020028").insert()


def test_r14_and_r08_are_checked_again_when_management_or_secretaries_change():
	from gongjian.compliance import compliance_rows

	frappe.local.lang = "zh"
	village = factories.village()
	frappe.db.set_value("Village", village, {"party_secretary": "陈国强", "party_deputy_secretary": "林海燕"})
	committee = village_union(village, "陈国强").insert().name
	unit = factories.enterprise(village, staff=40)
	union = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("工会"),
			"union_kind": "Base Union Committee",
			"village": village,
			"covered_units": [{"enterprise": unit}],
			"officers": [
				{"position": "Chair", "person_name": "赵军", "id_number": "330182198806060011"},
				{"position": "Vice Chair", "person_name": "张秀英", "id_number": "330182197203030021"},
			],
		}
	).insert()

	def findings():
		return {
			(row["rule"], row["unit"], row["unit_doctype"]): row["message"]
			for row in compliance_rows({"village": village})
			if row["rule"] in ("R08", "R14")
		}

	assert findings() == {}
	# The chair becomes the unit's HR head; the vice chair turns out to be the head's spouse.
	doc = frappe.get_doc("Enterprise", unit)
	doc.append(
		"management",
		{"role": "Administrative Head", "person_name": "王建国", "id_number": "330182197001010017"},
	)
	doc.append("management", {"role": "HR Head", "person_name": "赵军", "id_number": "330182198806060011"})
	doc.append(
		"relatives",
		{
			"relative_of": "王建国",
			"relative_of_id": "330182197001010017",
			"relation": "Spouse",
			"person_name": "张秀英",
			"id_number": "330182197203030021",
		},
	)
	frappe.message_log = []
	doc.save()
	said = " ".join(str(m) for m in frappe.message_log)
	assert "赵军" in said and "张秀英" in said  # said at once, on the unit's save (clerk review)
	frappe.db.set_value("Village", village, "party_secretary", "吴新")  # a new village secretary
	found = findings()
	assert set(found) == {("R14", union.name, "Trade Union"), ("R08", committee, "Trade Union")}, found
	rows = [r for r in compliance_rows({"village": village}) if r["rule"] == "R14"]
	assert len(rows) == 2, rows  # the chair and the vice chair
	assert all(r["village"] == village for r in rows)
	assert any("副主席张秀英是王建国的近亲属（配偶）" in r["message"] for r in rows), rows


def test_r05_a_township_joint_union_covers_units_of_several_villages():
	township = factories.township()
	first, second = factories.village(township_name=township), factories.village(township_name=township)
	units = [factories.enterprise(first, staff=8), factories.enterprise(second, staff=6)]
	union = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("镇级联合工会"),
			"union_kind": "Township Joint Union",
			"township": township,
			"covered_units": [{"enterprise": unit} for unit in units],
		}
	).insert()
	assert union.name
	far = factories.enterprise(factories.village(), staff=5)  # another township
	union.append("covered_units", {"enterprise": far})
	assert_blocked("R05", "Trade Union", union.save)


def test_r05_a_union_follows_its_party_organization():
	village, other = factories.village(), factories.village()
	party_org = frappe.get_doc(
		{
			"doctype": "Party Organization",
			"org_name": factories.unique("党支部"),
			"org_kind": "Party Branch",
			"village": other,
		}
	).insert()
	doc = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("工会"),
			"union_kind": "Base Union Committee",
			"village": village,
			"party_org": party_org.name,
			"covered_units": [{"enterprise": factories.enterprise(village, staff=30)}],
		}
	)
	assert_blocked("R05", "Trade Union", doc.insert)


def test_an_election_result_becomes_the_unions_officers():
	village = factories.village()
	union = factories.union(
		"Base Union Committee",
		village,
		[factories.enterprise(village, staff=40)],
		officers=[{"position": "Chair", "person_name": "老主席", "id_number": "330182198806060011"}],
	)
	frappe.get_doc(
		{
			"doctype": "Union Election",
			"union": union,
			"election_date": "2026-06-01",
			"candidates": [
				{
					"position": "Chair",
					"person_name": "新主席",
					"id_number": "330182199001010018",
					"elected": 1,
				},
				{"position": "Vice Chair", "person_name": "落选者", "elected": 0},
				{"position": "Vice Chair", "person_name": "新副主席", "elected": 1},
			],
		}
	).insert()
	officers = frappe.get_all(
		"Trade Union Officer", filters={"parent": union}, fields=["position", "person_name"], order_by="idx"
	)
	assert [(o.position, o.person_name) for o in officers] == [
		("Chair", "新主席"),
		("Vice Chair", "新副主席"),
	]
