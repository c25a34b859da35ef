"""The access matrix: for each role, each DocType and each door, the allowed and the denied outcome,
through real HTTP against the served test site. A village-A user reaching village B is a leak."""

import csv
import io
import json
import re

import frappe
import pytest
from frappe.utils.password import decrypt

from gongjian.personal_data import secret_field
from gongjian.scoped_doctypes import CHILD_PARENTS, SEALED_FIELDS
from tests.http.conftest import close_sessions, open_sessions
from tests.http.world import PASSWORD, ROLES, build_world, campaign_values
from tests.reporting import SUMMARY_LINES

ALL_SCOPE = {"Gongjian Manager", "Gongjian Viewer"}
SCOPED = [
	"Village",
	"Enterprise",
	"Trade Union",
	"Union Member",
	"Membership Transfer",
	"Party Organization",
	"Collective Contract",
	"Party Recommendation",
	"Union Election",
	"Demonstration Site",
	"Union Activity",
	"Union Organizer",
	"Assessment",
	"Enrollment Batch",
	"Survey Task",
	"Membership Application",
	"Enrollment Campaign",
]
# Who reads each DocType at all (DocType permissions); the rest read every scoped DocType.
TOWN_AND_VILLAGES = {"Gongjian Manager", "Gongjian Viewer", "Village User"}
# The counts and warnings kept for the reviews (member_counts.py, unit_tally.py, compliance_findings.py):
# read by reports, never by a person.
KEPT = [
	"Unit Tally",
	"Unit Member Count",
	"Village Member Count",
	"Compliance Finding",
	"Compliance Finding Mark",
]
# Who saw whole ID numbers (个人信息保护法): the town manager's to review, nobody else's.
LOGS = ["Personal Data Access Log"]
READERS = {
	"Assessment": TOWN_AND_VILLAGES,
	"Survey Task": TOWN_AND_VILLAGES,
	**dict.fromkeys(KEPT, set()),
	**dict.fromkeys(LOGS, {"Gongjian Manager"}),
}
CHILDREN = CHILD_PARENTS  # from the DocType meta: a new child table is checked without being listed


class Matrix:
	def __init__(self):
		self.cases, self.leaks, self.wrong_denials, self.doctypes, self.doors = 0, [], [], set(), set()

	def check(self, role, doctype, door, allowed: bool, expected: bool, detail=""):
		"""`allowed`: what happened; `expected`: what should. A denial expected but not met is a leak."""
		self.cases += 1
		self.doctypes.add(doctype)
		self.doors.add(door)
		if allowed and not expected:
			self.leaks.append(f"LEAK {role} / {doctype} / {door} {detail}")
		elif expected and not allowed:
			self.wrong_denials.append(f"DENIED {role} / {doctype} / {door} {detail}")


@pytest.fixture(scope="module")
def world(site):
	return build_world()


@pytest.fixture(scope="module")
def clients(server, site, world):
	sessions = open_sessions(server, site, {role: world["users"][role] for role in ROLES}, PASSWORD)
	yield sessions
	close_sessions(sessions)


def names_in(response) -> set[str]:
	if response.status_code != 200:
		return set()
	data = response.json().get("data", response.json().get("message"))
	if isinstance(data, dict) and "values" in data:  # reportview.get's compressed form
		keys = data["keys"]
		return {dict(zip(keys, row, strict=False)).get("name") for row in data["values"]}
	return {row.get("name") if isinstance(row, dict) else row for row in data or []}


def expected(role: str, side: str, doctype: str | None = None) -> bool:
	if doctype in READERS and role not in READERS[doctype]:
		return False
	return side == "A" or role in ALL_SCOPE


def whole_numbers() -> set[str]:
	"""Every ID number and phone the site keeps, whole (they are kept masked, sealed beside the mask)."""
	numbers = set()
	for doctype, fields in SEALED_FIELDS.items():
		for row in frappe.get_all(doctype, fields=[secret_field(f) for f in fields]):
			numbers |= {decrypt(value) for value in row.values() if value}
	return numbers


NUMBER_LIKE = re.compile(r"[0-9][0-9Xx-]{6,}[0-9Xx]")


def watch_for_whole_numbers(client, numbers: set[str], seen: list[str]) -> None:
	"""个人信息保护法: record any answer to `client` that holds a whole ID number or phone."""

	def look(response, *args, **kwargs):
		text = response.content.decode("utf-8", "replace")
		if found := set(NUMBER_LIKE.findall(text)) & numbers:
			seen.append(f"{response.request.method} {response.url.split('?')[0]} {sorted(found)[:2]}")

	client.hooks["response"].append(look)


def test_access_matrix(world, clients):
	matrix = Matrix()
	numbers = whole_numbers()
	assert numbers, "the world keeps ID numbers and phones"
	for role in ROLES:
		client = clients[role]
		answers_with_numbers = []
		watch_for_whole_numbers(client, numbers, answers_with_numbers)
		for doctype in SCOPED + KEPT + LOGS:
			for side in ("A", "B"):
				check_reads(
					matrix, client, role, doctype, side, world[side][doctype], expected(role, side, doctype)
				)
			if doctype in SCOPED:
				check_writes(matrix, client, role, doctype, world)
				check_attachment(matrix, client, role, doctype, world)
		for child, parent in CHILDREN.items():
			for side in ("A", "B"):
				parent_name = world[side][parent]
				response = client.get(
					"/api/method/frappe.client.get_list",
					params={
						"doctype": child,
						"parent": parent,
						"fields": json.dumps(["parent"]),
						"limit_page_length": 0,
					},
				)
				parents = (
					{row["parent"] for row in response.json().get("message", [])} if response.ok else set()
				)
				matrix.check(
					role, child, "child rows", parent_name in parents, expected(role, side, parent), side
				)
		check_report(matrix, client, role, world)
		check_survey(matrix, client, role, world)
		check_app_method(matrix, client, role, world)
		check_desk_calls(matrix, client, role)
		# Masking holds on every door above: no answer to any role holds a whole number.
		matrix.check(
			role, "Union Member", "whole numbers", bool(answers_with_numbers), False, answers_with_numbers[:3]
		)
	SUMMARY_LINES.append(
		f"access matrix: {len(ROLES)} roles x {len(matrix.doctypes)} doctypes x {len(matrix.doors)} doors "
		f"= {matrix.cases} cases, {len(matrix.leaks)} leaks"
	)
	problems = matrix.leaks + matrix.wrong_denials
	assert not problems, "\n".join(problems)


def check_reads(matrix, client, role, doctype, side, name, allowed):
	def seen(response):
		return name in names_in(response)

	fields = json.dumps(["name"])
	name_filter = json.dumps([[doctype, "name", "=", name]])
	doors = {
		"resource list": lambda: seen(
			client.get(f"/api/resource/{doctype}", params={"fields": fields, "limit_page_length": 0})
		),
		"resource get": lambda: client.get(f"/api/resource/{doctype}/{name}").status_code == 200,
		"get_list": lambda: seen(
			client.get(
				"/api/method/frappe.client.get_list",
				params={"doctype": doctype, "filters": name_filter, "fields": fields},
			)
		),
		"get_value": lambda: (
			(
				r := client.get(
					"/api/method/frappe.client.get_value",
					params={"doctype": doctype, "fieldname": "name", "filters": name_filter},
				)
			).ok
			and (r.json().get("message") or {}).get("name") == name
		),
		# The desk's own calls: a form opening (getdoc), and get_value / get naming a record by a bare
		# string, as the desk sends them (the raw-SQL guard must let these through).
		# (a record not readable opens as "not found", like a missing one: an empty answer)
		"form load": lambda: any(
			doc.get("name") == name
			for doc in client.get(
				"/api/method/frappe.desk.form.load.getdoc", params={"doctype": doctype, "name": name}
			)
			.json()
			.get("docs", [])
		),
		"get_value by name": lambda: (
			(
				r := client.get(
					"/api/method/frappe.client.get_value",
					params={"doctype": doctype, "fieldname": "name", "filters": name},
				)
			).ok
			and (r.json().get("message") or {}).get("name") == name
		),
		"client get": lambda: (
			client.get("/api/method/frappe.client.get", params={"doctype": doctype, "name": name}).status_code
			== 200
		),
		"get_count": lambda: (
			(
				r := client.get(
					"/api/method/frappe.client.get_count", params={"doctype": doctype, "filters": name_filter}
				)
			).ok
			and r.json()["message"] == 1
		),
		"link search": lambda: any(
			row.get("value") == name
			for row in (
				client.get(
					"/api/method/frappe.desk.search.search_link",
					params={"doctype": doctype, "txt": name, "ignore_user_permissions": 1, "page_length": 50},
				)
				.json()
				.get("message")
				or []
			)
		),
		"report view": lambda: seen(
			client.get(
				"/api/method/frappe.desk.reportview.get",
				params={"doctype": doctype, "fields": fields, "filters": name_filter},
			)
		),
		"export": lambda: name in exported_names(client, doctype, name_filter),
		"sidebar stats": lambda: sidebar_count(client, doctype, name) > 0,
	}
	for door, attempt in doors.items():
		matrix.check(role, doctype, door, attempt(), allowed, side)
	# A filter given as raw SQL ("1=1 or 1=1" widens any scope) is refused to everybody.
	raw = json.dumps(["1=1 or 1=1", [doctype, "name", "=", name]])
	response = client.get(
		"/api/method/frappe.desk.reportview.get",
		params={"doctype": doctype, "fields": fields, "filters": raw},
	)
	matrix.check(role, doctype, "raw SQL filter", response.status_code == 200, False, side)


def sidebar_count(client, doctype, name) -> int:
	"""get_sidebar_stats counts rows grouped by a field; a raw SQL filter must not widen it."""
	response = client.get(
		"/api/method/frappe.desk.reportview.get_sidebar_stats",
		params={"stats": json.dumps(["name"]), "doctype": doctype, "filters": json.dumps(["1=1 or 1=1"])},
	)
	if response.ok:
		counts = response.json()["message"].get("stats", {}).get("name", [])
		if any(row[0] == name for row in counts):
			return 1
	response = client.get(
		"/api/method/frappe.desk.reportview.get_sidebar_stats",
		params={
			"stats": json.dumps(["name"]),
			"doctype": doctype,
			"filters": json.dumps([[doctype, "name", "=", name]]),
		},
	)
	if not response.ok:
		return 0
	return sum(
		row[1] for row in response.json()["message"].get("stats", {}).get("name", []) if row[0] == name
	)


def exported_names(client, doctype, name_filter) -> set[str]:
	response = client.post(
		"/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": doctype,
			"file_format_type": "CSV",
			"fields": json.dumps([f"`tab{doctype}`.`name`"]),
			"filters": name_filter,
		},
	)
	if response.status_code != 200 or "json" in response.headers.get("content-type", ""):
		return set()
	return {cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row}


WRITERS = {
	"Village User": {
		"Enterprise",
		"Trade Union",
		"Union Member",
		"Membership Transfer",
		"Party Organization",
		"Collective Contract",
		"Party Recommendation",
		"Union Election",
		"Union Activity",
		"Village",
		"Enrollment Batch",
		"Assessment",  # a village confirms its survey task by freezing its Assessment
		"Survey Task",
		"Membership Application",  # approves or rejects it
	},
	"Enterprise User": {
		"Enterprise",
		"Trade Union",
		"Union Member",
		"Membership Transfer",
		"Collective Contract",
		"Party Recommendation",
		"Union Election",
		"Union Activity",
		"Enrollment Batch",
		"Membership Application",
	},
	"Union Organizer": {"Union Activity"},
	"Gongjian Manager": set(SCOPED),
	"Gongjian Viewer": set(),
}


def check_writes(matrix, client, role, doctype, world):
	for side in ("A", "B"):
		name = world[side][doctype]
		response = client.put(f"/api/resource/{doctype}/{name}", json={})
		matrix.check(
			role,
			doctype,
			"update",
			response.status_code == 200,
			doctype in WRITERS[role] and expected(role, side, doctype),
			side,
		)
		if role != "Gongjian Manager":  # managers may delete; the fixtures must stay for the others
			response = client.delete(f"/api/resource/{doctype}/{name}")
			matrix.check(role, doctype, "delete", response.status_code in (200, 202), False, side)
		payload = new_record(doctype, world[side], world)
		if payload:
			response = client.post(f"/api/resource/{doctype}", json=payload)
			may_create = doctype in CREATORS[role] and expected(role, side)
			matrix.check(
				role,
				doctype,
				"create",
				response.status_code == 200,
				may_create,
				f"{side} {response.status_code}",
			)
	# Taking over B's record by writing A's village into it (managers may move records: not tested).
	if "village" in frappe.get_meta(doctype).get_valid_columns() and role not in ALL_SCOPE:
		response = client.put(
			f"/api/resource/{doctype}/{world['B'][doctype]}", json={"village": world["A"]["Village"]}
		)
		matrix.check(role, doctype, "update", response.status_code == 200, False, "B->A takeover")


# Survey tasks are made by opening a round, by nobody directly.
CREATORS = {
	"Union Organizer": {"Union Activity"},
	# applications come through the join page only (gongjian/join.py)
	"Village User": WRITERS["Village User"] - {"Village", "Survey Task", "Membership Application"},
	"Enterprise User": WRITERS["Enterprise User"] - {"Enterprise", "Trade Union", "Membership Application"},
	"Gongjian Manager": set(SCOPED) - {"Survey Task", "Membership Application"},
	"Gongjian Viewer": set(),
}


def new_record(doctype: str, side: dict, world: dict) -> dict | None:
	"""A valid new record on `side` (A or B) for each DocType a scoped user might create."""
	from tests import factories

	tag = factories.unique("新")
	return {
		"Village": {"village_name": tag, "township": world["township"]},
		"Enterprise": {"enterprise_name": tag, "category": "Social Group", "village": side["Village"]},
		"Trade Union": {"union_name": tag, "union_kind": "Joint Base Union", "village": side["Village"]},
		"Union Member": {
			"member_name": "新会员",
			"id_number": factories.resident_id(),
			"union": side["Trade Union"],
			"employer": side["Enterprise"],
		},
		"Membership Transfer": {
			"member": side["Union Member"],
			"reason": "Layoff",
			"destination": "Retain Membership",
			"to_union": world["home"],
		},
		"Party Organization": {"org_name": tag, "org_kind": "Party Branch", "village": side["Village"]},
		"Collective Contract": {
			"enterprise": side["Enterprise"],
			"signed_on": "2026-01-01",
			"expires_on": "2029-01-01",
		},
		"Party Recommendation": {"member": side["Union Member"], "category": "Manager"},
		"Union Election": {"union": side["Trade Union"], "election_date": "2026-07-01"},
		"Demonstration Site": {
			"site_name": tag,
			"township": world["township"],
			"site_unit": side["Enterprise"],
			"year": 2026,
		},
		"Union Activity": {
			"activity_title": tag,
			"union": side["Trade Union"],
			"activity_kind": "Assistance",
			"activity_date": "2026-08-01",
		},
		"Union Organizer": {"organizer_name": tag, "source": "Reserve Cadre", "township": world["township"]},
		"Assessment": {"period": "2026", "scope": "Village", "village": side["Village"]},
		"Enrollment Batch": {
			"title": tag,
			"union": side["Trade Union"],
			"village": side["Village"],
			"rows": [{"member_name": "新", "id_number": factories.resident_id(), "employment_kind": "1"}],
		},
		"Survey Task": {"survey_round": world["survey_round"], "village": side["Village"], "period": "2027"},
		"Membership Application": {
			"applicant_name": "新申请人",
			"id_number": factories.resident_id(),
			"phone": "13800000000",
			"employment_kind": "Formal",
			"union": side["Trade Union"],
			"employer": side["Enterprise"],
		},
		"Enrollment Campaign": {
			key: value for key, value in campaign_values(side, tag).items() if key != "doctype"
		},
	}[doctype]


def check_attachment(matrix, client, role, doctype, world):
	for side in ("A", "B"):
		url = world["files"][side][doctype]
		response = client.get(url)
		matrix.check(
			role, doctype, "attachment", response.status_code == 200, expected(role, side, doctype), side
		)
		listing = client.get(
			"/api/resource/File",
			params={"filters": json.dumps([["file_url", "=", url]]), "fields": json.dumps(["file_url"])},
		)
		listed = listing.ok and any(row["file_url"] == url for row in listing.json()["data"])
		matrix.check(role, doctype, "attachment", listed, expected(role, side, doctype), f"{side} listed")


def check_report(matrix, client, role, world):
	"""Members at Risk: the at-risk members are at a bankrupt unit of each village, so a village
	user reaches A's; an enterprise user or organizer of A1 reaches neither."""
	for side in ("A", "B"):
		member = world[side]["at_risk_member"]
		response = client.post(
			"/api/method/frappe.desk.query_report.run",
			data={"report_name": "Members at Risk", "filters": "{}"},
		)
		rows = response.json()["message"]["result"] if response.ok else []
		matrix.check(
			role,
			"Union Member",
			"report run",
			any(r.get("member") == member for r in rows),
			role in ALL_SCOPE or (role == "Village User" and side == "A"),
			side,
		)
		response = client.post(
			"/api/method/frappe.desk.query_report.run",
			data={"report_name": "Members at Risk", "filters": "{}", "user": "Administrator"},
		)
		rows = response.json()["message"]["result"] if response.ok else []
		matrix.check(
			role,
			"Union Member",
			"report run",
			any(r.get("member") == member for r in rows),
			False,
			f"{side} as Administrator",
		)


def check_survey(matrix, client, role, world):
	"""半年摸底表: a village's row appears only for those who reach that village's units."""
	for user in (None, "Administrator"):
		data = {"report_name": "Semiannual Survey", "filters": "{}"}
		if user:
			data["user"] = user
		response = client.post("/api/method/frappe.desk.query_report.run", data=data)
		groups = {row.get("group") for row in response.json()["message"]["result"]} if response.ok else set()
		for side in ("A", "B"):
			allowed = expected(role, side) and not user
			matrix.check(
				role,
				"Enterprise",
				"report run",
				world[side]["Village"] in groups,
				allowed,
				f"survey {side} {user}",
			)


def check_app_method(matrix, client, role, world):
	response = client.get("/api/method/gongjian.api.compliance")
	units = {row["unit"] for row in response.json().get("message", [])} if response.ok else set()
	for side in ("A", "B"):
		# Each side's bankrupt-unit union and its main unit both break flag rules (R17 at least).
		matrix.check(
			role, "Enterprise", "app method", world[side]["Enterprise"] in units, expected(role, side), side
		)


def check_desk_calls(matrix, client, role):
	"""Calls the desk makes by itself on the first screen: each role's own desk must not be refused."""
	response = client.get(
		"/api/method/frappe.client.get_value",
		params={"doctype": "Report", "fieldname": "ref_doctype", "filters": "Semiannual Survey"},
	)
	allowed = response.ok and response.json().get("message", {}).get("ref_doctype") == "Enterprise"
	matrix.check(role, "Report", "desk get_value", allowed, True, f"{response.status_code}")
