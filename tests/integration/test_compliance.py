import frappe

from gongjian.api import compliance
from tests import factories


def rules_for(unit: str) -> list[str]:
	return [row["rule"] for row in compliance(unit=unit)]


def test_thirty_staff_without_a_base_union_breaks_r01():
	unit = factories.enterprise(factories.village(), staff=30)
	assert rules_for(unit) == ["R01"]


def test_a_covered_unit_breaks_nothing():
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
	frappe.local.lang_full_dict = None
	row = compliance(unit=unit)[0]
	assert row["message"].startswith("R01：")
	assert unit in row["message"]
	assert "单独组建" in row["action"]
