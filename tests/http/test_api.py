import frappe
import pytest

from tests import factories

PASSWORD = "Gongjian-Test-2026!"


@pytest.fixture(scope="module")
def town(site):
	"""Committed records the server can see: a manager, a unit breaking R01 and a covered one."""
	village = factories.village()
	bare = factories.enterprise(village, staff=30)
	covered = factories.enterprise(village, staff=30)
	factories.union("Base Union Committee", village, [covered])
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": f"{factories.unique('manager')}@example.com",
			"first_name": "镇总工会",
			"send_welcome_email": 0,
			"new_password": PASSWORD,
			"roles": [{"role": "Gongjian Manager"}],
		}
	).insert()
	frappe.db.commit()  # the server reads from its own connection; the test site is recreated each run
	return {"village": village, "bare": bare, "covered": covered, "user": user.name}


def test_login_read_enterprises_and_call_compliance(client, town):
	response = client.login(town["user"], PASSWORD)
	assert response.status_code == 200, response.text

	listing = client.get(
		"/api/resource/Enterprise",
		params={
			"filters": frappe.as_json([["village", "=", town["village"]]]),
			"fields": '["name","staff_total"]',
		},
	)
	assert listing.status_code == 200, listing.text
	assert {row["name"] for row in listing.json()["data"]} == {town["bare"], town["covered"]}

	result = client.get(
		"/api/method/gongjian.api.compliance", params={"village": town["village"], "rule": "R01"}
	)
	assert result.status_code == 200, result.text
	rows = result.json()["message"]
	assert [(row["rule"], row["unit"]) for row in rows] == [("R01", town["bare"])]


def test_guest_gets_no_enterprises_and_no_compliance(client, town):
	assert client.get("/api/resource/Enterprise").status_code == 403
	assert client.get("/api/method/gongjian.api.compliance").status_code == 403


def test_wrong_password_is_refused(client, town):
	assert client.login(town["user"], "wrong").status_code == 401
