"""Bad input through REST, generated from the DocType meta: for every gongjian DocType a user can write
and every field of it (child rows included), a wrong type, an impossible or nonsensical date, a link to
nothing, a negative or absurd number, oversize text and markup, sent on create and on update of a valid
record. Each must get a 4xx answer with a Chinese message, and nothing may be saved."""

import json
import re
from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest

from gongjian.personal_data import full_value
from gongjian.scoped_doctypes import SEALED_FIELDS
from gongjian.utils.validation import MAY_BE_FUTURE, ROSTER_ROWS
from tests import factories
from tests.http.conftest import SiteClient
from tests.http.world import PASSWORD, build_world, grant, make_user
from tests.reporting import SUMMARY_LINES

NUMBER_TYPES = {"Int", "Float", "Currency", "Percent"}
TEXT_TYPES = {"Data", "Small Text", "Text", "Long Text"}
STANDARD = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "amended_from"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[\s,;:'’-]+[A-Za-z]{2,}){2,}")
NOWHERE = "不存在的记录"


def bad_values(doctype: str, df) -> list[tuple[str, object]]:
	"""(what is wrong, the value) for a field, by its type."""
	if df.fieldtype in NUMBER_TYPES:
		return [("wrong type", "abc"), ("negative", -5), ("absurd number", 10**12)]
	if df.fieldtype == "Check":
		return [("wrong type", "abc"), ("not 0 or 1", 7)]
	if df.fieldtype == "Date":
		values = [
			("wrong type", "abc"),
			("impossible date", "2026-02-30"),
			("nonsensical date", "1800-01-01"),
			("absurd date", "2999-01-01"),
		]
		if (doctype, df.fieldname) not in MAY_BE_FUTURE:
			values.append(("past event in the future", "2099-01-01"))
		return values
	if df.fieldtype == "Link":
		return [("link to nothing", NOWHERE + frappe.generate_hash(length=4)), ("wrong type", 12345)]
	if df.fieldtype == "Select":
		return [("not an option", "不存在的选项"), ("wrong type", ["a"])]
	if df.fieldtype in TEXT_TYPES:
		longest = (df.length or 140) if df.fieldtype == "Data" else 5000
		return [
			("oversize text", "长" * (longest + 1)),
			("script", "<script>alert(1)</script>"),
			("image with onerror", '<img src=x onerror="alert(1)">'),
			("wrong type", {"a": 1}),
		]
	return []


def input_fields(meta) -> list:
	"""The fields a user fills in: not computed, hidden or standard."""
	return [
		df
		for df in meta.fields
		if df.fieldname not in STANDARD and not df.read_only and not df.hidden and not df.is_virtual
	]


def writable_doctypes(role: str) -> list[str]:
	perm = frappe.qb.DocType("DocPerm")
	doctype = frappe.qb.DocType("DocType")
	return (
		frappe.qb.from_(perm)
		.join(doctype)
		.on(perm.parent == doctype.name)
		.select(perm.parent)
		.distinct()
		.where(
			(perm.role == role) & (perm.write == 1) & (doctype.module == "Gongjian") & (doctype.istable == 0)
		)
		.orderby(perm.parent)
		.run(pluck=True)
	)


# Records a process makes, never a client: a survey task comes with its round (their bad input is sent
# on update only; a create is refused whatever its values, tests/http/test_access.py).
MADE_BY_PROCESS = frozenset({"Survey Task"})


def can_create(role: str, doctype: str) -> bool:
	if doctype in MADE_BY_PROCESS:
		return False
	return bool(frappe.db.exists("DocPerm", {"parent": doctype, "role": role, "create": 1}))


@pytest.fixture(scope="module")
def world(site):
	world = build_world()
	world["spare_user"] = make_user("scopeless")
	for role, scope in (
		("Gongjian Manager", {}),
		("Village User", {"villages": [{"village": world["A"]["Village"]}]}),
	):
		user = make_user("badin" + role.split()[-1].lower())
		frappe.db.set_value("User", user, "language", "zh")
		grant(user, role, **scope)
		world["users"][f"zh {role}"] = user
	world["A"]["Township"] = world["township"]
	world["A"]["Gongjian User Scope"] = world["users"]["Gongjian Viewer"]
	world["A"]["Gongjian Settings"] = "Gongjian Settings"
	frappe.db.commit()
	return world


def fresh(doctype: str, field: str, value, world):
	"""A fresh value for a field that must be unique (the record's name, codes, ID numbers)."""
	if field in ("uscc",):
		return factories.make_uscc()
	if field == "id_number" and doctype == "Union Member":
		return factories.resident_id()
	if field == "card_number":
		return None
	if field == "user":
		return world["spare_user"]
	return factories.unique(str(value)[:20])


MEMBER_ID = ("Union Member", "id_number")  # unique by its digest (kept masked)


def typed_value(row, fieldname: str):
	"""What a user would type: the whole number where the record keeps it masked."""
	if fieldname in SEALED_FIELDS.get(row.doctype, {}):
		return full_value(row, fieldname)
	return row.get(fieldname)


def valid_payload(doctype: str, world) -> dict:
	"""A record that may be created: village A's record of the DocType, with fresh unique values."""
	stored = frappe.get_doc(doctype, world["A"][doctype])
	meta = frappe.get_meta(doctype)
	payload = {}
	for df in input_fields(meta):
		value = typed_value(stored, df.fieldname)
		if df.fieldtype in ("Table", "Table MultiSelect"):
			payload[df.fieldname] = [
				{
					d.fieldname: typed_value(row, d.fieldname)
					for d in input_fields(frappe.get_meta(df.options))
				}
				for row in value
			]
			continue
		if df.fieldtype in ("Section Break", "Column Break", "Tab Break", "HTML", "Button"):
			continue
		if value in (None, ""):
			continue
		if df.unique or meta.autoname == f"field:{df.fieldname}" or (doctype, df.fieldname) == MEMBER_ID:
			value = fresh(doctype, df.fieldname, value, world)
		payload[df.fieldname] = str(value) if df.fieldtype in ("Date", "Datetime") else value
	return json.loads(frappe.as_json(payload))


class Tally:
	def __init__(self):
		self.cases, self.server_errors, self.saved, self.not_chinese, self.broken = 0, [], [], [], []

	def judge(self, case: str, response, value) -> None:
		self.cases += 1
		if response.status_code >= 500:
			self.server_errors.append(f"{case}: {response.status_code} {response.text[:200]}")
		elif response.status_code < 400:
			self.saved.append(f"{case}: {response.status_code}")
		else:
			text = message_of(response).replace(str(value), "")
			if not CJK.search(text) or ENGLISH_SENTENCE.search(text):
				self.not_chinese.append(f"{case}: {message_of(response)[:200]!r}")


def message_of(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text
	found = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		message = json.loads(raw)
		found.append(message.get("message", "") if isinstance(message, dict) else str(message))
	return " ".join(found)


def resource(doctype: str, name: str | None = None) -> str:
	return f"/api/resource/{doctype}" + (f"/{name}" if name else "")


def cases_for(doctype: str, base: dict, creating: bool, role: str) -> list[tuple[str, dict, object]]:
	"""(case label, payload, bad value) for every field of the DocType and of its child rows that the
	role may write (Frappe keeps a field of a higher permission level as it was, e.g. 职工之家 for the town)."""
	cases = []
	for df in input_fields(frappe.get_meta(doctype)):
		if df.permlevel and not writes_level(role, doctype, df.permlevel):
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			rows = base.get(df.fieldname) or []
			if not creating or not rows:
				continue
			child = df.options
			for cdf in input_fields(frappe.get_meta(child)):
				if child in ROSTER_ROWS and cdf.fieldtype not in TEXT_TYPES:
					continue  # roster cells are checked row by row by the enrollment, as typed
				for what, value in bad_values(child, cdf):
					row = {**rows[0], cdf.fieldname: value}
					payload = {**base, df.fieldname: [row, *rows[1:]]}
					cases.append((f"{doctype}.{df.fieldname}[0].{cdf.fieldname} {what}", payload, value))
			continue
		for what, value in bad_values(doctype, df):
			payload = {**base, df.fieldname: value} if creating else {df.fieldname: value}
			cases.append((f"{doctype}.{df.fieldname} {what}", payload, value))
	return cases


def writes_level(role: str, doctype: str, permlevel: int) -> bool:
	return bool(
		frappe.db.exists("DocPerm", {"parent": doctype, "role": role, "permlevel": permlevel, "write": 1})
	)


def stored_state(doctype: str, name: str) -> tuple:
	"""How many records there are and when the one updated was last changed, as committed."""
	frappe.db.rollback()
	if frappe.get_meta(doctype).issingle:
		return 1, frappe.as_json(frappe.db.get_singles_dict(doctype))
	return frappe.db.count(doctype), frappe.db.get_value(doctype, name, "modified")


def run_cases(client, role, doctype, world, tally, pool):
	name = world["A"][doctype]
	meta = frappe.get_meta(doctype)
	creating = not meta.issingle and can_create(role, doctype)
	before = stored_state(doctype, name)
	jobs = []
	if creating:
		base = valid_payload(doctype, world)
		control = client.post(resource(doctype), json=base)
		if control.status_code != 200:  # then every case of the DocType would be refused for this reason
			tally.broken.append(f"{role} cannot create a valid {doctype}: {message_of(control)[:200]}")
			return
		frappe.delete_doc(doctype, control.json()["data"]["name"], force=True, ignore_permissions=True)
		frappe.db.commit()
		before = stored_state(doctype, name)
		for case, payload, value in cases_for(doctype, base, True, role):
			jobs.append((f"{role} create {case}", "post", resource(doctype), payload, value))
	for case, payload, value in cases_for(doctype, {}, False, role):
		jobs.append((f"{role} update {case}", "put", resource(doctype, name), payload, value))
	answers = pool.map(lambda job: getattr(client, job[1])(job[2], json=job[3]), jobs)
	for (case, _method, _url, _payload, value), response in zip(jobs, answers, strict=True):
		tally.judge(case, response, value)
	after = stored_state(doctype, name)
	if after != before:
		tally.saved.append(
			f"{role} {doctype}: records {before[0]} -> {after[0]}, modified {before[1]} -> {after[1]}"
		)


@pytest.fixture(scope="module")
def signed_in(server, site, world):
	clients = {}
	for role in ("Gongjian Manager", "Village User"):
		client = SiteClient(server, site)
		assert client.login(world["users"][f"zh {role}"], PASSWORD).status_code == 200
		clients[role] = client
	yield clients
	for client in clients.values():
		client.close()


def test_bad_input_is_refused_in_chinese_and_never_saved(signed_in, world):
	tally = Tally()
	with ThreadPoolExecutor(max_workers=4) as pool:
		for role, client in signed_in.items():
			for doctype in writable_doctypes(role):
				if doctype not in world["A"]:
					continue
				run_cases(client, role, doctype, world, tally, pool)
	line = (
		f"bad input: {tally.cases} cases, {len(tally.server_errors)} server errors, {len(tally.saved)} saved"
	)
	SUMMARY_LINES.append(line + (f", {len(tally.not_chinese)} not in Chinese" if tally.not_chinese else ""))
	problems = tally.broken + tally.server_errors + tally.saved + tally.not_chinese
	assert not problems, line + "\n" + "\n".join(problems[:60])
	assert tally.cases > 500
