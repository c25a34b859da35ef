"""Survey rounds over real HTTP (issue 12): a village user sees, confirms and downloads only their own
village's task; the town's calls (send back, close) are the town's; the round opens nothing of B."""

import io
import json

import frappe
from openpyxl import load_workbook

from tests.http.conftest import server_messages

SURVEY = "/api/method/gongjian.survey"


def test_the_round_assigns_each_village_and_its_users_see_their_task_first(sessions, world):
	village = sessions["Village User"]
	todos = village.get(
		"/api/resource/ToDo",
		params={"fields": json.dumps(["reference_name"]), "filters": json.dumps({"status": "Open"})},
	).json()["data"]
	assert {row["reference_name"] for row in todos} == {world["A"]["Survey Task"]}
	notices = village.get(
		"/api/method/frappe.desk.doctype.notification_log.notification_log.get_notification_logs"
	).json()["message"]["notification_logs"]
	assert world["A"]["Survey Task"] in {row["document_name"] for row in notices}
	listed = village.get("/api/resource/Survey Task", params={"limit_page_length": 0}).json()["data"]
	assert {row["name"] for row in listed} == {world["A"]["Survey Task"]}
	assert village.get(f"/api/resource/Survey Round/{world['survey_round']}").ok
	for role in ("Enterprise User", "Union Organizer"):
		assert sessions[role].get(f"/api/resource/Survey Round/{world['survey_round']}").status_code == 403


def test_the_town_manager_opens_a_round_from_the_desk(sessions, world):
	opened = sessions["Gongjian Manager"].post(
		"/api/resource/Survey Round",
		json={"township": world["township"], "period": "2026-H1", "deadline": "2099-06-30"},
	)
	assert opened.ok, opened.text[:300]
	tasks = (
		sessions["Gongjian Manager"]
		.get(
			"/api/resource/Survey Task",
			params={
				"filters": json.dumps({"survey_round": opened.json()["data"]["name"]}),
				"fields": '["village"]',
			},
		)
		.json()["data"]
	)
	assert {row["village"] for row in tasks} == {world["A"]["Village"], world["B"]["Village"]}
	for role in ("Village User", "Gongjian Viewer"):
		refused = sessions[role].post(
			"/api/resource/Survey Round",
			json={"township": world["township"], "period": "2025-H2", "deadline": "2099-06-30"},
		)
		assert refused.status_code == 403, (role, refused.text[:300])


def test_a_village_user_confirms_their_own_village_only(sessions, world):
	village = sessions["Village User"]
	a_task, b_task = world["A"]["Survey Task"], world["B"]["Survey Task"]
	for method, args in (
		("task_figures", {"name": b_task}),
		("confirm_task", {"name": b_task}),
		("send_back", {"name": a_task, "comment": "x"}),
		("close_round", {"name": world["survey_round"]}),
	):
		call = village.get if method == "task_figures" else village.post
		response = call(f"{SURVEY}.{method}", **({"params": args} if call == village.get else {"data": args}))
		assert response.status_code == 403, (method, response.text[:300])
	figures = village.get(f"{SURVEY}.task_figures", params={"name": a_task}).json()["message"]
	assert {w["village"] for w in figures["warnings"]} <= {world["A"]["Village"]}, figures["warnings"]
	assert all("numerator" in rate and "denominator" in rate for rate in figures["rates"])
	confirmed = village.post(f"{SURVEY}.confirm_task", data={"name": a_task, "note": "已核对"})
	assert confirmed.ok, confirmed.text[:300]
	assessment = confirmed.json()["message"]["assessment"]
	frappe.db.rollback()
	assert frappe.db.get_value("Assessment", assessment, ["docstatus", "village"]) == (
		1,
		world["A"]["Village"],
	)
	assert frappe.db.get_value("Survey Task", b_task, "status") == "Awaiting Confirmation"
	# The progress and the survey table show the user's own village only.
	progress = village.get(f"{SURVEY}.round_progress", params={"name": world["survey_round"]}).json()
	assert [row["village"] for row in progress["message"]["tasks"]] == [world["A"]["Village"]]
	table = village.get(f"{SURVEY}.download_round_table", params={"name": world["survey_round"]})
	assert table.ok, table.text[:300]
	sheet = load_workbook(io.BytesIO(table.content)).active
	places = {row[0].value for row in sheet.iter_rows(min_row=2)}
	assert places == {world["A"]["Village"]}


def test_a_confirmation_freezes_a_new_assessment_never_one_the_village_made_before(sessions, world):
	"""A village may submit an Assessment of its own; confirming after a send-back must not adopt it
	(it would freeze the figures of the day the village chose)."""
	village, manager = sessions["Village User"], sessions["Gongjian Manager"]
	a_task = world["A"]["Survey Task"]
	if frappe.db.get_value("Survey Task", a_task, "status") != "Confirmed":
		assert village.post(f"{SURVEY}.confirm_task", data={"name": a_task}).ok
	planted = village.post(
		"/api/resource/Assessment",
		json={"period": "2026-H1", "scope": "Village", "village": world["A"]["Village"], "docstatus": 1},
	)
	assert planted.ok, planted.text[:300]
	assert manager.post(f"{SURVEY}.send_back", data={"name": a_task, "comment": "请再核对"}).ok
	confirmed = village.post(f"{SURVEY}.confirm_task", data={"name": a_task})
	assert confirmed.ok, confirmed.text[:300]
	assert confirmed.json()["message"]["assessment"] != planted.json()["data"]["name"]


def test_files_on_another_villages_records_are_not_listed(sessions, world):
	"""Frappe lists every public file to everyone (its File condition lacks parentheses): files on
	B's records stay out of A's lists, public or not."""
	files = [
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{side}.txt",
				"content": f"evidence of {side}",
				"is_private": 0,
				"attached_to_doctype": "Survey Task",
				"attached_to_name": world[side]["Survey Task"],
			}
		).insert(ignore_permissions=True)
		for side in ("A", "B")
	]
	frappe.db.commit()
	try:
		for path, params in (
			("/api/resource/File", {"fields": '["name"]', "limit_page_length": 0}),
			(
				"/api/method/frappe.client.get_list",
				{"doctype": "File", "fields": '["name"]', "limit_page_length": 0},
			),
		):
			listed = sessions["Village User"].get(path, params=params)
			body = listed.json()
			names = {row["name"] for row in body.get("data", body.get("message", []))}
			assert files[0].name in names and files[1].name not in names, (path, names)
	finally:
		for file in files:
			frappe.delete_doc("File", file.name, ignore_permissions=True, force=True)
		frappe.db.commit()


def upload_evidence(session, task: str, content: bytes):
	return session.post(
		"/api/method/upload_file",
		files={"file": ("佐证材料.txt", content)},
		data={"doctype": "Survey Task", "docname": task, "is_private": 1},
	)


def test_evidence_is_the_villages_and_stays_as_confirmed(sessions, world):
	"""A reader (the viewer) adds nothing to a village's task; once confirmed, its evidence is neither
	added to nor removed until the town sends the task back, and the send-back says why."""
	village, manager = sessions["Village User"], sessions["Gongjian Manager"]
	a_task = world["A"]["Survey Task"]
	assert upload_evidence(sessions["Gongjian Viewer"], a_task, b"viewer").status_code == 403
	if frappe.db.get_value("Survey Task", a_task, "status") != "Confirmed":
		assert village.post(f"{SURVEY}.confirm_task", data={"name": a_task}).ok
	assert upload_evidence(village, a_task, b"late").status_code == 403
	assert manager.post(f"{SURVEY}.send_back", data={"name": a_task, "comment": "佐证材料缺失"}).ok
	notices = village.get(
		"/api/method/frappe.desk.doctype.notification_log.notification_log.get_notification_logs"
	).json()["message"]["notification_logs"]
	assert any("佐证材料缺失" in row["subject"] for row in notices if row["document_name"] == a_task)
	uploaded = upload_evidence(village, a_task, b"evidence of A")
	assert uploaded.ok, uploaded.text[:300]
	file_name = uploaded.json()["message"]["name"]
	assert village.post(f"{SURVEY}.confirm_task", data={"name": a_task}).ok
	removed = village.post(
		"/api/method/frappe.desk.form.utils.remove_attach",
		data={"fid": file_name, "dt": "Survey Task", "dn": a_task},
	)
	assert removed.status_code == 403, removed.text[:300]
	frappe.db.rollback()
	assert frappe.db.exists("File", file_name)
	figures = village.get(f"{SURVEY}.task_figures", params={"name": a_task}).json()["message"]
	assert frappe.utils.getdate(figures["as_of"]) <= frappe.utils.getdate()  # never a day to come


def test_the_town_sends_back_and_closes(sessions, world):
	manager = sessions["Gongjian Manager"]
	a_task, b_task = world["A"]["Survey Task"], world["B"]["Survey Task"]
	refused = manager.post(f"{SURVEY}.close_round", data={"name": world["survey_round"]})
	assert refused.status_code == 417 and world["B"]["Village"] in server_messages(refused)
	assert manager.post(f"{SURVEY}.confirm_task", data={"name": b_task}).ok  # on the village's behalf
	assert manager.post(f"{SURVEY}.send_back", data={"name": b_task, "comment": "会员数待核实"}).ok
	assert manager.post(f"{SURVEY}.confirm_task", data={"name": b_task}).ok
	if not frappe.db.get_value("Survey Task", a_task, "status") == "Confirmed":
		assert manager.post(f"{SURVEY}.confirm_task", data={"name": a_task}).ok
	closed = manager.post(f"{SURVEY}.close_round", data={"name": world["survey_round"]})
	assert closed.ok, closed.text[:300]
	pdf = manager.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": "Survey Round", "name": world["survey_round"], "format": "Survey Round Table"},
	)
	assert pdf.ok and pdf.content.startswith(b"%PDF"), pdf.text[:300]
	# The township's total is the town's: a village's copy of the closed round has its own row only.
	table = sessions["Village User"].get(
		f"{SURVEY}.download_round_table", params={"name": world["survey_round"]}
	)
	sheet = load_workbook(io.BytesIO(table.content)).active
	assert {row[0].value for row in sheet.iter_rows(min_row=2)} == {world["A"]["Village"]}
	page = sessions["Village User"].get(
		"/printview",
		params={"doctype": "Survey Round", "name": world["survey_round"], "format": "Survey Round Table"},
	)
	assert page.ok and world["A"]["Village"] in page.text and world["B"]["Village"] not in page.text
	assert "镇合计" not in page.text and "Township Total" not in page.text
	# The town's copy has the total, its counts as numbers; a closed round is no longer edited.
	table = manager.get(f"{SURVEY}.download_round_table", params={"name": world["survey_round"]})
	rows = list(load_workbook(io.BytesIO(table.content)).active.iter_rows(min_row=2, values_only=True))
	assert len(rows) == 3 and any(isinstance(value, int) for value in rows[-1])
	edited = manager.put(f"/api/resource/Survey Round/{world['survey_round']}", json={"instructions": "再改"})
	assert edited.status_code == 417 and world["survey_round"] in server_messages(edited)
