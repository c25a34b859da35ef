"""Forms show their record's open warnings and related records (issue 9, item 15), within scope; 合规预警
names each rule beside its code and links each finding to its record."""

import json
import re

import pytest

from tests.http.conftest import SiteClient, server_messages
from tests.http.world import PASSWORD, build_world

OVERVIEW = "/api/method/gongjian.api.record_overview"


@pytest.fixture(scope="module")
def world(site):
	return build_world()


def overview(client, doctype, name):
	return client.get(OVERVIEW, params={"doctype": doctype, "name": name})


def logged_in(server, site, world, role):
	client = SiteClient(server, site)
	assert client.login(world["users"][role], PASSWORD).ok
	return client


def test_each_form_shows_the_warnings_of_its_units_and_links_to_unions_and_members(server, site, world):
	a = world["A"]
	with logged_in(server, site, world, "Village User") as client:
		unit = overview(client, "Enterprise", a["Enterprise"]).json()["message"]
		# A1 has 30 staff and a union but no democratic systems recorded: R17 at least.
		assert "R17" in {w["rule"] for w in unit["warnings"]}
		for warning in unit["warnings"]:
			assert warning["unit"] == a["Enterprise"] and warning["message"] and warning["action"]
			assert warning["rule_title"].startswith(warning["rule"] + " ")
		assert [u["name"] for u in unit["unions"]] == [a["Trade Union"]]
		assert unit["members"] == 1 and unit["member_filter"] == "employer"

		union = overview(client, "Trade Union", a["Trade Union"]).json()["message"]
		assert {w["rule"] for w in union["warnings"]} == {w["rule"] for w in unit["warnings"]}
		assert union["members"] == 1 and union["member_filter"] == "union"

		member = overview(client, "Union Member", a["Union Member"]).json()["message"]
		assert {w["unit"] for w in member["warnings"]} == {a["Enterprise"]}
		assert member["members"] is None


@pytest.mark.parametrize("role", ["Village User", "Enterprise User", "Union Organizer"])
def test_another_villages_records_give_no_overview(server, site, world, role):
	b = world["B"]
	with logged_in(server, site, world, role) as client:
		for doctype in ("Enterprise", "Trade Union", "Union Member"):
			answer = overview(client, doctype, b[doctype])
			assert answer.status_code == 403, (doctype, answer.status_code, answer.text[:200])
			assert b["Enterprise"] not in answer.text


def test_an_overview_of_another_doctype_is_refused_in_chinese(server, site, world):
	with logged_in(server, site, world, "Gongjian Manager") as client:
		answer = overview(client, "User", "Administrator")
		assert answer.status_code == 417
		assert "没有概览" in server_messages(answer) and "Traceback" not in answer.text


def test_compliance_report_names_rules_and_links_each_finding_to_its_record(server, site, world):
	with logged_in(server, site, world, "Gongjian Manager") as client:
		answer = client.post(
			"/api/method/frappe.desk.query_report.run",
			data={
				"report_name": "Compliance Warnings",
				"filters": json.dumps({"village": world["A"]["Village"]}),
			},
		)
		assert answer.ok, answer.text[:300]
		result = answer.json()["message"]
		rows = result["result"]
		assert rows and all(row["unit_doctype"] for row in rows)
		unit_rows = [row for row in rows if row["unit"] == world["A"]["Enterprise"]]
		assert unit_rows and all(row["unit_doctype"] == "Enterprise" for row in unit_rows)
		assert all(row["rule"][:1] == "R" and " " in row["rule"] for row in rows)
		labels = result["chart"]["data"]["labels"]
		assert labels and all(re.fullmatch(r"R\d\d[\u4e00-\u9fff]+", label) for label in labels), labels
		village_rows = [row for row in rows if row["unit"] == world["A"]["Village"]]
		assert all(row["unit_doctype"] == "Village" for row in village_rows)
