"""Festival campaigns (集中入会行动, issue 14, gongjian/campaigns.py), over real HTTP: a campaign's
period and village targets; the members who joined during it by application, batch or at the source
count, others do not; each user sees the progress of their own villages; only the town plans one."""

import json

import frappe
import pytest
from frappe.utils import add_days, today

from tests import factories
from tests.http.conftest import SiteClient, server_messages
from tests.http.world import PASSWORD, grant, make_user


@pytest.fixture(scope="module")
def campaign(site):
	township = factories.township()
	village, other = factories.village(township_name=township), factories.village(township_name=township)
	unit, other_unit = factories.enterprise(village), factories.enterprise(other)
	union = factories.union("Base Union Committee", village, [unit])
	other_union = factories.union("Base Union Committee", other, [other_unit])
	doc = frappe.get_doc(
		{
			"doctype": "Enrollment Campaign",
			"campaign_name": factories.unique("春节返乡入会行动"),
			"township": township,
			"start_date": add_days(today(), -10),
			"end_date": add_days(today(), 30),
			"targets": [{"village": village, "target": 4}, {"village": other, "target": 2}],
		}
	).insert()
	batch = frappe.get_doc(
		{
			"doctype": "Enrollment Batch",
			"title": "返乡入会",
			"union": union,
			"village": village,
			"joined_on": today(),
			"rows": [{"member_name": "返乡一", "id_number": factories.resident_id(), "employment_kind": "2"}],
		}
	).insert()
	batch.submit()
	factories.member(union, unit, join_channel="At Source", joined_on=today())  # counts
	factories.member(union, unit, join_channel="At Employer", joined_on=today())  # typed in: not counted
	factories.member(union, unit, join_channel="At Source", joined_on=add_days(today(), -40))  # before
	mistake = frappe.get_doc(
		"Union Member", factories.member(union, unit, join_channel="At Source", joined_on=today())
	)
	mistake.update({"status": "Withdrawn", "exit_reason": "Registered by Mistake", "exit_on": today()})
	mistake.save()
	factories.member(other_union, other_unit, join_channel="At Destination", joined_on=today())
	frappe.get_doc(
		{
			"doctype": "Membership Application",
			"applicant_name": "待批",
			"id_number": factories.resident_id(),
			"phone": "13700000000",
			"employment_kind": "Formal",
			"union": union,
			"employer": unit,
		}
	).insert()
	clerk, manager = make_user("campclerk"), make_user("campmanager")
	grant(clerk, "Village User", villages=[{"village": village}])
	grant(manager, "Gongjian Manager")
	frappe.db.commit()
	return frappe._dict(
		name=doc.name, township=township, village=village, other=other, clerk=clerk, manager=manager
	)


def progress(server, site, user, filters=None) -> dict:
	with SiteClient(server, site) as session:
		assert session.login(user, PASSWORD).ok
		response = session.post(
			"/api/method/frappe.desk.query_report.run",
			data={"report_name": "Campaign Progress", "filters": json.dumps(filters or {})},
		)
		assert response.ok, server_messages(response)
		return response.json()["message"]


def by_village(result: dict) -> dict:
	return {row["village"]: row for row in result["result"]}


def test_the_town_sees_every_villages_progress_and_the_total(server, site, campaign):
	rows = by_village(progress(server, site, campaign.manager, {"campaign": campaign.name}))
	mine = rows[campaign.village]
	# the batch's member and the source enrollment; not the one typed in, before, or by mistake
	assert (mine["target"], mine["joined"], mine["remaining"], mine["rate"]) == (4, 2, 2, 50.0)
	assert mine["awaiting_approval"] == 1
	assert (rows[campaign.other]["joined"], rows[campaign.other]["rate"]) == (1, 50.0)
	total = rows["合计"]
	assert (total["target"], total["joined"], total["rate"]) == (6, 3, 50.0)


def test_a_village_clerk_sees_only_their_village(server, site, campaign):
	result = progress(server, site, campaign.clerk, {"campaign": campaign.name})
	rows = by_village(result)
	assert set(rows) == {campaign.village, "合计"} and rows["合计"]["target"] == 4
	assert campaign.other not in json.dumps(result, ensure_ascii=False)


def test_without_a_filter_the_campaign_under_way_is_shown(server, site, campaign):
	result = progress(server, site, campaign.clerk)
	assert campaign.village in by_village(result) and "春节返乡入会行动" in (result.get("message") or "")


def test_an_approved_application_counts(client, server, site, campaign):
	from gongjian.join import join_token

	# fields, not pluck: Frappe's SQL guard refuses " Union " in a plucked column
	union = frappe.get_all("Trade Union", filters={"village": campaign.village}, fields=["name"])[0].name
	frappe.db.set_value("Trade Union", union, "join_key", "campaign-key")
	frappe.db.commit()
	unit = frappe.get_all("Trade Union Unit", filters={"parent": union}, fields=["enterprise"])[0].enterprise
	applied = client.post(
		"/api/method/gongjian.join.apply",
		data={
			"token": join_token(union, "campaign-key"),
			"applicant_name": "返乡二",
			"id_number": factories.resident_id(),
			"phone": "13700000001",
			"employment_kind": "Migrant Worker",
			"employer": unit,
			"consent": "1",
		},
		headers={"X-Forwarded-For": "198.51.100.77"},
	)
	assert applied.ok, server_messages(applied)
	before = by_village(progress(server, site, campaign.clerk, {"campaign": campaign.name}))[campaign.village]
	with SiteClient(server, site) as clerk:
		assert clerk.login(campaign.clerk, PASSWORD).ok
		name = applied.json()["message"]["application"]
		assert clerk.post("/api/method/gongjian.join.approve", data={"names": name}).ok
	after = by_village(progress(server, site, campaign.clerk, {"campaign": campaign.name}))[campaign.village]
	assert after["joined"] == before["joined"] + 1
	assert after["awaiting_approval"] == before["awaiting_approval"] - 1


def test_only_the_town_plans_a_campaign(server, site, campaign):
	values = {
		"doctype": "Enrollment Campaign",
		"campaign_name": factories.unique("村里自定行动"),
		"township": campaign.township,
		"start_date": today(),
		"end_date": add_days(today(), 10),
		"targets": [{"village": campaign.village, "target": 100}],
	}
	with SiteClient(server, site) as clerk:
		assert clerk.login(campaign.clerk, PASSWORD).ok
		assert clerk.post("/api/resource/Enrollment Campaign", json=values).status_code == 403
		changed = clerk.put(
			f"/api/resource/Enrollment Campaign/{campaign.name}", json={"end_date": add_days(today(), 99)}
		)
		assert changed.status_code == 403


@pytest.mark.parametrize(
	"change, said",
	[
		({"end_date": "2026-01-01", "start_date": "2026-02-01"}, "结束日期"),
		({"targets": [{"village": "other-township", "target": 3}]}, "不是"),
		({"targets": "twice"}, "已设定目标"),
	],
)
def test_a_bad_campaign_is_refused_in_chinese(server, site, campaign, change, said):
	other_township_village = factories.village()
	frappe.db.commit()
	values = {
		"doctype": "Enrollment Campaign",
		"campaign_name": factories.unique("行动"),
		"township": campaign.township,
		"start_date": today(),
		"end_date": add_days(today(), 10),
		"targets": [{"village": campaign.village, "target": 1}],
		**change,
	}
	if change.get("targets") == "twice":
		values["targets"] = [
			{"village": campaign.village, "target": 1},
			{"village": campaign.village, "target": 2},
		]
	elif change.get("targets"):
		values["targets"] = [{"village": other_township_village, "target": 3}]
	with SiteClient(server, site) as manager:
		assert manager.login(campaign.manager, PASSWORD).ok
		response = manager.post("/api/resource/Enrollment Campaign", json=values)
		assert response.status_code == 417 and said in server_messages(response), server_messages(response)


def test_another_townships_campaign_and_a_missing_one_get_the_same_answer(server, site, campaign):
	other = frappe.get_doc(
		{
			"doctype": "Enrollment Campaign",
			"campaign_name": factories.unique("外镇行动"),
			"township": factories.township(),
			"start_date": today(),
			"end_date": add_days(today(), 10),
		}
	).insert()
	frappe.db.commit()
	hidden = progress(server, site, campaign.clerk, {"campaign": other.name})
	missing = progress(server, site, campaign.clerk, {"campaign": "没有这个行动"})
	assert hidden["result"] == missing["result"] == [] and hidden["message"] == missing["message"]
	assert hidden["message"] and other.name not in hidden["message"]
	assert progress(server, site, campaign.manager, {"campaign": other.name})["message"] != hidden["message"]
