"""The meta-driven value check (gongjian/utils/validation.py) and the transfer defaults, on the real site."""

import frappe
import pytest
from frappe.utils import add_days, today

from gongjian.exceptions import GongjianValidationError, InvalidValueError
from tests import factories


def test_numbers_given_as_text_are_stored_as_numbers():
	name = factories.enterprise(factories.village(), staff="12", staff_migrant=" 3 ")
	assert frappe.db.get_value("Enterprise", name, ["staff_total", "staff_migrant"]) == (12, 3)


def test_a_planned_date_may_lie_ahead_but_a_past_event_may_not():
	village = factories.village()
	unit = factories.enterprise(village, staff=30)
	union = factories.union("Base Union Committee", village, [unit])
	ahead = add_days(today(), 200)
	election = frappe.get_doc({"doctype": "Union Election", "union": union, "election_date": ahead}).insert()
	assert str(election.election_date) == ahead
	frappe.local.lang = "zh"
	with pytest.raises(InvalidValueError, match="不能是将来的日期"):
		factories.enterprise(village, founded_on=ahead)


def test_an_old_value_beyond_a_limit_does_not_block_editing_other_fields():
	name = factories.enterprise(factories.village(), staff=10)
	frappe.db.set_value("Enterprise", name, "founded_on", add_days(today(), 30))  # kept before the check
	doc = frappe.get_doc("Enterprise", name)
	doc.industry = "纺织"
	doc.save()
	doc.founded_on = add_days(today(), 40)
	with pytest.raises(InvalidValueError):
		doc.save()


def test_a_link_whose_target_is_missing_is_refused_even_when_others_fetch_from_it():
	frappe.local.lang = "zh"
	with pytest.raises(InvalidValueError, match="找不到"):
		factories.enterprise("不存在村" + frappe.generate_hash(length=4))


def test_a_retained_membership_without_a_union_goes_to_the_members_home():
	township = factories.township()
	village = factories.village(township_name=township)
	unit = factories.enterprise(village, staff=30)
	union = factories.union("Base Union Committee", village, [unit])
	member = factories.member(union, unit)
	transfer = {"doctype": "Membership Transfer", "member": member, "reason": "Bankruptcy"}
	frappe.local.lang = "zh"
	with pytest.raises(GongjianValidationError, match="会员之家"):
		frappe.get_doc({**transfer, "destination": "Retain Membership"}).insert()
	home = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("会员之家"),
			"union_kind": "Members' Home",
			"township": township,
		}
	).insert()
	doc = frappe.get_doc({**transfer, "destination": "Retain Membership"}).insert()
	assert (doc.to_union, doc.to_employer, doc.from_union) == (home.name, None, union)
