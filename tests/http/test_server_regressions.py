"""Server-side defects of issue 9 found through REST, each checked through real HTTP."""

import json
import threading

import frappe
import pytest

from tests import factories
from tests.http.conftest import SiteClient
from tests.http.conftest import server_messages as messages
from tests.http.world import PASSWORD, build_world, grant, make_user

ROW_FIELD = {  # one plain column of each child table a scoped user may add to Report View
	"Trade Union Unit": "enterprise",
	"Trade Union Officer": "person_name",
	"Enterprise Person": "person_name",
	"Enterprise Relative": "person_name",
	"Organizer Assignment": "enterprise",
	"Organizer Training": "topic",
	"Organizer Assessment": "result",
	"Election Candidate": "person_name",
	"Enrollment Row": "member_name",
	"Assessment Metric": "metric",
	"Collective Contract Unit": "enterprise",
	"Union Funds Payment": "year",
	"Staff Census": "counted_on",
	"Campaign Target": "village",
}


@pytest.fixture(scope="module")
def world(site):
	world = build_world()
	# Chinese-speaking accounts: what a clerk has.
	for role, scope in (
		("Gongjian Manager", {}),
		("Village User", {"villages": [{"village": world["A"]["Village"]}]}),
	):
		user = make_user("zh" + role.split()[-1].lower())
		frappe.db.set_value("User", user, "language", "zh")
		grant(user, role, **scope)
		world["users"][f"zh {role}"] = user
	frappe.db.commit()
	return world


def signed_in(server, site, world, role):
	client = SiteClient(server, site)
	assert client.login(world["users"][role], PASSWORD).status_code == 200
	return client


@pytest.fixture(scope="module")
def manager(server, site, world):
	with signed_in(server, site, world, "zh Gongjian Manager") as client:
		yield client


@pytest.fixture(scope="module")
def village_user(server, site, world):
	with signed_in(server, site, world, "zh Village User") as client:
		yield client


# ---- item 1: the raw-SQL guard refuses SQL, not Frappe's own calls ----


def test_desk_get_value_by_name_is_answered(manager):
	response = manager.get(
		"/api/method/frappe.client.get_value",
		params={"doctype": "Report", "fieldname": "ref_doctype", "filters": "Semiannual Survey"},
	)
	assert response.status_code == 200, response.text[:300]
	assert response.json()["message"]["ref_doctype"]


def test_count_by_name_is_answered(manager, world):
	name = world["A"]["Enterprise"]
	response = manager.get(
		"/api/method/frappe.client.get_count", params={"doctype": "Enterprise", "filters": name}
	)
	assert response.status_code == 200, response.text[:300]
	assert response.json()["message"] == 1


def test_workspace_counts_its_shortcuts_the_settings_record_too(manager, village_user):
	"""Frappe 15.7x and later count every DocType shortcut of the workspace, Gongjian Settings too."""
	count = "/api/method/frappe.desk.reportview.get_count"
	settings = manager.post(count, data={"doctype": "Gongjian Settings", "filters": "[]", "fields": "[]"})
	assert settings.status_code == 200, settings.text[:300]
	assert settings.json()["message"] == 1
	assert village_user.post(count, data={"doctype": "Gongjian Settings", "filters": "[]"}).status_code == 403
	units = village_user.post(count, data={"doctype": "Enterprise", "filters": "[]", "fields": "[]"})
	assert units.status_code == 200, units.text[:300]
	listed = village_user.get(
		"/api/method/frappe.client.get_list", params={"doctype": "Enterprise", "limit_page_length": 0}
	)
	assert 0 < units.json()["message"] == len(listed.json()["message"])


@pytest.mark.parametrize(
	"method, params",
	[
		(
			"frappe.client.get_value",
			{"doctype": "Enterprise", "fieldname": "name", "filters": '["1=1 or 1=1"]'},
		),
		("frappe.client.get_list", {"doctype": "Enterprise", "filters": "1=1 or 1=1"}),
		("frappe.client.get_list", {"doctype": "Enterprise", "filters": '"1=1 or 1=1"'}),
		("frappe.desk.reportview.get", {"doctype": "Enterprise", "fields": '["name"]', "filters": "1=1"}),
		(
			"frappe.desk.reportview.get_stats",
			{"doctype": "Enterprise", "stats": '["name"]', "filters": '["1=1"]'},
		),
	],
)
def test_raw_sql_filters_are_refused(village_user, method, params):
	assert village_user.get(f"/api/method/{method}", params=params).status_code == 403


def test_raw_sql_through_the_old_cmd_door_is_refused(village_user, world):
	response = village_user.post(
		"/",
		data={
			"cmd": "frappe.desk.reportview.get_stats",
			"doctype": "Enterprise",
			"stats": '["village"]',
			"filters": '["1=1 or 1=1"]',
		},
	)
	assert response.status_code == 403
	assert world["B"]["Village"] not in response.text


# ---- item 4: Report View with child-table columns, for scoped users ----


def test_report_view_with_child_columns_for_every_scoped_doctype(village_user, world):
	from gongjian.overrides import ROWS_FILTERED_BY_READER
	from gongjian.scoped_doctypes import SCOPED_DOCTYPES

	checked = 0
	for doctype in sorted(SCOPED_DOCTYPES):
		if not frappe.has_permission(doctype, "read", user=world["users"]["zh Village User"]):
			continue
		for table in frappe.get_meta(doctype).get_table_fields():
			child = table.options
			response = village_user.post(
				"/api/method/frappe.desk.reportview.get",
				data={
					"doctype": doctype,
					"fields": json.dumps([f"`tab{doctype}`.`name`", f"`tab{child}`.`{ROW_FIELD[child]}`"]),
					"filters": "[]",
					"page_length": 20,
					"view": "Report",
				},
			)
			if child in ROWS_FILTERED_BY_READER:  # the rows a form shows filtered: refused as columns
				assert response.status_code == 403, f"{doctype} / {child}: {response.text[:300]}"
				continue
			assert response.status_code == 200, f"{doctype} / {child}: {response.text[:300]}"
			names = {row[0] for row in response.json()["message"]["values"]}
			assert world["B"].get(doctype) not in names, f"{doctype}: village B leaks"
			checked += 1
	assert checked >= 6


# ---- item 8: no tracebacks to users ----


def test_errors_reach_users_without_traceback(village_user, world):
	response = village_user.post(
		"/api/resource/Union Member",
		json={
			"member_name": "错证",
			"id_number": "110105194912310021",
			"union": world["A"]["Trade Union"],
			"village": world["A"]["Village"],
		},
	)
	assert 400 <= response.status_code < 500, response.text[:300]
	assert "exc" not in response.json()
	assert "Traceback" not in response.text
	assert "身份证" in messages(response) or "校验" in messages(response)


# ---- items 10 and 12: membership transfers through REST ----


def test_transfer_created_and_submitted_in_one_call_records_its_origin(manager, world):
	member = factories.member(world["A"]["Trade Union"], world["A"]["Enterprise"], member_name="一步转出")
	frappe.db.commit()
	response = manager.post(
		"/api/resource/Membership Transfer",
		json={
			"member": member,
			"reason": "Job Transfer",
			"destination": "Retain Membership",
			"to_union": world["home"],
			"docstatus": 1,
		},
	)
	assert response.status_code == 200, response.text[:300]
	data = response.json()["data"]
	assert (data["from_union"], data["from_employer"]) == (
		world["A"]["Trade Union"],
		world["A"]["Enterprise"],
	)


def test_retained_membership_goes_to_the_township_members_home_by_default(manager, world):
	member = factories.member(world["A"]["Trade Union"], world["A"]["Enterprise"], member_name="保留会籍")
	frappe.db.commit()
	response = manager.post(
		"/api/resource/Membership Transfer",
		json={"member": member, "reason": "Bankruptcy", "destination": "Retain Membership"},
	)
	assert response.status_code == 200, response.text[:300]
	assert response.json()["data"]["to_union"] == world["home"]
	suggested = manager.get(
		"/api/method/gongjian.gongjian.doctype.membership_transfer.membership_transfer.retaining_union",
		params={"member": member},
	).json()["message"]
	assert suggested == world["home"]


def test_retained_membership_without_a_members_home_asks_for_the_union(manager, world):
	village = factories.village()  # a new township: no Members' Home
	unit = factories.enterprise(village, staff=30)
	union = factories.union("Base Union Committee", village, [unit])
	member = factories.member(union, unit, member_name="无家可归")
	frappe.db.commit()
	response = manager.post(
		"/api/resource/Membership Transfer",
		json={"member": member, "reason": "Bankruptcy", "destination": "Retain Membership"},
	)
	assert response.status_code == 417, response.text[:300]
	text = messages(response)
	assert "保留会籍" in text and "会员之家" in text, text
	assert "当前" not in text  # not "the destination is the member's current union and employer"


# ---- item 13: two identical enrollment batches at the same time ----


def test_identical_batches_sent_together_each_get_per_row_answers(server, site, world):
	a = world["A"]
	rows = [
		{"member_name": f"同时{i}", "id_number": factories.resident_id(), "employment_kind": "1"}
		for i in range(20)
	]
	results = [None, None]

	def send(slot):
		with signed_in(server, site, world, "zh Village User") as client:
			results[slot] = client.post(
				"/api/method/gongjian.enrollment.enroll",
				data={"union": a["Trade Union"], "village": a["Village"], "rows": json.dumps(rows)},
			)

	threads = [threading.Thread(target=send, args=(slot,)) for slot in range(2)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	for response in results:
		assert response.status_code == 200, response.text[:400]
	outcomes = sorted({row["status"] for row in r.json()["message"]["rows"]}.pop() for r in results)
	assert outcomes == ["Already Enrolled", "Enrolled"]
	frappe.db.rollback()
	ids = [row["id_number"] for row in rows]
	assert sum(factories.id_registered("Union Member", number) for number in ids) == len(ids)


# ---- item 14: bad input on an Enterprise ----


@pytest.mark.parametrize(
	"field, value",
	[
		("staff_total", "abc"),
		("founded_on", "2026-02-30"),
		("founded_on", "2099-01-01"),
		("village", "不存在村"),
	],
)
def test_bad_enterprise_input_is_refused_in_chinese(manager, world, field, value):
	name = factories.unique("坏数据企业")
	response = manager.post(
		"/api/resource/Enterprise",
		json={
			"enterprise_name": name,
			"category": "Non-public Enterprise",
			"village": world["A"]["Village"],
			"staff_total": 10,
			field: value,
		},
	)
	assert response.status_code == 417, response.text[:300]
	assert any("\u4e00" <= ch <= "\u9fff" for ch in messages(response)), messages(response)
	frappe.db.rollback()
	assert not frappe.db.exists("Enterprise", {"enterprise_name": name})


# ---- item 19: what the login page loads, a guest gets ----


def test_guest_gets_the_login_pages_website_script(client):
	assert client.get("/website_script.js").status_code == 200
	assert client.get("/api/resource/Enterprise").status_code == 403
