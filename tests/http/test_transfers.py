"""Two-sided transfers (issue 11): village A sends a member to a union of village B, which accepts or
returns it; nobody else answers for B, and the transfer opens nothing else of B to A."""

import json

import frappe
import pytest

from gongjian import member_counts
from tests import factories
from tests.http.conftest import close_sessions, open_sessions, server_messages
from tests.http.world import PASSWORD, build_world, grant, make_user

METHODS = "/api/method/gongjian.gongjian.doctype.membership_transfer.membership_transfer"


@pytest.fixture(scope="module")
def world(site):
	world = build_world()
	b_clerk = make_user("b-village")
	grant(b_clerk, "Village User", villages=[{"village": world["B"]["Village"]}])
	frappe.db.commit()
	world["users"]["B Village User"] = b_clerk
	return world


@pytest.fixture(scope="module")
def sessions(server, site, world):
	opened = open_sessions(server, site, world["users"], PASSWORD)
	yield opened
	close_sessions(opened)


def member_state(member: str) -> tuple:
	frappe.db.rollback()
	return frappe.db.get_value("Union Member", member, ["union", "employer", "status"])


def send(session, world, member: str) -> dict:
	"""A's transfer of `member` to B's union and unit, submitted in one call."""
	return draft(session, world, member, to_employer=world["B"]["Enterprise"], docstatus=1)


def test_a_clerk_picks_a_union_of_another_village_as_the_receiving_union(sessions, world):
	response = sessions["Village User"].get(
		"/api/method/frappe.desk.search.search_link",
		params={
			"doctype": "Trade Union",
			"txt": world["B"]["Trade Union"][:4],
			"query": "gongjian.gongjian.doctype.membership_transfer.membership_transfer.transfer_destinations",
		},
	)
	assert response.ok, response.text[:300]
	assert world["B"]["Trade Union"] in {row["value"] for row in response.json()["message"]}


def test_village_b_accepts_a_member_sent_by_village_a(sessions, world):
	a, b = world["A"], world["B"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="转出会员")
	frappe.db.commit()
	sent = send(sessions["Village User"], world, member)
	assert sent["transfer_status"] == "Awaiting Acceptance"
	assert member_state(member) == (a["Trade Union"], a["Enterprise"], "Transferring")

	# Village B sees it coming; village A cannot answer for B, nor can an enterprise user of A.
	assert sessions["B Village User"].get(f"/api/resource/Membership Transfer/{sent['name']}").ok
	for role in ("Village User", "Enterprise User"):
		refused = sessions[role].post(f"{METHODS}.accept_transfer", data={"name": sent["name"]})
		assert refused.status_code == 403, (role, refused.text[:300])
	assert member_state(member)[2] == "Transferring"

	accepted = sessions["B Village User"].post(f"{METHODS}.accept_transfer", data={"name": sent["name"]})
	assert accepted.ok, accepted.text[:400]
	assert member_state(member) == (b["Trade Union"], b["Enterprise"], "Member")
	# The member is B's now: A no longer reads them; B does.
	assert sessions["Village User"].get(f"/api/resource/Union Member/{member}").status_code == 403
	assert sessions["B Village User"].get(f"/api/resource/Union Member/{member}").ok


def test_village_b_returns_a_transfer_with_its_reason(sessions, world):
	a = world["A"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="退回会员")
	frappe.db.commit()
	sent = send(sessions["Village User"], world, member)
	no_reason = sessions["B Village User"].post(
		f"{METHODS}.return_transfer", data={"name": sent["name"], "reason": " "}
	)
	assert no_reason.status_code == 417 and "退回原因" in server_messages(no_reason)
	returned = sessions["B Village User"].post(
		f"{METHODS}.return_transfer", data={"name": sent["name"], "reason": "非本单位职工"}
	)
	assert returned.ok, returned.text[:400]
	assert member_state(member) == (a["Trade Union"], a["Enterprise"], "Member")


def test_a_transfer_goes_only_to_a_union_of_the_township(sessions, world):
	other_township = factories.township()
	far_village = factories.village(township_name=other_township)
	far_union = factories.union("Base Union Committee", far_village, [factories.enterprise(far_village)])
	member = factories.member(world["A"]["Trade Union"], world["A"]["Enterprise"])
	frappe.db.commit()
	doc = {
		"doctype": "Membership Transfer",
		"member": member,
		"reason": "Job Transfer",
		"destination": "Transfer to Union",
		"to_union": far_union,
	}
	response = sessions["Village User"].post(
		"/api/method/frappe.client.insert", data={"doc": json.dumps(doc)}
	)
	assert response.status_code == 417, response.text[:300]  # refused as a link to no record is
	assert member_state(member)[2] == "Member"


def test_the_new_employer_is_picked_among_the_receiving_unions_units(sessions, world):
	response = sessions["Village User"].get(
		"/api/method/frappe.desk.search.search_link",
		params={
			"doctype": "Enterprise",
			"txt": "",
			"query": "gongjian.gongjian.doctype.membership_transfer.membership_transfer.receiving_units",
			"filters": json.dumps({"union": world["B"]["Trade Union"]}),
		},
	)
	assert response.ok, response.text[:300]
	assert [row["value"] for row in response.json()["message"]] == [world["B"]["Enterprise"]]
	# The desk's own check of the typed link answers for that unit too (else it clears the field).
	checked = sessions["Village User"].get(
		"/api/method/frappe.client.validate_link",
		params={"doctype": "Enterprise", "docname": world["B"]["Enterprise"]},
	)
	assert checked.json()["message"]["name"] == world["B"]["Enterprise"]


def test_the_receiving_village_sees_a_transfer_only_once_submitted(sessions, world):
	a = world["A"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="草稿会员")
	frappe.db.commit()
	doc = {
		"doctype": "Membership Transfer",
		"member": member,
		"reason": "Job Transfer",
		"destination": "Transfer to Union",
		"to_union": world["B"]["Trade Union"],
	}
	draft = sessions["Village User"].post("/api/resource/Membership Transfer", json=doc)
	assert draft.ok, draft.text[:300]
	name = draft.json()["data"]["name"]
	assert sessions["B Village User"].get(f"/api/resource/Membership Transfer/{name}").status_code == 403
	listed = (
		sessions["B Village User"]
		.get("/api/resource/Membership Transfer", params={"limit_page_length": 0})
		.json()["data"]
	)
	assert name not in {row["name"] for row in listed}


def draft(session, world, member: str, **fields) -> dict:
	doc = {
		"doctype": "Membership Transfer",
		"member": member,
		"reason": "Job Transfer",
		"destination": "Transfer to Union",
		"to_union": world["B"]["Trade Union"],
		**fields,
	}
	response = session.post("/api/method/frappe.client.insert", data={"doc": json.dumps(doc)})
	assert response.ok, response.text[:400]
	return response.json()["message"]


def test_a_draft_naming_b_cannot_be_submitted_as_a_retention_in_b(sessions, world):
	"""Attacker review, issue 11 (F1): a draft to B's union, then submitted as a retention: B's union
	would have kept the member with nobody of B accepting."""
	a = world["A"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="保留绕行")
	frappe.db.commit()
	doc = draft(sessions["Village User"], world, member)
	doc.update({"destination": "Retain Membership", "docstatus": 1})
	response = sessions["Village User"].post(
		"/api/method/frappe.client.submit", data={"doc": json.dumps(doc)}
	)
	assert response.status_code == 417, response.text[:300]  # refused as a link to no record is
	assert member_state(member) == (a["Trade Union"], a["Enterprise"], "Member")


def test_a_draft_naming_a_unit_of_b_cannot_be_readdressed_to_a(sessions, world):
	"""Attacker review, issue 11 (F2): a draft to B's union and unit, submitted to A's own union with
	B's unit kept, and accepted by A itself, would register the member at B's unit."""
	a, b = world["A"], world["B"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="单位绕行")
	frappe.db.commit()
	doc = draft(sessions["Village User"], world, member, to_employer=b["Enterprise"])
	doc.update({"to_union": a["Trade Union"], "docstatus": 1})
	response = sessions["Village User"].post(
		"/api/method/frappe.client.submit", data={"doc": json.dumps(doc)}
	)
	assert response.status_code == 417, response.text[:300]  # refused as a link to no record is
	assert member_state(member) == (a["Trade Union"], a["Enterprise"], "Member")


def test_an_answer_needs_the_member_still_in_that_transfer(sessions, world):
	"""Attacker review, issue 11 (F3): a member taken out of transfer by hand, then an old transfer
	answered, pulled the member along. A member leaves 转接中 only by the answer."""
	a = world["A"]
	member = factories.member(a["Trade Union"], a["Enterprise"], member_name="状态绕行")
	frappe.db.commit()
	sent = send(sessions["Village User"], world, member)
	response = sessions["Village User"].put(f"/api/resource/Union Member/{member}", json={"status": "Member"})
	assert response.status_code == 417 and "R10" in response.text, response.text[:300]
	frappe.db.set_value("Union Member", member, "status", "Member")  # as it was before the fix
	member_counts.reconcile()  # as the nightly reconciliation would: a raw write skips the kept counts
	frappe.db.commit()
	response = sessions["B Village User"].post(f"{METHODS}.accept_transfer", data={"name": sent["name"]})
	assert response.status_code == 417, response.text[:300]
	assert member_state(member) == (a["Trade Union"], a["Enterprise"], "Member")
