"""个人信息保护法 (issue 14, gongjian/personal_data.py), over real HTTP: ID numbers and phones show
masked on every door (REST, lists, report view, export, search, print, form load); a form saved as shown
keeps the number, a masked number that is not the kept one is refused; the whole numbers are seen only
on purpose, by who may change the record, and logged; the real-name roster is the town manager's, and
logged too."""

import csv
import io
import json

import frappe
import openpyxl
import pytest

from gongjian.personal_data import full_value, identity_key
from gongjian.rules.identifiers import id_check_char, mask_id_number, mask_phone
from tests import factories
from tests.http.conftest import server_messages, signed_in
from tests.http.world import grant, make_user

PHONE = "13912340017"


def new_id(seed: int) -> str:
	first17 = f"5101041988{seed % 12 + 1:02d}{seed % 28 + 1:02d}{seed % 1000:03d}"
	number = first17 + id_check_char(first17)
	while factories.id_registered("Union Member", number):
		seed += 7
		first17 = f"5101041988{seed % 12 + 1:02d}{seed % 28 + 1:02d}{seed % 1000:03d}"
		number = first17 + id_check_char(first17)
	return number


@pytest.fixture(scope="module")
def town(site):
	township = factories.township()
	village, other_village = (
		factories.village(township_name=township),
		factories.village(township_name=township),
	)
	unit, other_unit = factories.enterprise(village), factories.enterprise(other_village)
	union = factories.union("Base Union Committee", village, [unit])
	other_union = factories.union("Base Union Committee", other_village, [other_unit])
	clerk, other_clerk = make_user("piiclerk"), make_user("piiother")
	viewer, manager = make_user("piiviewer"), make_user("piimanager")
	grant(clerk, "Village User", villages=[{"village": village}])
	grant(other_clerk, "Village User", villages=[{"village": other_village}])
	grant(viewer, "Gongjian Viewer")
	grant(manager, "Gongjian Manager")
	frappe.db.commit()
	return frappe._dict(
		village=village,
		unit=unit,
		union=union,
		other_union=other_union,
		other_unit=other_unit,
		clerk=clerk,
		other_clerk=other_clerk,
		viewer=viewer,
		manager=manager,
	)


def new_member(clerk, town, number: str, name: str = "钱学明") -> str:
	response = clerk.post(
		"/api/resource/Union Member",
		json={
			"member_name": name,
			"id_number": number,
			"phone": PHONE,
			"union": town.union,
			"employer": town.unit,
			"employment_kind": "Formal",
		},
	)
	assert response.ok, server_messages(response)
	return response.json()["data"]["name"]


def test_every_door_shows_the_numbers_masked(server, site, town):
	number = new_id(1)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		frappe.db.rollback()
		assert full_value(frappe.get_doc("Union Member", name), "id_number") == number
		masked_id, masked_phone = mask_id_number(number), mask_phone(PHONE)
		name_filter = json.dumps([["Union Member", "name", "=", name]])
		asked = [
			"name",
			"id_number",
			"phone",
			"id_number_key",
			"id_number_secret",
			"phone_secret",
			"birth_date",
		]
		doors = {
			"resource get": clerk.get(f"/api/resource/Union Member/{name}"),
			"resource list": clerk.get(
				"/api/resource/Union Member", params={"fields": json.dumps(asked), "filters": name_filter}
			),
			"get_list": clerk.get(
				"/api/method/frappe.client.get_list",
				params={"doctype": "Union Member", "fields": json.dumps(asked), "filters": name_filter},
			),
			"get_value": clerk.get(
				"/api/method/frappe.client.get_value",
				params={"doctype": "Union Member", "fieldname": json.dumps(asked), "filters": name_filter},
			),
			"report view": clerk.get(
				"/api/method/frappe.desk.reportview.get",
				params={"doctype": "Union Member", "fields": json.dumps(asked), "filters": name_filter},
			),
			"form load": clerk.get(
				"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Union Member", "name": name}
			),
			"link search": clerk.get(
				"/api/method/frappe.desk.search.search_link",
				params={"doctype": "Union Member", "txt": "钱学明"},
			),
			"print": clerk.get(
				"/printview", params={"doctype": "Union Member", "name": name, "format": "Standard"}
			),
			"export": clerk.post(
				"/api/method/frappe.desk.reportview.export_query",
				data={
					"doctype": "Union Member",
					"file_format_type": "CSV",
					"fields": json.dumps([f"`tabUnion Member`.`{f}`" for f in asked]),
					"filters": name_filter,
				},
			),
			"save": clerk.put(f"/api/resource/Union Member/{name}", json={"hometown": "四川省成都市"}),
		}
		for door, response in doors.items():
			assert response.status_code == 200, (door, server_messages(response))
			text = response.content.decode("utf-8-sig")
			assert number not in text and PHONE not in text, door
			assert number[6:14] not in text.replace(name, ""), door  # the birth date neither
			assert "gAAAA" not in text and identity_key("id", number) not in text, door
		assert masked_id in doors["resource get"].text and masked_phone in doors["resource get"].text
		assert masked_id in doors["export"].content.decode("utf-8-sig")
		exported = list(csv.reader(io.StringIO(doors["export"].content.decode("utf-8-sig"))))
		assert masked_id in exported[1]
		assert any(
			masked_id in (row.get("description") or "") for row in doors["link search"].json()["message"]
		)


def test_a_form_saved_as_shown_keeps_its_numbers(server, site, town):
	number = new_id(2)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		shown = clerk.get(f"/api/resource/Union Member/{name}").json()["data"]
		shown["hometown"] = "贵州省遵义市"
		saved = clerk.put(f"/api/resource/Union Member/{name}", json=shown)
		assert saved.ok, server_messages(saved)
	frappe.db.rollback()
	doc = frappe.get_doc("Union Member", name)
	assert (full_value(doc, "id_number"), full_value(doc, "phone"), doc.hometown) == (
		number,
		PHONE,
		"贵州省遵义市",
	)
	assert doc.id_number_key == identity_key("id", number)


def test_a_masked_number_stands_only_for_the_one_kept(server, site, town):
	number, other = new_id(3), new_id(4)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		modified = frappe.db.get_value("Union Member", name, "modified")
		for wrong in (mask_id_number(other), "510104********0000"):
			refused = clerk.put(f"/api/resource/Union Member/{name}", json={"id_number": wrong})
			assert refused.status_code == 417 and "请输入完整号码" in server_messages(refused)
		created = clerk.post(
			"/api/resource/Union Member",
			json={
				"member_name": "孙某",
				"id_number": mask_id_number(other),
				"union": town.union,
				"employer": town.unit,
				"employment_kind": "Formal",
			},
		)
		assert created.status_code == 417 and "请输入完整号码" in server_messages(created)
		# a whole number typed over it is taken, checked and masked again
		changed = clerk.put(f"/api/resource/Union Member/{name}", json={"id_number": other})
		assert changed.ok and changed.json()["data"]["id_number"] == mask_id_number(other)
		# and the same person cannot be registered twice, although both are kept masked
		again = clerk.post(
			"/api/resource/Union Member",
			json={
				"member_name": "孙某",
				"id_number": other.lower(),
				"union": town.union,
				"employer": town.unit,
				"employment_kind": "Formal",
			},
		)
		assert again.status_code == 417 and "已" in server_messages(again)
	frappe.db.rollback()
	assert frappe.db.get_value("Union Member", name, "modified") != modified
	assert full_value(frappe.get_doc("Union Member", name), "id_number") == other
	assert not frappe.db.exists("Union Member", {"member_name": "孙某"})


def test_whole_numbers_are_seen_on_purpose_by_who_may_change_the_record_and_logged(server, site, town):
	number = new_id(5)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		shown = clerk.post(
			"/api/method/gongjian.personal_data.reveal", data={"doctype": "Union Member", "name": name}
		)
		assert shown.ok and shown.json()["message"] == {"id_number": number, "phone": PHONE}
		assert clerk.get("/api/resource/Personal Data Access Log").status_code == 403
	refusals = set()
	for user in (town.viewer, town.other_clerk):
		with signed_in(server, site, user) as other:
			for target in (name, "HY-999999"):
				response = other.post(
					"/api/method/gongjian.personal_data.reveal",
					data={"doctype": "Union Member", "name": target},
				)
				assert response.status_code == 403 and number not in response.text
				refusals.add(response.text)
			for doctype in ("Trade Union", "User"):
				response = other.post(
					"/api/method/gongjian.personal_data.reveal", data={"doctype": doctype, "name": town.union}
				)
				assert response.status_code == 403
	assert len(refusals) == 1  # one answer, for a record one may read but not change, another's, or none
	with signed_in(server, site, town.manager) as manager:
		log = manager.get(
			"/api/resource/Personal Data Access Log",
			params={
				"fields": json.dumps(
					["user", "action", "reference_doctype", "reference_name", "accessed_on"]
				),
				"filters": json.dumps([["reference_name", "=", name]]),
			},
		)
		assert log.ok
		rows = log.json()["data"]
		assert [(r["user"], r["action"], r["reference_doctype"]) for r in rows] == [
			(town.clerk, "Reveal", "Union Member")
		]
		assert rows[0]["accessed_on"]
		# the log is the server's record: nobody writes or deletes it over REST
		frappe.db.rollback()
		entry = frappe.get_all("Personal Data Access Log", filters={"reference_name": name}, pluck="name")[0]
		assert (
			manager.put(f"/api/resource/Personal Data Access Log/{entry}", json={"user": "x"}).status_code
			== 403
		)
		assert manager.delete(f"/api/resource/Personal Data Access Log/{entry}").status_code in (403, 417)
		assert (
			manager.post(
				"/api/resource/Personal Data Access Log",
				json={"user": town.manager, "action": "Reveal", "accessed_on": "2026-01-01 00:00:00"},
			).status_code
			== 403
		)


def test_the_real_name_roster_is_the_managers_and_logged(server, site, town):
	number = new_id(6)
	with signed_in(server, site, town.clerk) as clerk:
		new_member(clerk, town, number, name="冯实名")
		refused = clerk.post(
			"/api/method/gongjian.personal_data.export_roster", data={"village": town.village}
		)
		assert refused.status_code == 403 and number not in refused.text
	with signed_in(server, site, town.viewer) as viewer:
		assert viewer.post("/api/method/gongjian.personal_data.export_roster").status_code == 403
	with signed_in(server, site, town.manager) as manager:
		exported = manager.post(
			"/api/method/gongjian.personal_data.export_roster", data={"village": town.village}
		)
		assert exported.ok, server_messages(exported)
		sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
		rows = list(sheet.iter_rows(values_only=True))
		assert rows[0][:4] == ("会员", "会员姓名", "身份证号码", "电话")
		ours = [row for row in rows[1:] if row[1] == "冯实名"]
		assert ours and ours[0][2:4] == (number, PHONE)
		assert all(row[6] == town.village for row in rows[1:])
		# the manager's own list export stays masked: only the roster shows whole numbers
		listed = manager.post(
			"/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": "Union Member",
				"file_format_type": "CSV",
				"fields": json.dumps(["`tabUnion Member`.`id_number`"]),
				"filters": json.dumps([["Union Member", "member_name", "=", "冯实名"]]),
			},
		)
		assert listed.ok and number not in listed.text and mask_id_number(number) in listed.text
	frappe.db.rollback()
	logged = frappe.get_all(
		"Personal Data Access Log",
		filters={"user": town.manager, "action": "Roster Export"},
		fields=["record_count", "detail"],
	)
	assert len(logged) == 1 and logged[0].record_count == len(rows) - 1 and town.village in logged[0].detail


def test_a_whole_id_number_finds_its_member_among_those_one_may_see(server, site, town):
	number = new_id(7)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		found = clerk.get(
			"/api/method/gongjian.personal_data.find_member", params={"id_number": number.lower()}
		)
		assert found.ok and found.json()["message"] == name
	answers = set()
	with signed_in(server, site, town.other_clerk) as other:
		for typed in (number, new_id(8), mask_id_number(number), "x" * 40):
			response = other.get(
				"/api/method/gongjian.personal_data.find_member", params={"id_number": typed}
			)
			assert response.ok and response.json().get("message") is None
			answers.add(response.text)
	assert len(answers) == 1  # another village's member answers as nobody


def test_a_records_history_keeps_no_whole_number_or_birth_date(server, site, town):
	number, other = new_id(9), new_id(10)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		assert clerk.put(
			f"/api/resource/Union Member/{name}", json={"id_number": other, "phone": "13700001111"}
		).ok
		# the form's timeline, as the desk loads it with the record
		opened = clerk.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Union Member", "name": name}
		)
		versions = opened.json()["docinfo"]["versions"]
		assert opened.ok and versions, opened.text[:300]
		text = json.dumps(versions, ensure_ascii=False)
		assert mask_id_number(other) in text  # the change itself is on record, masked
		for whole in (number, other, "13700001111", PHONE, other[6:14], number[6:14]):
			assert whole not in text
		assert "gAAAA" not in text and "id_number_key" not in text and "birth_date" not in text


def test_no_list_is_filtered_or_sorted_by_what_one_may_not_read(server, site, town):
	"""A birth date found by bisection, or a digest read character by character, would give the
	whole number back."""
	number = new_id(11)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number)
		born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
		asks = [
			(
				"frappe.client.get_count",
				{"filters": json.dumps([["name", "=", name], ["birth_date", "<=", born]])},
			),
			("frappe.client.get_count", {"filters": json.dumps({"birth_date": born})}),
			("frappe.client.get_count", {"filters": json.dumps([["id_number_key", "like", "a%"]])}),
			(
				"frappe.desk.reportview.get",
				{
					"filters": json.dumps([["Union Member", "id_number_secret", "like", "g%"]]),
					"fields": '["name"]',
				},
			),
			(
				"frappe.desk.reportview.get",
				{"fields": '["name"]', "order_by": "`tabUnion Member`.birth_date asc"},
			),
			("frappe.client.get_list", {"fields": '["name"]', "or_filters": json.dumps({"phone_key": "x"})}),
		]
		for method, params in asks:
			response = clerk.get(f"/api/method/{method}", params={"doctype": "Union Member", **params})
			assert response.status_code == 403, (method, params, response.text[:200])
		listed = clerk.get(
			"/api/resource/Union Member", params={"filters": json.dumps([["birth_date", ">", "1900-01-01"]])}
		)
		assert listed.status_code == 403
		# officers' rows of a union everyone reads keep their numbers sealed too
		union = clerk.get(f"/api/resource/Trade Union/{town.union}")
		assert union.ok and "id_number_key" not in union.text and "gAAAA" not in union.text
		# the list's own filters and sorting still work
		assert clerk.get(
			"/api/method/frappe.client.get_count",
			params={"doctype": "Union Member", "filters": json.dumps({"member_name": "钱学明"})},
		).ok


def test_fields_the_server_sets_are_not_taken_from_the_request(server, site, town):
	with signed_in(server, site, town.clerk) as clerk:
		created = clerk.post(
			"/api/resource/Union Member",
			json={
				"member_name": "卫自选",
				"id_number": new_id(12),
				"union": town.union,
				"employer": town.unit,
				"employment_kind": "Formal",
				"card_number": "GH00000001",
				"website_user": town.viewer,
			},
		)
		assert created.ok, server_messages(created)
		member = created.json()["data"]
		assert member["card_number"] != "GH00000001" and not member.get("website_user")
		changed = clerk.put(
			f"/api/resource/Union Member/{member['name']}", json={"website_user": town.viewer}
		)
		assert changed.ok and not changed.json()["data"].get("website_user")


def test_an_uploaded_roster_is_downloaded_by_its_uploader_and_the_manager_only(server, site, town):
	neighbour = make_user("piineighbour")
	grant(neighbour, "Village User", villages=[{"village": town.village}])
	frappe.db.commit()
	with signed_in(server, site, town.clerk) as clerk:
		batch = clerk.post(
			"/api/resource/Enrollment Batch",
			json={"title": "花名册", "union": town.union, "village": town.village, "join_channel": "Batch"},
		)
		assert batch.ok, server_messages(batch)
		uploaded = clerk.post(
			"/api/method/upload_file",
			data={
				"doctype": "Enrollment Batch",
				"docname": batch.json()["data"]["name"],
				"fieldname": "roster",
				"is_private": 1,
			},
			files={"file": ("roster.csv", f"姓名,身份证号码\n甲,{new_id(13)}\n".encode(), "text/csv")},
		)
		assert uploaded.ok, server_messages(uploaded)
		url = uploaded.json()["message"]["file_url"]
		assert clerk.get(url).status_code == 200
	for user, allowed in ((neighbour, False), (town.viewer, False), (town.manager, True)):
		with signed_in(server, site, user) as reader:
			assert (reader.get(url).status_code == 200) == allowed, user


def test_a_translated_list_export_has_each_row_once_in_chinese(server, site, town):
	"""Frappe 15 wrote all rows so far again after each translated row, option values in English."""
	with signed_in(server, site, town.clerk) as clerk:
		names = [new_member(clerk, town, new_id(seed), name=f"褚导出{seed}") for seed in (14, 15, 16)]
		for file_format in ("CSV", "Excel"):
			exported = clerk.post(
				"/api/method/frappe.desk.reportview.export_query",
				data={
					"doctype": "Union Member",
					"file_format_type": file_format,
					"translate_values": "1",
					"fields": json.dumps(
						[
							"`tabUnion Member`.`name`",
							"`tabUnion Member`.`status`",
							"`tabUnion Member`.`id_number`",
						]
					),
					"filters": json.dumps([["Union Member", "name", "in", names]]),
				},
			)
			assert exported.ok, server_messages(exported)
			if file_format == "CSV":
				rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
			else:
				rows = [
					list(r)
					for r in openpyxl.load_workbook(io.BytesIO(exported.content)).active.iter_rows(
						values_only=True
					)
				]
			assert len(rows) == 1 + len(names), (file_format, rows)
			assert sorted(row[1] for row in rows[1:]) == sorted(names)
			assert {row[2] for row in rows[1:]} == {"会员"}, rows
			assert all("*" in row[3] for row in rows[1:])


def test_a_whole_id_number_typed_into_a_member_field_finds_the_member(server, site, town):
	number = new_id(17)
	with signed_in(server, site, town.clerk) as clerk:
		name = new_member(clerk, town, number, name="蒋链接")
		found = clerk.get(
			"/api/method/frappe.desk.search.search_link", params={"doctype": "Union Member", "txt": number}
		)
		assert found.ok and [row["value"] for row in found.json()["message"]] == [name]
	with signed_in(server, site, town.other_clerk) as other:
		found = other.get(
			"/api/method/frappe.desk.search.search_link", params={"doctype": "Union Member", "txt": number}
		)
		assert found.ok and found.json()["message"] == []


def test_id_numbers_typed_into_member_forms_are_counted_per_user_and_hour(server, site, town):
	"""Each save that gives a member a new ID number answers whether the township has it: past the
	hour's allowance the save is refused in Chinese, nothing saved; saves that keep the number go on."""
	from frappe.installer import update_site_config

	prober = make_user("piiprober")
	grant(prober, "Village User", villages=[{"village": town.village}])
	frappe.db.set_value("User", prober, "language", "zh")
	taken = new_id(31)
	with signed_in(server, site, town.clerk) as clerk:
		new_member(clerk, town, taken)
	frappe.db.commit()
	update_site_config("gongjian_id_lookups_per_hour", 3)
	try:
		with signed_in(server, site, prober) as client:

			def probe(number: str):
				member = {
					"member_name": "探号",
					"id_number": number,
					"union": town.union,
					"employer": town.unit,
				}
				return client.post("/api/resource/Union Member", json=member)

			own = new_member(client, town, new_id(32), "孙立")  # the first number typed
			for _attempt in range(2):  # the second and third: a number another member holds
				response = probe(taken)
				assert response.status_code == 417, response.text
			refused = probe(new_id(33))
			assert refused.status_code == 429, refused.text
			assert "一小时内录入的身份证号已超过3个" in server_messages(refused)
			assert "Traceback" not in refused.text
			kept = client.put(f"/api/resource/Union Member/{own}", json={"phone": "13912340018"})
			assert kept.ok, server_messages(kept)
	finally:
		update_site_config("gongjian_id_lookups_per_hour", "None")
	assert not frappe.get_all("Union Member", filters={"member_name": "探号"})


def test_rosters_check_at_most_a_days_allowance_of_new_id_numbers(server, site, town):
	"""A roster says which of its ID numbers are members already (a transfer to offer): the numbers new
	to a batch count against the user's daily allowance; past it the roster is refused in Chinese and
	nothing saved, while a batch saved again with the numbers it holds is not counted."""
	from frappe.installer import update_site_config

	prober = make_user("pirosters")
	grant(prober, "Village User", villages=[{"village": town.village}])
	frappe.db.set_value("User", prober, "language", "zh")
	frappe.db.commit()

	def roster(client, *seeds):
		rows = [
			{
				"member_name": "花名册人",
				"id_number": new_id(seed),
				"employment_kind": "1",
				"employer": town.unit,
			}
			for seed in seeds
		]
		return client.post(
			"/api/method/gongjian.enrollment.enroll",
			data={"union": town.union, "village": town.village, "rows": json.dumps(rows), "submit": 0},
		)

	update_site_config("gongjian_roster_ids_per_day", 3)
	try:
		with signed_in(server, site, prober) as client:
			first = roster(client, 41, 42)
			assert first.ok, server_messages(first)
			batch = first.json()["message"]["batch"]
			refused = roster(client, 43, 44)
			assert refused.status_code == 429, refused.text
			assert "每个用户每天经花名册核对的身份证号最多3个，今天还可核对1个" in server_messages(refused)
			again = client.put(f"/api/resource/Enrollment Batch/{batch}", json={"title": "再存一次"})
			assert again.ok, server_messages(again)
			assert roster(client, 45).ok  # the one left
	finally:
		update_site_config("gongjian_roster_ids_per_day", "None")
	frappe.db.rollback()  # see what the server committed
	assert frappe.db.count("Enrollment Batch", {"owner": prober}) == 2


def test_an_applications_new_id_number_is_counted_as_a_members(server, site, town):
	"""Approving an application says whether its number is a member already: a clerk's save that gives
	an application a new ID number counts as a member form's does."""
	from frappe.installer import update_site_config

	prober = make_user("piapps")
	grant(prober, "Village User", villages=[{"village": town.village}])
	application = frappe.get_doc(
		{
			"doctype": "Membership Application",
			"applicant_name": "申请人",
			"id_number": new_id(51),
			"phone": PHONE,
			"employment_kind": "Formal",
			"union": town.union,
			"employer": town.unit,
		}
	).insert()
	frappe.db.commit()
	update_site_config("gongjian_id_lookups_per_hour", 2)
	try:
		with signed_in(server, site, prober) as client:
			path = f"/api/resource/Membership Application/{application.name}"
			assert client.put(path, json={"phone": "13912340019"}).ok  # the number kept: not counted
			for seed in (52, 53):
				changed = client.put(path, json={"id_number": new_id(seed)})
				assert changed.ok, server_messages(changed)
			refused = client.put(path, json={"id_number": new_id(54)})
			assert refused.status_code == 429, refused.text
	finally:
		update_site_config("gongjian_id_lookups_per_hour", "None")
	frappe.db.rollback()  # see what the server committed
	assert full_value(frappe.get_doc("Membership Application", application.name), "id_number") == new_id(53)
