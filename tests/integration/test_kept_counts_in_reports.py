"""The reviews read today's member figures from the kept counts (gongjian/member_counts.py): for every
kind of account they must give what counting the members gives, scope included."""

from collections import Counter

import frappe
import pytest
from frappe.utils import getdate, today

from gongjian import member_counts
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


def test_a_village_account_reads_only_its_villages_kept_counts(two_villages):
	mine, theirs = two_villages.villages
	frappe.set_user(scoped_user("Village User", villages=[mine]))
	assert member_counts.villages_kept_for({}) == [mine]
	assert member_counts.villages_kept_for({"village": theirs}) == []
	_columns, rows, _message, _chart, summary = statistics({})
	assert summary[0]["value"] == frappe.db.count("Union Member", {"village": mine})


def test_a_unit_account_is_counted_not_read_from_the_kept_counts(two_villages):
	frappe.set_user(scoped_user("Enterprise User", enterprises=[two_villages.units[0]]))
	assert member_counts.villages_kept_for({}) is None
	_columns, _rows, _message, _chart, summary = statistics({})
	assert summary[0]["value"] == frappe.db.count("Union Member", {"employer": two_villages.units[0]})


def test_members_at_units_count_members_in_transfer_but_not_retained(two_villages):
	unit = two_villages.units[0]
	kept = member_counts.members_by_unit(list(AT_UNIT))[unit]
	assert kept == frappe.db.count("Union Member", {"employer": unit, "status": ["in", AT_UNIT]})
	assert kept == members_at_units({}, getdate(today()))[unit]
	assert kept == frappe.db.get_value("Unit Tally", unit, "members_at_unit")
