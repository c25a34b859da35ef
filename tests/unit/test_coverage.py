import pytest

from gongjian.rules.coverage import UnitCoverage, check_r01, check_r02, coverage_violations
from gongjian.rules.settings import PolicySettings

DEFAULTS = PolicySettings()


@pytest.mark.parametrize(("staff", "r01", "r02"), [(24, False, True), (25, True, False), (26, True, False)])
def test_threshold_without_any_union(staff, r01, r02):
	unit = UnitCoverage(unit="甲", staff_total=staff)
	assert (check_r01(unit, DEFAULTS) is not None) == r01
	assert (check_r02(unit, DEFAULTS) is not None) == r02


@pytest.mark.parametrize("staff", [24, 25, 26])
def test_own_base_union_satisfies_both(staff):
	unit = UnitCoverage(unit="甲", staff_total=staff, has_own_base_union=True, covered_by_union=True)
	assert coverage_violations([unit], DEFAULTS) == []


def test_joint_union_covers_a_small_unit_but_not_a_large_one():
	small = UnitCoverage(unit="小", staff_total=24, covered_by_union=True)
	large = UnitCoverage(unit="大", staff_total=25, covered_by_union=True)
	assert [v.rule for v in coverage_violations([small, large], DEFAULTS)] == ["R01"]
	assert coverage_violations([large], DEFAULTS)[0].unit == "大"


def test_threshold_comes_from_settings():
	unit = UnitCoverage(unit="甲", staff_total=30, covered_by_union=True)
	assert check_r01(unit, DEFAULTS) is not None
	assert check_r01(unit, PolicySettings(base_union_min_staff=31)) is None


def test_closed_units_are_not_flagged():
	for status in ("Bankrupt", "Deregistered"):
		assert coverage_violations([UnitCoverage(unit="甲", staff_total=40, status=status)], DEFAULTS) == []


def test_message_names_rule_and_fills_arguments():
	violation = check_r01(UnitCoverage(unit="甲厂", staff_total=30), DEFAULTS)
	message, action = violation.render()
	assert message.startswith("R01") and "甲厂" in message and "30" in message and "25" in message
	assert action


def test_settings_from_mapping_falls_back_to_defaults():
	settings = PolicySettings.from_mapping({"base_union_min_staff": "30", "sync_grace_days": None})
	assert settings.base_union_min_staff == 30
	assert settings.sync_grace_days == 90
