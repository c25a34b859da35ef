"""No door tells a scoped user whether a record they may not read exists (attacker review, F1 and F2).

Frappe 15 loads a record by its name or by filters before checking permission, then answers "not
found" for a missing one and "not permitted" (naming the record, or its village) for another village's.
Any field of any DocType became a yes/no question: a village-A account recovered village B's members
by name, an ID number digit by digit, and every Unit Tally figure.

Every whitelisted method of Frappe and of the app that takes a DocType with a name or filters, every
REST path naming a record and the print view are called twice by village A's users: once naming a
record of village B, once naming one that does not exist. The two answers must be the same.
"""

import inspect
import json

import frappe
import pytest

from tests import factories
from tests.http.conftest import SiteClient
from tests.http.test_canaries import (
	DOCTYPE_ARGS,
	LIST_NAME_ARGS,
	NAME_ARGS,
	call,
	whitelisted_methods,
)
from tests.http.world import PASSWORD, build_world
from tests.reporting import SUMMARY_LINES

ROLES = ("Village User", "Union Organizer")
# A member may be transferred to any union of the township: its unions and their units are named to
# every user by the transfer's destination search, and the desk checks a typed one by validate_link.
NAMED_TO_EVERYBODY = {
	("frappe.client.validate_link", "Enterprise"),
	("frappe.client.validate_link", "Trade Union"),
	("gongjian.overrides.validate_link", "Enterprise"),
	("gongjian.overrides.validate_link", "Trade Union"),
}
FILTER_ARGS = ("filters", "current_filters")
# Keys of an error answer that differ from call to call, whatever the record.
VOLATILE_KEYS = ("exc", "_debug_messages", "_error_message", "__frappe_exc_id")


@pytest.fixture(scope="module")
def world(site):
	"""The access world, and in village B a unit, union and member that nothing of village A names (A's
	transfer names B's union and unit, which A's users may therefore name too)."""
	world = build_world()
	b = world["B"]
	unit = factories.enterprise(b["Village"], staff=12)
	union = factories.union("Base Union Committee", b["Village"], [unit])
	member = factories.member(union, unit, member_name="乙村独立会员")
	world["hidden"] = {
		"Village": b["Village"],
		"Enterprise": unit,
		"Trade Union": union,
		"Union Member": member,
	}
	world["hidden"]["Membership Transfer"] = b["Membership Transfer"]
	frappe.db.commit()
	return world


def targets(world) -> list[tuple[str, str, str, dict, dict]]:
	"""(DocType, B's name, a name that does not exist, filters that find a record of B, the same filters
	finding nothing)."""
	missing = "无此记录" + frappe.generate_hash(length=6)
	b = world["hidden"]
	member_id = frappe.db.get_value("Union Member", b["Union Member"], "id_number")
	return [
		(doctype, b[doctype], missing, {"name": b[doctype]}, {"name": missing})
		for doctype in ("Enterprise", "Trade Union", "Village", "Membership Transfer")
	] + [
		(
			"Union Member",
			b["Union Member"],
			missing,
			{"id_number": member_id},
			{"id_number": member_id[:-1] + ("Y" if member_id[-1] != "Y" else "Z")},
		),
		# Unit Tally rows are named after their unit and link its village (F2).
		("Unit Tally", b["Enterprise"], missing, {"unit": b["Enterprise"]}, {"unit": missing}),
		(
			"Unit Tally",
			b["Enterprise"],
			missing,
			{"members_at_unit": [">=", 0]},
			{"members_at_unit": ["<", 0]},
		),
	]


RENAME_ARGS = ("old_name", "old")
DOCUMENT_ARGS = ("doc", "docs")


def arguments(function, doctype: str, name: str, filters: dict) -> dict | None:
	params = set(inspect.signature(inspect.unwrap(function)).parameters)
	names = NAME_ARGS | set(FILTER_ARGS) | set(RENAME_ARGS)
	if not (params & DOCTYPE_ARGS and params & names) and not params & set(DOCUMENT_ARGS):
		return None
	args = {}
	for param in params:
		if param in DOCTYPE_ARGS:
			args[param] = doctype
		elif param in LIST_NAME_ARGS:
			args[param] = json.dumps([name])
		elif param in NAME_ARGS or param in RENAME_ARGS:
			args[param] = name
		elif param in FILTER_ARGS:
			args[param] = json.dumps(filters)
		elif param in ("fields", "fieldname"):
			args[param] = json.dumps(["name"])
		elif param == "doc":  # a stored record given as JSON (save, submit, print views)
			args[param] = json.dumps({"doctype": doctype, "name": name, "modified": "2020-01-01 00:00:00"})
		elif param == "docs":
			args[param] = json.dumps([{"doctype": doctype, "name": name}])
		elif param == "new_name":
			args[param] = f"{name}-x"
		elif param == "print_format" and doctype == "Union Member":
			args[param] = "Member Card"
	return args


def decoded(value):
	"""A body with its JSON-in-JSON (_server_messages, each message) parsed, so that names compare."""
	if isinstance(value, str) and value[:1] in "[{":
		try:
			return decoded(json.loads(value))
		except ValueError:
			return value
	if isinstance(value, dict):
		return {key: decoded(item) for key, item in value.items() if key not in VOLATILE_KEYS}
	if isinstance(value, list):
		return [decoded(item) for item in value]
	return value


def answer(response, *names: str) -> tuple:
	"""What the caller learns: the status and the body, with the names asked for blanked out."""
	if response is None:
		return (None, "")
	try:
		text = json.dumps(decoded(response.json()), ensure_ascii=False, sort_keys=True)
	except ValueError:
		text = response.text
	for name in sorted(names, key=len, reverse=True):
		text = text.replace(name, "<NAME>")
	return (response.status_code, text)


def rest_doors(doctype: str, name: str) -> list[tuple[str, dict]]:
	return [
		(f"/api/resource/{doctype}/{name}", {}),
		(f"/api/v2/document/{doctype}/{name}", {}),
		("/printview", {"doctype": doctype, "name": name}),
	]


def test_no_answer_tells_whether_another_villages_record_exists(server, site, world):
	methods = whitelisted_methods()
	oracles, cases = [], 0
	for role in ROLES:
		with SiteClient(server, site) as session:
			assert session.login(world["users"][role], PASSWORD).ok
			for doctype, name, missing, found, not_found in targets(world):
				asked = [name, missing, *map(str, found.values()), *map(str, not_found.values())]
				for path, function in sorted(methods.items()):
					real = arguments(function, doctype, name, found)
					if real is None or (path, doctype) in NAMED_TO_EVERYBODY:
						continue
					cases += 1
					seen = answer(call(session, path, function, real), *asked)
					unseen = answer(
						call(session, path, function, arguments(function, doctype, missing, not_found)),
						*asked,
					)
					if seen != unseen:
						oracles.append(
							f"ORACLE {role} {path} {doctype} {found}: {seen!s:.300} / {unseen!s:.300}"
						)
				for (url, params), (fake_url, fake_params) in zip(
					rest_doors(doctype, name), rest_doors(doctype, missing), strict=True
				):
					cases += 1
					seen = answer(session.get(url, params=params), *asked)
					unseen = answer(session.get(fake_url, params=fake_params), *asked)
					if seen != unseen:
						oracles.append(f"ORACLE {role} GET {url}: {seen!s:.300} / {unseen!s:.300}")
	SUMMARY_LINES.append(
		f"existence oracle: {len(ROLES)} roles, {cases} pairs of calls, {len(oracles)} oracles"
	)
	assert not oracles, "\n".join(oracles)


def test_a_record_found_by_filters_is_one_the_user_may_read(server, site, world):
	"""frappe.client.get with filters matching records of both villages answers with A's, never B's or a
	refusal: the record is looked up among those the user may list."""
	with SiteClient(server, site) as session:
		assert session.login(world["users"]["Village User"], PASSWORD).ok
		response = session.get(
			"/api/method/frappe.client.get",
			params={"doctype": "Union Member", "filters": json.dumps({"member_name": ["like", "%会员"]})},
		)
		assert response.ok, response.text[:300]
		assert response.json()["message"]["village"] == world["A"]["Village"], response.text[:300]
		# A bare name reads the user's own record, as get_value does (Frappe's answers a server error).
		own = session.get(
			"/api/method/frappe.client.get",
			params={"doctype": "Enterprise", "filters": world["A"]["Enterprise"]},
		)
		assert own.ok and own.json()["message"]["name"] == world["A"]["Enterprise"], own.text[:300]
		# The form opens the user's own record; another village's opens as "not found", like a missing one.
		form = session.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Enterprise", "name": world["A"]["Enterprise"]},
		)
		assert form.ok and form.json()["docs"][0]["name"] == world["A"]["Enterprise"]
		other = session.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Enterprise", "name": world["B"]["Enterprise"]},
		)
		assert other.ok and world["B"]["Enterprise"] not in other.text, other.text[:300]


def test_app_methods_given_a_member_answer_alike_for_another_villages_and_a_missing_one(server, site, world):
	"""Attacker review: the transfer form's retained-membership suggestion said 404 for a missing member
	and 403 for another village's."""
	method = "/api/method/gongjian.gongjian.doctype.membership_transfer.membership_transfer.retaining_union"
	with SiteClient(server, site) as session:
		assert session.login(world["users"]["Village User"], PASSWORD).ok
		other = session.get(method, params={"member": world["hidden"]["Union Member"]})
		missing = session.get(method, params={"member": "HY-999999"})
		names = (world["hidden"]["Union Member"], "HY-999999")
		assert answer(other, *names) == answer(missing, *names), (other.text[:300], missing.text[:300])
		own = session.get(method, params={"member": world["A"]["Union Member"]})
		assert own.ok, own.text[:300]


def test_a_link_search_runs_only_search_queries(server, site, world):
	"""Attacker review: search_widget's `query` called any whitelisted method past the request guard."""
	with SiteClient(server, site) as session:
		assert session.login(world["users"]["Village User"], PASSWORD).ok
		for method in ("frappe.desk.search.search_widget", "frappe.desk.search.search_link"):
			refused = session.post(
				f"/api/method/{method}",
				data={"doctype": "Union Member", "txt": "", "query": "frappe.client.get_value"},
			)
			assert refused.status_code == 403, (method, refused.text[:300])
		allowed = session.post(
			"/api/method/frappe.desk.search.search_link",
			data={
				"doctype": "Trade Union",
				"txt": "",
				"query": "gongjian.gongjian.doctype.membership_transfer.membership_transfer.transfer_destinations",
			},
		)
		assert allowed.ok, allowed.text[:300]


def test_saving_a_link_to_another_villages_record_answers_as_for_a_missing_one(server, site, world):
	"""Attacker review: a to-do referring to village B's member, or A's member moved into B's union,
	answered 403 where a made-up name answered 417 ("Could not find"). Both now answer alike, and nothing
	is saved."""
	hidden, own_member = world["hidden"], world["A"]["Union Member"]
	cases = [
		(
			"post",
			"/api/resource/ToDo",
			lambda name: {
				"data": json.dumps(
					{
						"description": "核对",
						"reference_type": "Union Member",
						"reference_name": name,
						"allocated_to": world["users"]["Village User"],
					}
				)
			},
			hidden["Union Member"],
			"HY-999999",
		),
		(
			"put",
			f"/api/resource/Union Member/{own_member}",
			lambda name: {"data": json.dumps({"union": name})},
			hidden["Trade Union"],
			"不存在的工会",
		),
	]
	with SiteClient(server, site) as session:
		assert session.login(world["users"]["Village User"], PASSWORD).ok
		for method, path, body, other, missing in cases:
			seen = getattr(session, method)(path, data=body(other))
			unseen = getattr(session, method)(path, data=body(missing))
			assert seen.status_code == 417, seen.text[:300]
			assert answer(seen, other, missing) == answer(unseen, other, missing), (
				seen.text[:300],
				unseen.text[:300],
			)
		member = session.get(f"/api/resource/Union Member/{own_member}").json()["data"]
		assert member["union"] != hidden["Trade Union"]


@pytest.mark.parametrize(
	"method, extra",
	[("gongjian.join.approve", {}), ("gongjian.join.reject", {"reason": "核对"})],
)
def test_deciding_another_villages_application_answers_as_for_a_missing_one(
	server, site, world, method, extra
):
	"""Attacker review: approving a missing application answered 404, another village's 403."""
	other, missing = world["B"]["Membership Application"], "SQ0000000000"
	with SiteClient(server, site) as session:
		assert session.login(world["users"]["Village User"], PASSWORD).ok
		seen = session.post(f"/api/method/{method}", data={"names": json.dumps([other]), **extra})
		unseen = session.post(f"/api/method/{method}", data={"names": json.dumps([missing]), **extra})
		assert answer(seen, other, missing) == answer(unseen, other, missing), (
			seen.text[:300],
			unseen.text[:300],
		)
		assert frappe.db.get_value("Membership Application", other, "status") == "Awaiting Approval"
