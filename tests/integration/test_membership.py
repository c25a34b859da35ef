import frappe
import pytest

from gongjian.exceptions import GongjianValidationError, InvalidIdentifierError
from gongjian.gongjian.doctype.membership_transfer.membership_transfer import MembershipTransfer
from gongjian.gongjian.report.members_at_risk.members_at_risk import execute as members_at_risk
from tests import factories


@pytest.fixture
def town():
	village = factories.village()
	old_unit, new_unit = factories.enterprise(village, staff=30), factories.enterprise(village, staff=30)
	home = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("会员之家"),
			"union_kind": "Members' Home",
			"township": frappe.db.get_value("Village", village, "township"),
		}
	).insert()
	return frappe._dict(
		village=village,
		old_unit=old_unit,
		new_unit=new_unit,
		old_union=factories.union("Base Union Committee", village, [old_unit]),
		new_union=factories.union("Base Union Committee", village, [new_unit]),
		home=home.name,
	)


def transfer(member: str, to_union: str, to_employer: str | None = None, destination="Transfer to Union"):
	return frappe.get_doc(
		{
			"doctype": "Membership Transfer",
			"member": member,
			"reason": "Bankruptcy",
			"destination": destination,
			"to_union": to_union,
			"to_employer": to_employer,
		}
	).insert()


def state(member: str) -> tuple:
	return frappe.db.get_value("Union Member", member, ["union", "employer", "status"])


def test_id_number_gives_gender_and_birth_date():
	village = factories.village()
	unit = factories.enterprise(village)
	union = factories.union("Base Union Committee", village, [unit])
	doc = frappe.get_doc("Union Member", factories.member(union, unit))
	assert doc.gender in ("Male", "Female") and str(doc.birth_date).startswith("1990")


def test_bad_id_number_is_refused_and_nothing_written(town):
	before = frappe.db.count("Union Member")
	frappe.local.lang = "zh"
	with pytest.raises(InvalidIdentifierError) as error:
		frappe.get_doc(
			{
				"doctype": "Union Member",
				"member_name": "错号",
				"id_number": "110105194912310021",
				"union": town.old_union,
			}
		).insert()
	assert "身份证号码" in str(error.value)
	assert frappe.db.count("Union Member") == before


def test_id_number_is_unique_among_members(town):
	member = factories.member(town.old_union, town.old_unit)
	id_number = frappe.db.get_value("Union Member", member, "id_number")
	with pytest.raises(GongjianValidationError):
		frappe.get_doc(
			{
				"doctype": "Union Member",
				"member_name": "重复",
				"id_number": id_number,
				"union": town.new_union,
			}
		).insert()


def test_a_transfer_waits_for_the_receiving_union_which_accepts(town):
	member = factories.member(town.old_union, town.old_unit)
	doc = transfer(member, town.new_union, town.new_unit)
	assert (doc.from_union, doc.from_employer) == (town.old_union, town.old_unit)
	doc.submit()
	assert state(member) == (town.old_union, town.old_unit, "Transferring")  # 转接中
	assert doc.transfer_status == "Awaiting Acceptance" and doc.to_village == town.village
	with pytest.raises(GongjianValidationError):  # not a second transfer while one is open
		transfer(member, town.home, destination="Retain Membership").submit()
	doc.accept()
	assert state(member) == (town.new_union, town.new_unit, "Member")
	assert (doc.transfer_status, doc.accepted_by) == ("Accepted", "Administrator")
	with pytest.raises(frappe.PermissionError):  # answered once
		doc.accept()


def test_a_returned_transfer_leaves_the_member_where_they_were(town):
	member = factories.member(town.old_union, town.old_unit)
	doc = transfer(member, town.new_union, town.new_unit)
	doc.submit()
	with pytest.raises(GongjianValidationError):
		doc.return_to_sender(" ")
	doc.return_to_sender("查无此人，非本单位职工")
	assert state(member) == (town.old_union, town.old_unit, "Member")
	assert (doc.transfer_status, doc.return_reason) == ("Returned", "查无此人，非本单位职工")


def test_retention_keeps_the_membership_at_the_members_home(town):
	member = factories.member(town.old_union, town.old_unit)
	transfer(member, town.home, destination="Retain Membership").submit()
	assert state(member) == (town.home, None, "Retained")


def test_a_transfer_is_atomic(town, monkeypatch):
	member = factories.member(town.old_union, town.old_unit)
	doc = transfer(member, town.home, destination="Retain Membership")
	before = state(member)

	def fail_after_first_write(self):
		assert state(member)[0] == town.home  # the member was already moved
		raise RuntimeError("injected failure")

	monkeypatch.setattr(MembershipTransfer, "record_history", fail_after_first_write)
	with pytest.raises(RuntimeError):
		doc.submit()
	assert state(member) == before
	assert frappe.db.get_value("Membership Transfer", doc.name, "docstatus") == 0


def test_bankrupt_units_members_are_at_risk_until_transferred_or_retained(town):
	moved, kept = (
		factories.member(town.old_union, town.old_unit),
		factories.member(town.old_union, town.old_unit),
	)
	frappe.db.set_value("Enterprise", town.old_unit, "status", "Bankrupt")

	def at_risk():
		return {row["member"] for row in members_at_risk({"village": town.village})[1]}

	assert at_risk() == {moved, kept}
	transfer(moved, town.new_union, town.new_unit).submit()
	assert at_risk() == {kept}
	transfer(kept, town.home, destination="Retain Membership").submit()
	assert at_risk() == set()


def test_a_member_with_history_is_not_deleted(town):
	member = factories.member(town.old_union, town.old_unit)
	transfer(member, town.new_union, town.new_unit).submit()
	with pytest.raises(GongjianValidationError):
		frappe.delete_doc("Union Member", member)
	assert frappe.db.exists("Union Member", member)


def test_every_member_gets_a_card_number_that_is_not_typed_over(town):
	"""R11: a member registered by form or REST gets a card number as a batch's members do."""
	first = frappe.get_doc("Union Member", factories.member(town.old_union, town.old_unit))
	second = frappe.get_doc("Union Member", factories.member(town.old_union, town.old_unit))
	assert first.card_number and second.card_number and first.card_number != second.card_number
	first.card_number = "GH12345678"
	with pytest.raises(GongjianValidationError):
		first.save()


def test_only_a_transfer_puts_a_member_in_transfer(town):
	from gongjian.exceptions import PolicyViolationError

	member = frappe.get_doc("Union Member", factories.member(town.old_union, town.old_unit))
	member.status = "Transferring"
	with pytest.raises(PolicyViolationError):
		member.save()


def test_a_member_of_a_closing_unit_is_not_deleted(town):
	"""R10: a member is never lost, not even by deleting the record (a manager could, 202 then 404)."""
	from gongjian.exceptions import PolicyViolationError

	member = factories.member(town.old_union, town.old_unit)
	frappe.db.set_value("Enterprise", town.old_unit, "status", "Bankrupt")
	with pytest.raises(PolicyViolationError):
		frappe.delete_doc("Union Member", member)
	assert frappe.db.exists("Union Member", member)


def test_a_withdrawal_keeps_its_reason(town):
	from gongjian.exceptions import PolicyViolationError

	frappe.local.lang = "zh"
	member = frappe.get_doc("Union Member", factories.member(town.old_union, town.old_unit))
	member.status = "Withdrawn"
	with pytest.raises(frappe.ValidationError) as error:  # the form's mandatory field, or R10
		member.save()
	assert "退会原因" in str(error.value)
	assert frappe.db.get_value("Union Member", member.name, "status") == "Member"
	member.reload()
	member.update({"status": "Withdrawn", "exit_reason": "Other", "exit_note": " "})
	with pytest.raises((PolicyViolationError, frappe.MandatoryError)):
		member.save()
	member.reload()
	member.update({"status": "Withdrawn", "exit_reason": "Left the Employer", "exit_on": "2026-11-01"})
	member.save()
	assert frappe.db.get_value("Union Member", member.name, ["status", "exit_reason"]) == (
		"Withdrawn",
		"Left the Employer",
	)


def test_a_member_is_withdrawn_not_deleted_and_a_mistake_goes_on_record(town):
	from gongjian.exceptions import PolicyViolationError

	member = frappe.get_doc("Union Member", factories.member(town.old_union, town.old_unit))
	with pytest.raises(PolicyViolationError):  # still a member: the manager too withdraws first
		frappe.delete_doc("Union Member", member.name)
	assert frappe.db.exists("Union Member", member.name)
	member.update({"status": "Withdrawn", "exit_reason": "Registered by Mistake"})
	member.save()  # the edit is history; a record registered by mistake may go all the same
	frappe.delete_doc("Union Member", member.name)
	assert not frappe.db.exists("Union Member", member.name)
	kept = frappe.get_all(
		"Deleted Document", {"deleted_doctype": "Union Member", "deleted_name": member.name}, pluck="data"
	)
	assert kept and "Registered by Mistake" in kept[0]


def test_the_transfer_letter_and_the_member_card_print_in_chinese(town):
	frappe.local.lang = "zh"
	member = factories.member(town.old_union, town.old_unit, member_name="转接函会员")
	doc = transfer(member, town.new_union, town.new_unit)
	doc.submit()
	letter = frappe.get_print("Membership Transfer", doc.name, print_format="Membership Transfer Letter")
	assert "工会会员会籍转接函" in letter and "转接函会员" in letter and "请予接收" in letter
	assert town.new_union in letter and "回执" in letter
	card = frappe.get_print("Union Member", member, print_format="Member Card")
	township = frappe.db.get_value("Village", town.village, "township")
	assert f"{township}总工会" in card and "发证" in card
