"""The reviews read today's member figures from the kept counts (gongjian/member_counts.py): for every
kind of account they must give what counting the members gives, scope included."""

from collections import Counter

import frappe
import pytest
from frappe.utils import getdate, today

from gongjian import member_counts, unit_tally
from gongjian.gongjian.report.membership_statistics.membership_statistics import (
	DIMENSIONS,
	counted_breakdown,
)
from gongjian.gongjian.report.membership_statistics.membership_statistics import (
	execute as statistics,
)
from gongjian.gongjian.report.membership_statistics.membership_statistics import (
	member_counts as statistics_counts,
)
from gongjian.gongjian.report.semiannual_survey.semiannual_survey import current_half_year
from gongjian.metrics import (
	AT_UNIT,
	counted_members_without_unit,
	gather,
	member_filters,
	members_at_units,
	members_without_unit,
	metrics_for,
)
from gongjian.policy import get_policy_settings
from gongjian.rules.metrics import metrics_by_group
from gongjian.staff import STAFF_FIGURES
from tests import factories


def scoped_user(role: str, villages=(), enterprises=()) -> str:
	email = f"{factories.unique('kept')}@example.com"
	frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": "计数", "send_welcome_email": 0}
	).insert()
	frappe.get_doc(
		{
			"doctype": "Gongjian User Scope",
			"user": email,
			"role": role,
			"villages": [{"village": v} for v in villages],
			"enterprises": [{"enterprise": e} for e in enterprises],
		}
	).insert()
	return email


@pytest.fixture
def two_villages():
	"""Two villages of one township, members of every status and breakdown, some without a unit."""
	township = factories.township()
	villages = [factories.village(township_name=township) for _ in range(2)]
	units = []
	for n, village in enumerate(villages):
		unit = factories.enterprise(village, staff=20, founded_on="2020-01-01")
		other = factories.enterprise(village, staff=8, founded_on="2020-01-01")
		union = factories.union("Joint Base Union", village, [unit, other])
		units += [unit, other]
		for i in range(6 + n):
			factories.member(
				union,
				unit if i % 2 else other,
				joined_on="2021-03-01",
				migrant=i % 3 == 0,
				party_member=i == 1,
				employment_kind="Migrant Worker" if i % 3 == 0 else "Formal",
			)
		factories.member(union, unit, joined_on="2021-03-01", status="Retained")
		withdrawn = frappe.get_doc("Union Member", factories.member(union, other, joined_on="2021-03-01"))
		withdrawn.update({"status": "Withdrawn", "exit_reason": "Retired", "exit_on": "2024-01-01"})
		withdrawn.save()
	home = frappe.get_value("Trade Union", {"union_kind": "Members' Home", "township": township})
	if home:
		factories.member(home, None, joined_on="2022-05-01", village=villages[0])
	return frappe._dict(township=township, villages=villages, units=units)


def counted_statistics(filters) -> Counter:
	counts = Counter()
	for row in counted_breakdown(filters, getdate(today())):
		for dimension, _label in DIMENSIONS:
			counts[(dimension, row[dimension])] += row.members
	return counts


@pytest.mark.parametrize("account", ["manager", "village", "unit"])
def test_kept_figures_equal_counted_figures_for_every_account(two_villages, account):
	if account == "village":
		frappe.set_user(scoped_user("Village User", villages=[two_villages.villages[0]]))
	elif account == "unit":
		frappe.set_user(scoped_user("Enterprise User", enterprises=[two_villages.units[0]]))
	on = getdate(today())
	for filters in (
		{},
		{"township": two_villages.township},
		{"village": two_villages.villages[1]},
		{"period": current_half_year()},
	):
		# the running period from the kept Unit Tally, as counted unit by unit from the registers
		for group_by in ("village", "township", "category"):
			units, unions, without_unit, _on = gather(filters, group_by)
			counted = metrics_by_group(units, unions, get_policy_settings(), without_unit)
			assert metrics_for(filters, group_by) == counted, (filters, group_by)
		where = member_filters(filters)
		counted = {row.village or "": row.members for row in counted_members_without_unit(where, on)}
		assert members_without_unit(where, "village", on) == counted
		assert statistics_counts(frappe._dict(filters)) == counted_statistics(filters)


@pytest.fixture
def history(two_villages):
	"""The two villages with a past: staff counted on two days, a unit founded later and one with no
	founding date, a union that was dissolved, an own base union founded later, a contract that expired,
	members who joined later, a transfer under way."""
	first, second = two_villages.villages
	late = factories.enterprise(first, staff=12, founded_on="2023-06-01")
	undated = factories.enterprise(second, staff=6)
	frappe.db.set_value("Enterprise", undated, "creation", "2022-09-01 10:00:00")
	counted = factories.enterprise(first, staff=40, founded_on="2019-01-01")
	for counted_on, figures in (("2022-01-10", (30, 5, 2, 1)), ("2024-02-01", (35, 6, 0, 3))):
		census = frappe.new_doc("Staff Census")
		census.update(
			{
				"parent": counted,
				"parenttype": "Enterprise",
				"parentfield": "staff_history",
				"counted_on": counted_on,
				**dict(zip(STAFF_FIGURES, figures, strict=True)),
			}
		)
		census.db_insert()
	own = factories.union("Base Union Committee", first, [counted], founded_on="2022-03-01")
	gone = factories.union("Joint Base Union", second, [undated], founded_on="2021-01-01")
	frappe.db.set_value("Trade Union", gone, {"status": "Dissolved", "dissolved_on": "2024-06-30"})
	frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"enterprise": counted,
			"signed_on": "2022-01-01",
			"expires_on": "2023-12-31",
		}
	).insert()
	for joined_on in ("2021-05-01", "2022-08-01", "2024-03-01", "2025-01-15"):
		factories.member(own, counted, joined_on=joined_on)
	factories.member(gone, undated, joined_on="2022-10-01")
	left = frappe.get_doc("Union Member", factories.member(own, counted, joined_on="2022-04-01"))
	left.update(
		{"status": "Withdrawn", "exit_reason": "Retired", "exit_on": "2024-06-30"}
	)  # a period's last day
	left.save()
	moving = factories.member(own, late, joined_on="2023-07-01")
	frappe.db.set_value("Union Member", moving, "status", "Transferring")  # as a transfer under way leaves it
	member_counts.rebuild()
	unit_tally.rebuild()
	return two_villages


@pytest.mark.parametrize("account", ["manager", "village", "unit"])
def test_past_periods_counted_set_based_equal_counted_unit_by_unit(history, account):
	"""A past period's figures come from one grouped query over the registers as they were; counted
	unit by unit (gather) they must be the same, for every account and filter."""
	if account == "village":
		frappe.set_user(scoped_user("Village User", villages=[history.villages[0]]))
	elif account == "unit":
		frappe.set_user(scoped_user("Enterprise User", enterprises=[history.units[0]]))
	for period in ("2021-H2", "2022-H1", "2022-H2", "2023", "2024-H1", "2024-H2", "2025-H2"):
		for scope in ({}, {"township": history.township}, {"village": history.villages[1]}):
			filters = {**scope, "period": period}
			for group_by in ("village", "township", "category"):
				units, unions, without_unit, _on = gather(filters, group_by)
				counted = metrics_by_group(units, unions, get_policy_settings(), without_unit)
				assert metrics_for(filters, group_by) == counted, (filters, group_by)


def test_a_village_account_reads_only_its_villages_kept_counts(two_villages):
	mine, theirs = two_villages.villages
	frappe.set_user(scoped_user("Village User", villages=[mine]))
	assert member_counts.villages_kept_for({}) == [mine]
	assert member_counts.villages_kept_for({"village": theirs}) == []
	_columns, rows, _message, _chart, summary = statistics({})
	assert summary[0]["value"] == frappe.db.count(
		"Union Member", {"village": mine, "status": ["!=", "Withdrawn"]}
	)


def test_a_unit_account_is_counted_not_read_from_the_kept_counts(two_villages):
	frappe.set_user(scoped_user("Enterprise User", enterprises=[two_villages.units[0]]))
	assert member_counts.villages_kept_for({}) is None
	_columns, _rows, _message, _chart, summary = statistics({})
	assert summary[0]["value"] == frappe.db.count(
		"Union Member", {"employer": two_villages.units[0], "status": ["!=", "Withdrawn"]}
	)


def test_members_at_units_count_members_in_transfer_but_not_retained(two_villages):
	unit = two_villages.units[0]
	kept = member_counts.members_by_unit(list(AT_UNIT))[unit]
	assert kept == frappe.db.count("Union Member", {"employer": unit, "status": ["in", AT_UNIT]})
	assert kept == members_at_units({}, getdate(today()))[unit]
	assert kept == frappe.db.get_value("Unit Tally", unit, "members_at_unit")


def tally(unit: str) -> dict:
	return frappe.db.get_value(
		"Unit Tally",
		unit,
		["village", "staff_total", "covered", "own_union", "contract_expires_on", "members_at_unit"],
		as_dict=True,
	)


def test_a_units_tally_follows_its_record_unions_contracts_and_members():
	village = factories.village()
	unit = factories.enterprise(village, staff=30)
	assert tally(unit) == {
		"village": village,
		"staff_total": 30,
		"covered": 0,
		"own_union": 0,
		"contract_expires_on": None,
		"members_at_unit": 0,
	}
	union = factories.union("Base Union Committee", village, [unit])
	assert (tally(unit).covered, tally(unit).own_union) == (1, 1)
	other = factories.enterprise(village, staff=5)
	doc = frappe.get_doc("Trade Union", union)
	doc.append("covered_units", {"enterprise": other})
	doc.save()  # a union of two units is no unit's own
	assert (tally(unit).covered, tally(unit).own_union, tally(other).covered) == (1, 0, 1)
	frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"enterprise": unit,
			"signed_on": "2024-01-01",
			"expires_on": "2027-06-30",
		}
	).insert()
	assert str(tally(unit).contract_expires_on) == "2027-06-30"
	member = factories.member(union, unit, joined_on="2024-01-01")
	assert tally(unit).members_at_unit == 1
	record = frappe.get_doc("Enterprise", unit)
	record.staff_total = 31
	record.save()
	assert (tally(unit).staff_total, tally(unit).members_at_unit) == (31, 1)  # a save keeps the members
	entry = frappe.get_doc("Union Member", member)
	entry.update({"status": "Withdrawn", "exit_reason": "Registered by Mistake"})
	entry.save()
	assert tally(unit).members_at_unit == 0
	frappe.delete_doc("Union Member", member)
	assert tally(unit).members_at_unit == 0 and unit_tally.drift() == {}
	frappe.delete_doc("Trade Union", union)
	assert (tally(unit).covered, tally(other).covered) == (0, 0)
	frappe.delete_doc("Enterprise", other)  # its tally row does not hold the deletion back
	assert not frappe.db.exists("Unit Tally", other)


def test_the_nightly_reconciliation_corrects_and_reports_a_drifted_tally():
	village = factories.village()
	unit = factories.enterprise(village, staff=12)
	union = factories.union("Base Union Committee", village, [unit])
	factories.member(union, unit, joined_on="2024-01-01")
	assert unit_tally.drift() == {}
	title = frappe._("Kept unit figures drifted and were corrected")
	frappe.db.delete("Error Log", {"method": title})
	frappe.db.sql(
		"update `tabUnit Tally` set members_at_unit = members_at_unit + 5, covered = 0 where name = %s", unit
	)
	unit_tally.reconcile_nightly()
	assert (tally(unit).members_at_unit, tally(unit).covered) == (1, 1)
	assert frappe.db.exists("Error Log", {"method": title})
	assert unit_tally.drift() == {}


def test_statistics_count_the_memberships_in_force_at_the_periods_end(two_villages):
	"""A member withdrawn on 2024-01-01 is no member today, and was one, as 会员, at the end of 2023."""
	village = two_villages.villages[0]
	now = statistics_counts(frappe._dict(village=village))
	then = statistics_counts(frappe._dict(village=village, period="2023-H2"))
	withdrawn = frappe.db.count("Union Member", {"village": village, "status": "Withdrawn"})
	assert withdrawn == 1 and now[("status", "Withdrawn")] == 0
	members_now = sum(n for (dimension, _value), n in now.items() if dimension == "status")
	members_then = sum(n for (dimension, _value), n in then.items() if dimension == "status")
	# everyone joined in 2021 or 2022; the one withdrawn in 2024 still was a member
	assert members_then == members_now + 1
	assert then[("status", "Member")] == now[("status", "Member")] + 1
	assert then[("status", "Withdrawn")] == 0
