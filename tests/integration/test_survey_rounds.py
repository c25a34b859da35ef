"""半年一摸底 as a process (issue 12): a round assigns every village, a village confirms and freezes its
Assessment, the town sends back and closes, and overdue villages are reminded."""

import frappe
import pytest
from frappe.utils import add_days, today

from gongjian.exceptions import GongjianValidationError
from gongjian.survey import close_round, confirm_task, remind_overdue, send_back
from tests import factories
from tests.integration.test_reviews import scoped_user


@pytest.fixture
def township_of_two():
	township = factories.township()
	villages = [factories.village(township_name=township) for _ in range(2)]
	for village in villages:
		factories.enterprise(village, staff=30)
	users = [scoped_user(village) for village in villages]
	return frappe._dict(township=township, villages=villages, users=users)


def open_round(township, period="2026-H2", deadline=None):
	return frappe.get_doc(
		{
			"doctype": "Survey Round",
			"township": township,
			"period": period,
			"deadline": deadline or add_days(today(), 14),
			"instructions": "核对本村单位、职工和会员数据后确认",
		}
	).insert()


def test_a_round_assigns_every_village_and_tells_its_users(township_of_two):
	survey_round = open_round(township_of_two.township)
	tasks = frappe.get_all(
		"Survey Task", filters={"survey_round": survey_round.name}, fields=["name", "village", "status"]
	)
	assert sorted(t.village for t in tasks) == sorted(township_of_two.villages)
	assert {t.status for t in tasks} == {"Awaiting Confirmation"}
	for village, user in zip(township_of_two.villages, township_of_two.users, strict=True):
		task = f"{village}2026-H2摸底"
		assert frappe.db.exists("ToDo", {"allocated_to": user, "reference_name": task, "status": "Open"})
		assert frappe.db.exists("Notification Log", {"for_user": user, "document_name": task})
	with pytest.raises(frappe.DuplicateEntryError):
		open_round(township_of_two.township)  # one round per township and period


def test_a_village_confirms_its_own_task_and_freezes_its_assessment(township_of_two):
	survey_round = open_round(township_of_two.township)
	mine, theirs = (f"{v}2026-H2摸底" for v in township_of_two.villages)
	frappe.set_user(township_of_two.users[0])
	with pytest.raises(frappe.PermissionError):
		confirm_task(theirs)
	result = confirm_task(mine, note="已核对")
	assessment = frappe.get_doc("Assessment", result["assessment"])
	assert (assessment.docstatus, assessment.village, assessment.period) == (
		1,
		township_of_two.villages[0],
		"2026-H2",
	)
	assert {m.metric for m in assessment.metrics}  # frozen figures
	task = frappe.get_doc("Survey Task", mine)
	assert (task.status, task.confirmed_by) == ("Confirmed", township_of_two.users[0])
	assert not frappe.db.exists("ToDo", {"reference_name": mine, "status": "Open"})
	with pytest.raises(GongjianValidationError):
		confirm_task(mine)
	# The village cannot mark its task confirmed by hand.
	frappe.set_user("Administrator")
	other = frappe.get_doc("Survey Task", theirs)
	frappe.set_user(township_of_two.users[1])
	other.status = "Confirmed"
	with pytest.raises(GongjianValidationError):
		other.save()
	frappe.set_user(township_of_two.users[0])
	# and it cannot send back or close the round
	with pytest.raises(frappe.PermissionError):
		send_back(mine, "重新核对")
	with pytest.raises(frappe.PermissionError):
		close_round(survey_round.name)


def test_the_town_sends_back_and_closes_when_all_have_confirmed(township_of_two):
	survey_round = open_round(township_of_two.township)
	first, second = (f"{v}2026-H2摸底" for v in township_of_two.villages)
	frozen = confirm_task(first)["assessment"]
	with pytest.raises(GongjianValidationError):
		send_back(first, " ")  # a reason is needed
	send_back(first, "职工人数与上期差异过大，请核实")
	assert frappe.db.get_value("Assessment", frozen, "docstatus") == 2
	task = frappe.get_doc("Survey Task", first)
	assert (task.status, task.return_comment) == ("Sent Back", "职工人数与上期差异过大，请核实")
	assert frappe.db.exists("ToDo", {"reference_name": first, "status": "Open"})
	with pytest.raises(GongjianValidationError, match=township_of_two.villages[0]):
		close_round(survey_round.name)
	confirm_task(first)
	confirm_task(second)
	result = close_round(survey_round.name)
	township_assessment = frappe.get_doc("Assessment", result["assessment"])
	assert (township_assessment.docstatus, township_assessment.scope) == (1, "Township")
	with pytest.raises(GongjianValidationError):
		confirm_task(second)  # confirmed already; and the round is closed


def test_overdue_villages_and_the_managers_are_reminded_once_a_day(township_of_two):
	survey_round = open_round(township_of_two.township)
	first, second = (f"{v}2026-H2摸底" for v in township_of_two.villages)
	confirm_task(first)
	frappe.db.set_value("Survey Task", second, "deadline", add_days(today(), -1))
	manager = scoped_manager()
	town_and_late = (township_of_two.users[1], manager)

	def notices(user, task):
		return frappe.db.count("Notification Log", {"for_user": user, "document_name": task})

	before = {user: notices(user, second) for user in town_and_late}
	assert remind_overdue() == 1
	assert remind_overdue() == 0  # once a day
	assert {user: notices(user, second) for user in town_and_late} == {u: n + 1 for u, n in before.items()}
	assert notices(township_of_two.users[0], first) == 1  # the village that confirmed: its assignment only
	assert frappe.db.get_value("Survey Task", second, "last_reminded_on") == frappe.utils.getdate()
	assert survey_round.status == "In Progress"


def scoped_manager() -> str:
	email = f"{factories.unique('manager')}@example.com"
	frappe.get_doc({"doctype": "User", "email": email, "first_name": "镇", "send_welcome_email": 0}).insert()
	frappe.get_doc({"doctype": "Gongjian User Scope", "user": email, "role": "Gongjian Manager"}).insert()
	return email


def test_a_round_needs_a_period_and_a_deadline_to_come(township_of_two):
	with pytest.raises(frappe.ValidationError):
		open_round(township_of_two.township, period="2026-H3")
	with pytest.raises(GongjianValidationError):
		open_round(township_of_two.township, deadline=add_days(today(), -1))
	assert not frappe.db.exists("Survey Task", {"township": township_of_two.township})
