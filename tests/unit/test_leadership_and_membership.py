from datetime import date

import pytest

from gongjian.rules.leadership import (
	Person,
	Relative,
	UnitRole,
	chair_ineligibility,
	check_r08_chair,
	check_r14_officer,
	check_term_expired,
	officer_ineligibility,
	unions_with_recommended_chair,
	village_chair_allowed,
)
from gongjian.rules.membership import (
	MemberState,
	check_enrollment_builds_union,
	member_at_risk,
	member_deletion_error,
	member_exit_error,
)
from gongjian.rules.settings import PolicySettings
from gongjian.rules.territory import CoveredUnit, check_village_covered, territory_mismatches

HEAD = Person("王建国", "330182197001010017")
ROLES = [UnitRole("Administrative Head", HEAD), UnitRole("HR Head", Person("李静", "330182198502020028"))]
RELATIVES = [Relative(HEAD, "Spouse", Person("张秀英", "330182197203030021"))]


@pytest.mark.parametrize(
	("candidate", "reason_start"),
	[
		(Person("王建国", "330182197001010017"), "{name} is the unit's"),
		(Person("李静", "330182198502020028"), "{name} is the unit's"),
		(Person("张秀英", "330182197203030021"), "{name} is a near relative"),
		(Person("Smith", "930000199003071234"), "{name} is foreign staff"),
		(Person("Jones", "", foreign=True), "{name} is foreign staff"),
	],
)
def test_r14_ineligible_chairs(candidate, reason_start):
	found = chair_ineligibility(candidate, ROLES, RELATIVES)
	assert found and found[0].startswith(reason_start)


def test_r14_eligible_chair_and_distant_relative():
	assert chair_ineligibility(Person("赵军", "330182198806060011"), ROLES, RELATIVES) is None
	cousin = [Relative(HEAD, "Cousin", Person("赵军", "330182198806060011"))]
	assert chair_ineligibility(Person("赵军", "330182198806060011"), ROLES, cousin) is None


def test_r14_same_name_different_id_is_another_person():
	assert chair_ineligibility(Person("王建国", "330182199901010019"), ROLES, RELATIVES) is None


def test_r14_relative_of_hr_head_is_eligible():
	hr_relative = [Relative(Person("李静", "330182198502020028"), "Sibling", Person("李军", ""))]
	assert chair_ineligibility(Person("李军"), ROLES, hr_relative) is None


def test_r08_village_chair():
	assert village_chair_allowed("陈国强", "陈国强", "林海燕")
	assert village_chair_allowed("林海燕", "陈国强", "林海燕")
	assert not village_chair_allowed("周伟", "陈国强", "林海燕")
	assert not village_chair_allowed("", "", "")


def test_r08_every_village_covered():
	assert check_village_covered("青山村", 0).rule == "R08"
	assert check_village_covered("青山村", 1) is None


def test_r05_village_level_union_covers_its_village_only():
	units = [CoveredUnit("甲", "青山村", "青山镇"), CoveredUnit("乙", "石桥村", "青山镇")]
	found = territory_mismatches("Joint Base Union", "青山村", "青山镇", units)
	assert [args["unit"] for _, args in found] == ["乙"]
	assert territory_mismatches("Joint Base Union", "青山村", "青山镇", units[:1]) == []


def test_r05_township_level_union_covers_its_township_only():
	units = [CoveredUnit("甲", "青山村", "青山镇"), CoveredUnit("乙", "外村", "外镇")]
	assert [a["unit"] for _, a in territory_mismatches("Industry Union", None, "青山镇", units)] == ["乙"]


def test_r10_union_and_employer_change_only_by_transfer():
	old = MemberState("甲工会", "甲厂", "Member")
	assert member_exit_error(old, MemberState(None, "甲厂", "Member"), "Operating").startswith("R10")
	assert member_exit_error(old, MemberState("乙工会", "甲厂", "Member"), "Operating").startswith("R10")
	assert member_exit_error(old, MemberState("甲工会", None, "Member"), "Bankrupt").startswith("R10")
	assert member_exit_error(old, MemberState("甲工会", "甲厂", "Member"), "Operating") is None


def test_r10_only_a_transfer_puts_a_member_in_transfer():
	old = MemberState("甲工会", "甲厂", "Member")
	assert "transfer" in member_exit_error(old, MemberState("甲工会", "甲厂", "Transferring"), "Operating")
	new_member = MemberState(None, None, None)
	assert member_exit_error(new_member, MemberState("甲工会", "甲厂", "Transferring"), None).startswith(
		"R10"
	)
	assert member_exit_error(new_member, MemberState("甲工会", "甲厂", "Member"), None) is None


@pytest.mark.parametrize(
	("employer_status", "blocked"),
	[("Bankrupt", True), ("Deregistered", True), ("Restructuring", True), ("Operating", False)],
)
def test_r10_withdrawal_from_a_closing_unit_is_blocked(employer_status, blocked):
	old = MemberState("甲工会", "甲厂", "Member")
	error = member_exit_error(old, MemberState("甲工会", "甲厂", "Withdrawn", "Retired"), employer_status)
	assert (error is not None) == blocked


@pytest.mark.parametrize(
	("reason", "note", "refused"),
	[
		(None, None, True),
		("", None, True),
		("Made Up", None, True),
		("Left the Employer", None, False),
		("Other", " ", True),
		("Other", "随配偶迁居外省", False),
	],
)
def test_r10_a_withdrawal_needs_its_reason(reason, note, refused):
	old = MemberState("甲工会", "甲厂", "Member")
	error = member_exit_error(old, MemberState("甲工会", "甲厂", "Withdrawn", reason, note), "Operating")
	assert (error is not None) == refused
	# A member withdrawn before reasons were kept is saved again without one.
	withdrawn = MemberState("甲工会", "甲厂", "Withdrawn")
	assert member_exit_error(withdrawn, withdrawn, "Operating") is None


@pytest.mark.parametrize(
	("status", "reason", "history", "employer_status", "deleted"),
	[
		("Member", None, False, "Operating", False),  # still a member: withdrawn first
		("Retained", None, False, "Operating", False),
		("Member", None, False, "Bankrupt", False),
		("Withdrawn", "Registered by Mistake", True, "Operating", True),  # kept in Deleted Documents
		("Withdrawn", "Retired", True, "Operating", False),
		("Withdrawn", "Retired", False, "Operating", True),
	],
)
def test_r10_only_a_withdrawn_record_is_deleted(status, reason, history, employer_status, deleted):
	assert (member_deletion_error(status, reason, history, employer_status) is None) == deleted


def test_r10_members_at_risk():
	assert member_at_risk("Member", "Bankrupt")
	assert not member_at_risk("Retained", "Bankrupt")
	assert not member_at_risk("Member", "Operating")


@pytest.mark.parametrize(
	("members", "has_union", "flagged"), [(24, False, False), (25, False, True), (30, True, False)]
)
def test_r11_enrollment_builds_a_union(members, has_union, flagged):
	found = check_enrollment_builds_union("甲厂", members, has_union, PolicySettings())
	assert (found is not None) == flagged


def test_r11_not_for_a_closed_unit():
	assert check_enrollment_builds_union("甲厂", 30, False, PolicySettings(), employer_closed=True) is None


def test_r14_near_relatives_of_the_head_hold_no_committee_seat():
	# Law Art. 10: the head's spouse may not be vice chair either; the HR head may (only the chair rule).
	spouse = Person("张秀英", "330182197203030021")
	hr_head = Person("李静", "330182198502020028")
	assert officer_ineligibility("Vice Chair", spouse, ROLES, RELATIVES)[0].startswith(
		"{name} is a near relative"
	)
	assert officer_ineligibility("Vice Chair", hr_head, ROLES, RELATIVES) is None
	assert officer_ineligibility("Chair", hr_head, ROLES, RELATIVES) is not None


def test_r14_a_sitting_officer_is_flagged_once_ineligible():
	spouse = Person("张秀英", "330182197203030021")
	violation = check_r14_officer("甲厂工会", "Vice Chair", spouse, ROLES, RELATIVES)
	assert violation.rule == "R14" and violation.unit == "甲厂工会"
	words = {"Vice Chair": "副主席", "Spouse": "配偶"}
	message, _action = violation.render(lambda text: words.get(text, text))
	assert "副主席" in message and "配偶" in message and "王建国" in message
	assert (
		check_r14_officer("甲厂工会", "Chair", Person("赵军", "330182198806060011"), ROLES, RELATIVES) is None
	)


def test_r08_a_sitting_village_chair_is_flagged_once_no_longer_secretary():
	assert check_r08_chair("甲村工会", "王书记", "王书记", "李副书记") is None
	violation = check_r08_chair("甲村工会", "王书记", "陈新书记", "李副书记")
	assert violation.rule == "R08" and violation.args["name"] == "王书记"


def test_r12_only_a_chair_candidate_of_the_latest_election_counts():
	rows = [
		("甲工会", date(2021, 5, 1), "cand-1"),  # an earlier term
		("甲工会", date(2026, 5, 1), None),  # the latest election: nobody recommended for chair
		("乙工会", date(2026, 5, 1), None),
		("乙工会", date(2026, 5, 1), "cand-2"),
		("丙工会", date(2020, 1, 1), None),
	]
	assert unions_with_recommended_chair(rows) == {"乙工会"}


def test_r05_affiliation_follows_the_party_organization():
	from gongjian.rules.territory import PartyOrgPlace, affiliation_mismatch

	own = PartyOrgPlace("甲村党支部", "甲村", "青山镇")
	other = PartyOrgPlace("乙村党支部", "乙村", "青山镇")
	town = PartyOrgPlace("青山镇党委", None, "青山镇")
	assert affiliation_mismatch("Base Union Committee", "甲村", "青山镇", own) is None
	assert affiliation_mismatch("Base Union Committee", "甲村", "青山镇", other)[1]["org_area"] == "乙村"
	assert (
		affiliation_mismatch("Base Union Committee", "甲村", "青山镇", town) is None
	)  # a township party committee
	assert affiliation_mismatch("Township Joint Union", None, "青山镇", other) is None
	far = PartyOrgPlace("白沙镇党委", None, "白沙镇")
	assert affiliation_mismatch("Park Joint Union", None, "青山镇", far)[1]["area"] == "青山镇"
	assert affiliation_mismatch("Base Union Committee", "甲村", "青山镇", None) is None


@pytest.mark.parametrize(
	("founded_on", "elected_on", "term_years", "ends"),
	[
		(date(2019, 3, 1), None, None, date(2024, 3, 1)),  # none on record: founding + the longer term
		(date(2019, 3, 1), date(2023, 6, 1), 3, date(2026, 6, 1)),
		(date(2019, 3, 1), date(2023, 6, 1), 5, None),  # ends 2028
		(None, None, None, None),  # nothing known
		(date(2024, 2, 29), None, None, None),  # ends 2029-02-28
	],
)
def test_r14_a_committee_past_its_term_is_flagged_for_re_election(founded_on, elected_on, term_years, ends):
	violation = check_term_expired("某工会", founded_on, elected_on, term_years, date(2026, 11, 28))
	assert (violation.args["ended"] if violation else None) == (ends and ends.isoformat())
	assert violation is None or violation.rule == "R14"
