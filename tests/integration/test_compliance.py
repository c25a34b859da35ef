import frappe
import pytest
from frappe.utils import add_days, today

from gongjian.api import compliance
from gongjian.demo import load_demo
from tests import factories

COVERAGE = ("R01", "R02")
FLAG_RULES = {
	"R01",
	"R02",
	"R03",
	"R04",
	"R06",
	"R07",
	"R08",
	"R11",
	"R12",
	"R13",
	"R15",
	"R16",
	"R17",
	"R21",
}


def rules_for(unit: str, among=COVERAGE) -> list[str]:
	return [row["rule"] for row in compliance(unit=unit) if row["rule"] in among]


def test_thirty_staff_without_a_base_union_breaks_r01():
	unit = factories.enterprise(factories.village(), staff=30)
	assert rules_for(unit) == ["R01"]


def test_a_covered_unit_breaks_neither_r01_nor_r02():
	village = factories.village()
	large = factories.enterprise(village, staff=30)
	small = factories.enterprise(village, staff=10)
	factories.union("Base Union Committee", village, [large])
	factories.union("Joint Base Union", village, [small, factories.enterprise(village, staff=5)])
	assert rules_for(large) == []
	assert rules_for(small) == []


def test_a_joint_union_does_not_satisfy_r01():
	village = factories.village()
	large = factories.enterprise(village, staff=30)
	factories.union("Joint Base Union", village, [large, factories.enterprise(village, staff=5)])
	assert rules_for(large) == ["R01"]


def test_small_uncovered_unit_breaks_r02():
	unit = factories.enterprise(factories.village(), staff=24)
	assert rules_for(unit) == ["R02"]


def test_changing_the_threshold_in_settings_changes_the_outcome():
	unit = factories.enterprise(factories.village(), staff=30)
	assert rules_for(unit) == ["R01"]
	settings = frappe.get_single("Gongjian Settings")
	settings.base_union_min_staff = 31
	settings.save()
	assert rules_for(unit) == ["R02"]


def test_message_is_chinese_and_names_the_rule():
	unit = factories.enterprise(factories.village(), staff=30)
	frappe.local.lang = "zh"
	row = next(r for r in compliance(unit=unit) if r["rule"] == "R01")
	assert row["message"].startswith("R01：")
	assert unit in row["message"]
	assert "单独组建" in row["action"]


def test_r17_and_r13_on_a_large_covered_unit():
	village = factories.village()
	unit = factories.enterprise(village, staff=250)
	factories.union("Base Union Committee", village, [unit])
	assert set(rules_for(unit, among=("R13", "R17"))) == {"R13", "R17"}
	frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"enterprise": unit,
			"signed_on": "2025-01-01",
			"expires_on": "2099-12-31",
		}
	).insert()
	doc = frappe.get_doc("Enterprise", unit)
	recent = add_days(today(), -30)
	for field in ("affairs_openness_on", "dues_rules_on"):  # standing systems: since when
		doc.set(field, "2015-01-01")
	for field in ("equal_consultation_on", "workers_congress_on", "member_evaluation_on"):  # held again
		doc.set(field, recent)
	doc.save()
	assert rules_for(unit, among=("R17",)) == []


def test_r17_a_congress_not_held_within_a_year_and_a_contract_about_to_expire():
	village = factories.village()
	unit = factories.enterprise(
		village,
		staff=40,
		equal_consultation_on=add_days(today(), -30),
		workers_congress_on=add_days(today(), -400),  # more than a year ago
		affairs_openness_on="2015-01-01",
		member_evaluation_on=add_days(today(), -30),
		dues_rules_on="2015-01-01",
	)
	factories.union("Base Union Committee", village, [unit])
	frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"enterprise": unit,
			"signed_on": "2024-01-01",
			"expires_on": add_days(today(), 30),
		}
	).insert()
	frappe.local.lang = "zh"
	messages = sorted(row["message"] for row in compliance(unit=unit) if row["rule"] == "R17")
	assert len(messages) == 2, messages
	assert any("未按期开展：职工代表大会" in m for m in messages), messages
	assert any("的集体合同将于" in m for m in messages), messages


def test_demo_town_breaks_every_flag_rule():
	load_demo(verbose=False, commit=False)
	found = {row["rule"] for row in compliance()}
	assert FLAG_RULES <= found, FLAG_RULES - found


def test_r15_an_organizer_trained_last_december_is_not_flagged_in_january():
	from datetime import date

	from gongjian.compliance import organizer_violations

	name = (
		frappe.get_doc(
			{
				"doctype": "Union Organizer",
				"organizer_name": factories.unique("指导员"),
				"source": "Government Cadre",
				"township": factories.township(),
				"trainings": [{"training_date": "2025-12-10", "topic": "工建业务", "hours": 8}],
				"assessments": [{"year": 2025, "result": "Excellent"}],
			}
		)
		.insert()
		.name
	)

	def flagged(on: date) -> bool:
		return name in {v.unit for v in organizer_violations(on)}

	assert not flagged(date(2026, 1, 15))  # a calendar year flagged every organizer each January
	assert flagged(date(2026, 12, 20))  # a year without training


def test_r16_a_member_admitted_to_the_party_counts_for_the_unit():
	village = factories.village()
	unit = factories.enterprise(village, staff=25, category="Social Group")
	union = factories.union("Base Union Committee", village, [unit])
	member = factories.member(union, unit)

	def r16_messages():
		return [row["message"] for row in compliance(unit=unit) if row["rule"] == "R16"]

	assert r16_messages()  # 25 staff, no party member
	recommendation = frappe.get_doc(
		{
			"doctype": "Party Recommendation",
			"member": member,
			"category": "Technical Backbone",
			"stage": "Recommended",
			"recommended_on": "2025-03-01",
		}
	).insert()
	recommendation.stage = "Party Member"
	recommendation.save()
	recommendation.save()  # saved again: counted once
	assert frappe.db.get_value("Enterprise", unit, "party_member_count") == 1
	assert r16_messages() == []


def test_r21_an_old_demonstration_site_no_longer_counts():
	from frappe.utils import getdate

	from gongjian.compliance import demonstration_counts

	township = factories.township()
	village = factories.village(township_name=township)
	unit = factories.enterprise(village, staff=30)
	for year in (getdate().year - 5, getdate().year - 1):
		frappe.get_doc(
			{
				"doctype": "Demonstration Site",
				"site_name": factories.unique("示范点"),
				"township": township,
				"site_unit": unit,
				"village": village,
				"year": year,
				"status": "Active",
			}
		).insert()
	assert demonstration_counts("township", [township]) == {township: 1}


def test_r17_union_funds_paid_short_last_year_are_flagged():
	from frappe.utils import getdate

	last_year = getdate().year - 1
	village = factories.village()
	unit = factories.enterprise(
		village,
		staff=40,
		union_funds=[{"year": last_year, "payroll_total": 1_000_000, "amount_paid": 15_000}],
	)
	factories.union("Base Union Committee", village, [unit])
	assert frappe.db.get_value("Union Funds Payment", {"parent": unit}, "amount_due") == 20_000
	frappe.local.lang = "zh"
	messages = [row["message"] for row in compliance(unit=unit) if "拨缴" in row["message"]]
	assert messages and "20000.00" in messages[0] and "15000.00" in messages[0], messages
	doc = frappe.get_doc("Enterprise", unit)
	doc.union_funds[0].amount_paid = 20_000
	doc.save()
	assert not [row for row in compliance(unit=unit) if "拨缴" in row["message"]]
	doc.append("union_funds", {"year": last_year, "payroll_total": 1})
	with pytest.raises(frappe.ValidationError):
		doc.save()


def test_r14_a_committee_past_its_term_is_flagged_until_it_is_re_elected():
	"""Trade Union Law Art. 16: founded in 2019 with no election on record, the committee's five years
	ended in 2024; a 3-year election in 2022 ended in 2025; one held this year clears the flag."""
	village = factories.village()
	unit = factories.enterprise(village, staff=40)
	union = factories.union("Base Union Committee", village, [unit], founded_on="2019-03-01")

	def term_flags():
		frappe.local.lang = "zh"
		return [
			row["message"]
			for row in compliance(village=village)
			if row["rule"] == "R14" and row["unit"] == union and row["unit_doctype"] == "Trade Union"
		]

	assert term_flags() == [f"R14：{union}本届任期已于 2024-03-01 届满"]
	election = {"doctype": "Union Election", "union": union, "candidates": []}
	frappe.get_doc({**election, "election_date": "2022-05-01", "term_years": "3"}).insert()
	assert term_flags() == [f"R14：{union}本届任期已于 2025-05-01 届满"]
	frappe.get_doc({**election, "election_date": add_days(today(), -30), "term_years": "5"}).insert()
	assert term_flags() == []


def test_a_unit_s_warnings_are_its_own_and_its_unions_only():
	"""Clerk review, issue 11: a union's form listed another village's committee past its term."""
	from gongjian.compliance import compliance_rows

	village, other = factories.village(), factories.village()
	factories.union("Village Union Committee", other, [], founded_on="2010-01-01")
	unit = factories.enterprise(village, staff=40)
	union = factories.union("Base Union Committee", village, [unit], founded_on="2010-01-01")
	rows = compliance_rows({"name": ["in", [unit]]})
	assert {row["unit"] for row in rows} <= {unit, union}, rows
	assert union in {row["unit"] for row in rows}  # its own union's term is its business
