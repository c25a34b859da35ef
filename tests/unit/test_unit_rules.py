"""Each unit-level flag rule: a case that holds and one that breaks, at its threshold where it has one."""

from dataclasses import replace
from datetime import date

import pytest

from gongjian.rules.catalogue import unit_violations
from gongjian.rules.coverage import (
	check_r01,
	check_r02,
	check_r03,
	check_r04,
	check_r06,
	check_r07,
	check_r09,
)
from gongjian.rules.leadership import check_r12, check_r13
from gongjian.rules.organization import (
	OrganizerFacts,
	check_r15,
	check_r15_organizer,
	check_r16,
	check_r17,
	check_r17_contract_expiry,
	check_r17_lapsed,
	check_r21_unit,
	months_later,
)
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import DEMOCRATIC_SYSTEMS, UnitFacts, figures_counted_on, staff_figures_error

S = PolicySettings()
TODAY = date(2026, 11, 23)
# A unit that breaks nothing: covered by its own union with every system in place.
GOOD = UnitFacts(
	unit="合规企业",
	staff_total=10,
	has_own_base_union=True,
	covered_by_union=True,
	democratic_systems=frozenset(DEMOCRATIC_SYSTEMS),
)


def breaks(check, unit, settings=S):
	return check(unit, settings, TODAY) is not None


@pytest.mark.parametrize(("staff", "r01", "r02"), [(24, False, True), (25, True, False), (26, True, False)])
def test_r01_r02_threshold_without_any_union(staff, r01, r02):
	unit = UnitFacts(unit="甲", staff_total=staff)
	assert breaks(check_r01, unit) == r01
	assert breaks(check_r02, unit) == r02


@pytest.mark.parametrize("staff", [24, 25, 26])
def test_r01_r02_own_union_satisfies_both(staff):
	unit = replace(GOOD, staff_total=staff)
	assert not breaks(check_r01, unit) and not breaks(check_r02, unit)


def test_r01_joint_union_covers_a_small_unit_but_not_a_large_one():
	small = UnitFacts(unit="小", staff_total=24, covered_by_union=True)
	large = UnitFacts(unit="大", staff_total=25, covered_by_union=True)
	assert not breaks(check_r02, small) and not breaks(check_r01, small)
	assert breaks(check_r01, large)


def test_r01_threshold_comes_from_settings():
	unit = UnitFacts(unit="甲", staff_total=30, covered_by_union=True)
	assert breaks(check_r01, unit)
	assert not breaks(check_r01, unit, PolicySettings(base_union_min_staff=31))


def test_closed_units_are_not_flagged():
	for status in ("Bankrupt", "Deregistered"):
		assert (
			unit_violations(
				[UnitFacts(unit="甲", staff_total=400, status=status, above_scale=True)], S, TODAY
			)
			== []
		)


def test_r03_above_scale_non_public_needs_a_union():
	unit = UnitFacts(unit="甲", staff_total=10, above_scale=True)
	assert breaks(check_r03, unit)
	assert not breaks(check_r03, replace(unit, covered_by_union=True))
	assert not breaks(check_r03, replace(unit, category="State-owned Enterprise"))


@pytest.mark.parametrize(("age", "flagged"), [(90, False), (91, True), (1095, True), (1096, False)])
def test_r04_grace_period_and_new_unit_window(age, flagged):
	unit = UnitFacts(unit="新", staff_total=10, founded_on=date.fromordinal(TODAY.toordinal() - age))
	assert breaks(check_r04, unit) == flagged
	assert not breaks(check_r04, replace(unit, covered_by_union=True))


def test_r04_party_org_where_eligible():
	unit = UnitFacts(
		unit="新", staff_total=30, category="Social Group", covered_by_union=True, founded_on=date(2026, 1, 1)
	)
	assert breaks(check_r04, unit)
	assert not breaks(check_r04, replace(unit, has_party_org=True))


def test_r06_party_org_without_union():
	unit = UnitFacts(unit="甲", staff_total=10, has_party_org=True)
	assert breaks(check_r06, unit)
	assert not breaks(check_r06, replace(unit, covered_by_union=True))


def test_r07_restructuring_until_union_confirmed():
	unit = replace(GOOD, status="Restructuring")
	assert breaks(check_r07, unit)
	assert not breaks(check_r07, replace(unit, union_reconfirmed_on=date(2026, 1, 1)))
	assert not breaks(check_r07, GOOD)


@pytest.mark.parametrize(("staff", "flagged"), [(29, False), (30, True)])
def test_r12_new_social_org_threshold(staff, flagged):
	unit = replace(GOOD, category="Private Non-enterprise Unit", staff_total=staff)
	assert breaks(check_r12, unit) == flagged
	assert not breaks(check_r12, replace(unit, chair_is_party_member=True))
	assert not breaks(check_r12, replace(unit, party_recommended_candidate=True))


def test_r12_above_scale_non_public_always():
	assert breaks(check_r12, replace(GOOD, above_scale=True))


@pytest.mark.parametrize(("staff", "flagged"), [(199, False), (200, True)])
def test_r13_full_time_chair_threshold(staff, flagged):
	unit = replace(GOOD, staff_total=staff)
	assert breaks(check_r13, unit) == flagged
	assert not breaks(check_r13, replace(unit, has_fulltime_chair=True))


@pytest.mark.parametrize(("staff", "flagged"), [(29, False), (30, True)])
def test_r15_organizer_threshold_for_new_social_orgs(staff, flagged):
	unit = replace(GOOD, category="Foundation", staff_total=staff)
	assert breaks(check_r15, unit) == flagged
	assert not breaks(check_r15, replace(unit, has_organizer=True))
	assert breaks(check_r15, replace(GOOD, above_scale=True))


def test_r15_organizer_needs_yearly_training_and_assessment_and_is_named_by_name():
	assert check_r15_organizer(OrganizerFacts("ZDY-0001", True, True, "王静"), TODAY) is None
	for trained, assessed in ((False, True), (True, False), (False, False)):
		violation = check_r15_organizer(OrganizerFacts("ZDY-0001", trained, assessed, "王静"), TODAY)
		assert violation.rule == "R15" and violation.unit == "ZDY-0001"
		message, _action = violation.render()
		assert "王静" in message and "ZDY-0001" not in message


@pytest.mark.parametrize(
	("staff", "members", "org", "flagged"),
	[
		(19, 0, False, False),
		(20, 0, False, True),
		(20, 1, False, False),
		(29, 1, False, False),
		(30, 1, False, True),
		(30, 1, True, False),
	],
)
def test_r16_party_members_and_organization_of_new_social_orgs(staff, members, org, flagged):
	unit = replace(
		GOOD, category="Social Group", staff_total=staff, party_member_count=members, has_party_org=org
	)
	assert breaks(check_r16, unit) == flagged


def test_r16_above_scale_non_public_needs_party_org():
	assert breaks(check_r16, replace(GOOD, above_scale=True))
	assert not breaks(check_r16, replace(GOOD, above_scale=True, has_party_org=True))


def test_r17_lists_missing_systems():
	unit = replace(GOOD, democratic_systems=frozenset(DEMOCRATIC_SYSTEMS[1:]))
	violation = check_r17(unit, S, TODAY)
	assert violation.args["missing"] == [DEMOCRATIC_SYSTEMS[0]]
	assert not breaks(check_r17, GOOD)
	assert not breaks(check_r17, replace(unit, covered_by_union=False))


@pytest.mark.parametrize(("sites", "flagged"), [(0, True), (1, False), (2, False)])
def test_r21_town_level_units(sites, flagged):
	unit = replace(GOOD, town_level=True, demonstration_sites=sites)
	assert breaks(check_r21_unit, unit) == flagged
	assert not breaks(check_r21_unit, replace(unit, town_level=False, demonstration_sites=0))


def test_a_compliant_unit_breaks_nothing():
	assert unit_violations([GOOD], S, TODAY) == []


def test_rendered_message_names_rule_and_translates_listed_names():
	unit = replace(GOOD, democratic_systems=frozenset())
	message, action = check_r17(unit, S, TODAY).render(
		lambda text: {"Equal Consultation": "平等协商"}.get(text, text)
	)
	assert message.startswith("R17:") and "平等协商、Collective Contract" in message
	assert action


def test_settings_from_mapping_falls_back_to_defaults():
	settings = PolicySettings.from_mapping({"base_union_min_staff": "30", "sync_grace_days": None})
	assert settings.base_union_min_staff == 30
	assert settings.sync_grace_days == 90


def test_every_flag_rule_has_a_name_shown_beside_its_code():
	import pathlib
	import re

	from gongjian.rules.catalogue import RULE_NAMES, rule_title

	sources = pathlib.Path(__file__).parents[2].joinpath("gongjian", "rules").glob("*.py")
	flagged = {code for path in sources for code in re.findall(r'flag\(\s*"(R\d\d)"', path.read_text())}
	assert flagged and flagged == set(RULE_NAMES)
	assert rule_title("R01", {"Own base union": "单独建会"}.get) == "R01 单独建会"
	assert rule_title("R99") == "R99"


def test_r09_more_members_than_staff_is_flagged():
	assert check_r09(replace(GOOD, members=10), S, TODAY) is None  # as many as the staff
	violation = check_r09(replace(GOOD, members=11), S, TODAY)
	assert violation.rule == "R09" and (violation.args["members"], violation.args["staff"]) == (11, 10)
	assert check_r09(replace(GOOD, members=11, status="Bankrupt"), S, TODAY) is None


@pytest.mark.parametrize(
	"figures, refused",
	[
		((10, 10, 5, 5), False),  # every worker a migrant worker, half dispatched, half temporary
		((10, 0, 0, 0), False),
		((0, 0, 0, 0), False),
		((10, 11, 0, 0), True),
		((10, 0, 11, 0), True),
		((10, 0, 0, 11), True),
		((10, 0, 6, 5), True),  # dispatched and temporary are kinds of employment: they do not overlap
	],
)
def test_r09_staff_subsets_fit_in_the_total(figures, refused):
	reason = staff_figures_error(*figures)
	assert (reason is not None) == refused
	assert reason is None or reason.startswith("R09")


def test_staff_of_a_past_day_is_the_last_count_made_by_then():
	march, september = (date(2026, 3, 1), (100, 30, 0, 0)), (date(2026, 9, 1), (120, 40, 5, 0))
	history = [september, march]  # in any order
	assert figures_counted_on(history, date(2026, 6, 30)) == (100, 30, 0, 0)
	assert figures_counted_on(history, date(2026, 9, 1)) == (120, 40, 5, 0)  # counted that day
	assert figures_counted_on(history, date(2026, 12, 31)) == (120, 40, 5, 0)
	# Before the first count, the first count is the best that is known.
	assert figures_counted_on(history, date(2025, 12, 31)) == (100, 30, 0, 0)
	assert figures_counted_on([], date(2026, 6, 30)) is None


def test_r17_a_workers_congress_not_held_again_within_a_year_is_flagged():
	held = {"Workers' Congress": date(2025, 11, 23), "Equal Consultation": date(2026, 3, 1)}
	assert check_r17_lapsed(replace(GOOD, systems_held_on=held), S, TODAY) is None  # a year ago today
	late = {**held, "Workers' Congress": date(2025, 11, 22)}
	violation = check_r17_lapsed(replace(GOOD, systems_held_on=late), S, TODAY)
	assert violation.rule == "R17" and violation.args["lapsed"] == ["Workers' Congress"]
	# Affairs openness is a standing system: its date is when it was set up, and it does not lapse.
	assert (
		check_r17_lapsed(replace(GOOD, systems_held_on={"Affairs Openness": date(2010, 1, 1)}), S, TODAY)
		is None
	)
	assert (
		check_r17_lapsed(replace(GOOD, systems_held_on=late), replace(S, workers_congress_months=24), TODAY)
		is None
	)


def test_r17_a_contract_about_to_expire_is_flagged_ahead():
	assert check_r17_contract_expiry(replace(GOOD, contract_expires_on=date(2027, 1, 23)), S, TODAY) is None
	violation = check_r17_contract_expiry(replace(GOOD, contract_expires_on=date(2027, 1, 22)), S, TODAY)
	assert violation.rule == "R17" and violation.args["expires"] == "2027-01-22"


def test_months_later_keeps_the_end_of_a_month():
	assert months_later(date(2025, 1, 31), 1) == date(2025, 2, 28)
	assert months_later(date(2024, 2, 29), 12) == date(2025, 2, 28)
	assert months_later(date(2025, 11, 23), 12) == date(2026, 11, 23)


def test_r21_more_sites_than_the_policy_asks_for_is_flagged():
	from gongjian.rules.organization import demonstration_violation

	assert demonstration_violation("青山镇", 2, S) is None
	assert demonstration_violation("青山镇", 0, S).rule == "R21"
	too_many = demonstration_violation("青山镇", 3, S)
	assert too_many.rule == "R21" and too_many.args["sites"] == 3
	assert check_r21_unit(replace(GOOD, town_level=True, demonstration_sites=3), S, TODAY) is not None
