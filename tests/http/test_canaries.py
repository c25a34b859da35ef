"""The canary matrix (issue 10): every whitelisted method of Frappe and of the app, called by each role
with village B's names, files and link paths, and every response scanned for canaries planted in B.

- Canaries: a token unique to this run is written into every free-text field of B's records and of
  their child rows, into B's private files, comments and assignments.
- Doors: every function in frappe.whitelisted (the modules of both apps imported), called over HTTP
  with arguments filled by their names (a DocType and a name of B, filters on that name, B's file
  URLs, `fields` of ["*"] and link paths, a document of B as JSON). Methods without such arguments
  are called bare.
- Verdict: a canary in any response to a scoped user (village, enterprise, organizer) is a leak; a
  change to any of B's records (modified, likes, assignments, follows, comments) made by a scoped user
  or the read-only viewer is an escalation.
- The town manager sees and changes every record of the app, so its canaries are in what is not the
  app's: another user's own to-do and the Error Log (System Manager's). A change to any account's
  roles or to System Settings made by the manager is an escalation. The manager goes last: it may
  legitimately change B.
"""

import functools
import importlib
import inspect
import json
import pkgutil

import frappe
import pytest
import requests
from frappe.query_builder import DocType

from gongjian.scoped_doctypes import SCOPED_DOCTYPES
from tests.http.conftest import SiteClient
from tests.http.world import PASSWORD, build_world
from tests.reporting import SUMMARY_LINES

LEAK_ROLES = ("Village User", "Enterprise User", "Union Organizer")
ESCALATION_ROLES = (*LEAK_ROLES, "Gongjian Viewer")
MANAGER = "Gongjian Manager"
ROLES = (*ESCALATION_ROLES, MANAGER)
# B's records each door is aimed at when it takes a DocType and a name.
TARGETS = (
	"Enterprise",
	"Union Member",
	"Trade Union",
	"Membership Transfer",
	"Assessment",
	"Village",
	"Survey Task",
)
# Methods not called: they end the session or change the caller's own account, reach the network,
# or set the site up; none reads or writes a record of B.
SKIPPED_PREFIXES = (
	"frappe.integrations.",
	"frappe.desk.page.setup_wizard.",
	"frappe.sessions.",
	"frappe.www.login.",
	"frappe.core.doctype.user.user.",
	"frappe.twofactor.",
	"frappe.auth.",
	"frappe.handler.logout",
	"frappe.website.doctype.website_settings.",
	"frappe.email.doctype.email_account.",
	"frappe.core.doctype.data_import.",
	"frappe.desk.doctype.system_console.",
	"frappe.utils.backups",
)
SKIPPED = frozenset({"logout", "frappe.handler.web_logout", "frappe.client.delete"})
DOCTYPE_ARGS = frozenset(
	{
		"doctype",
		"dt",
		"ref_doctype",
		"reference_doctype",
		"parenttype",
		"doc_type",
		"document_type",
		"link_doctype",
		"from_doctype",
		"source_doctype",
		"parent_doctype",
	}
)
NAME_ARGS = frozenset(
	{"name", "docname", "dn", "doc_name", "reference_name", "link_name", "source_name", "docnames", "names"}
)
LIST_NAME_ARGS = frozenset({"docnames", "names", "items"})
TEXT_FIELD_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Small Text")
# Codes the rules parse (kept valid so that B's records still compute): not overwritten.
CODE_FIELDS = frozenset(
	{"uscc", "id_number", "relative_of_id", "card_number", "village_code", "naming_series"}
)


@pytest.fixture(scope="module")
def world(site):
	world = build_world()
	world["canary"] = plant_canaries(world)
	world["system_canary"] = plant_system_canaries()
	frappe.db.commit()
	return world


def plant_canaries(world) -> str:
	"""Write a token unique to this run into every free-text field of B's records and their rows, and
	into B's comments, assignments and files. Returns the token."""
	canary = "Cnry" + frappe.generate_hash(length=10)
	for doctype, name in b_records(world):
		meta = frappe.get_meta(doctype)
		values = {
			df.fieldname: f"{canary}-{df.fieldname}"[: df.length or 140]
			for df in meta.fields
			if df.fieldtype in TEXT_FIELD_TYPES
			and df.fieldname not in CODE_FIELDS
			and not df.options
			and not df.unique
		}
		if values:
			frappe.db.set_value(doctype, name, values, update_modified=False)
		for table in meta.get_table_fields():
			child = frappe.get_meta(table.options)
			for df in child.fields:
				if df.fieldtype in TEXT_FIELD_TYPES and df.fieldname not in CODE_FIELDS and not df.options:
					rows = DocType(table.options)
					frappe.qb.update(rows).set(rows[df.fieldname], f"{canary}-{df.fieldname}").where(
						rows.parent == name
					).run()
		frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Comment",
				"reference_doctype": doctype,
				"reference_name": name,
				"content": f"{canary} comment",
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": "Administrator",
				"reference_type": doctype,
				"reference_name": name,
				"description": f"{canary} todo",
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"b-{frappe.generate_hash(length=8)}.txt",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": f"{canary} file",
			}
		).insert()
	plant_in_kept_warnings(world, canary)
	return canary


def plant_in_kept_warnings(world, canary: str) -> None:
	"""B's kept compliance warnings carry the token in each message, kept and rendered (valid JSON: the
	reports read them), so that no door of a scoped account shows them."""
	for row in frappe.get_all(
		"Compliance Finding",
		filters={"village": world["B"]["Village"]},
		fields=["name", "findings", "rendered"],
	):
		findings, rendered = json.loads(row.findings), json.loads(row.rendered)
		for finding in findings["violations"]:
			finding[2] = f"{canary} {finding[2]}"
		for shown in rendered["rendered"]:
			shown["message"] = f"{canary} {shown['message']}"
		frappe.db.set_value(
			"Compliance Finding",
			row.name,
			{
				"findings": json.dumps(findings, ensure_ascii=False),
				"rendered": json.dumps(rendered, ensure_ascii=False),
			},
			update_modified=False,
		)


def plant_system_canaries() -> str:
	"""A token in what belongs to no role of the app: the Administrator's own to-do and an Error Log."""
	canary = "Sys" + frappe.generate_hash(length=10)
	frappe.get_doc(
		{"doctype": "ToDo", "allocated_to": "Administrator", "description": f"{canary} own todo"}
	).insert()
	frappe.get_doc(
		{"doctype": "Error Log", "method": f"{canary} method", "error": f"{canary} trace"}
	).insert()
	return canary


def state_of_site(manager: str) -> dict:
	"""What a manager's escalation would change: any account's roles and the site's settings."""
	frappe.db.rollback()
	roles, singles = DocType("Has Role"), DocType("Singles")
	return {
		"roles": frappe.qb.from_(roles)
		.select(roles.parent, roles.role)
		.where(roles.parenttype == "User")
		.orderby(roles.parent, roles.role)
		.run(),
		"manager": frappe.db.get_value("User", manager, ["modified", "enabled", "user_type"]),
		"System Settings": frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where(singles.doctype == "System Settings")
		.orderby(singles.field)
		.run(),
	}


def b_records(world) -> list[tuple[str, str]]:
	return [
		(doctype, name)
		for doctype, name in world["B"].items()
		if doctype in SCOPED_DOCTYPES or doctype == "Personal Data Access Log"
	]


def whitelisted_methods() -> dict[str, object]:
	"""Every whitelisted function of Frappe and of the app, by dotted path, their modules imported."""
	for app in ("frappe", "gongjian"):
		package = importlib.import_module(app)
		for module in pkgutil.walk_packages(package.__path__, f"{app}."):
			if any(part in module.name for part in (".tests", ".test_", ".patches", "commands")):
				continue
			try:
				importlib.import_module(module.name)
			except Exception:  # noqa: S112 (a module that cannot load has no door to call)
				continue
	methods = {}
	for function in frappe.whitelisted:
		path = f"{function.__module__}.{function.__qualname__}"
		if "." in function.__qualname__ or "<" in path:
			continue  # document methods are reached through run_doc_method on a readable document
		if path in SKIPPED or path.startswith(SKIPPED_PREFIXES):
			continue
		methods[path] = function
	return methods


def argument_sets(function, world) -> list[dict]:
	"""The argument shapes to call `function` with, from its parameter names."""
	params = inspect.signature(inspect.unwrap(function)).parameters
	names = set(params)
	if not names & (DOCTYPE_ARGS | NAME_ARGS | {"filters", "current_filters", "file_url", "doc", "docs"}):
		return [{}]
	sets = []
	for doctype in TARGETS:
		name = world["B"][doctype]
		args = {}
		for param in names:
			if param in DOCTYPE_ARGS:
				args[param] = doctype
			elif param in LIST_NAME_ARGS:
				args[param] = json.dumps([name])
			elif param in NAME_ARGS:
				args[param] = name
			elif param in ("filters", "current_filters"):
				args[param] = json.dumps({"name": name})
			elif param == "fields":
				args[param] = json.dumps(["*"])
			elif param == "fieldname":
				args[param] = json.dumps(["*"])
			elif param in ("doc", "args"):
				args[param] = json.dumps({"doctype": doctype, "name": name})
			elif param == "docs":
				args[param] = json.dumps([{"doctype": doctype, "name": name}])
			elif param in ("file_url", "url"):
				args[param] = world["files"]["B"][doctype]
			elif param in ("txt", "text", "search_text", "query_text"):
				args[param] = world["canary"]
		sets.append(args)
	return sets


def state_of_b(world) -> dict:
	"""What an escalation would change: each B record's stored state and what refers to it."""
	frappe.db.rollback()  # a new snapshot of what the server committed
	state = {}
	for doctype, name in b_records(world):
		state[(doctype, name)] = frappe.db.get_value(
			doctype, name, ["modified", "docstatus", "_liked_by", "_assign", "_comments"], as_dict=True
		)
	names = [name for _doctype, name in b_records(world)]
	for side_table, field in REFERRING.items():
		state[side_table] = frappe.db.count(side_table, {field: ["in", names]})
	return state


# Records that refer to a record of B, by the field that names it.
REFERRING = {
	"Comment": "reference_name",
	"ToDo": "reference_name",
	"Document Follow": "ref_docname",
	"File": "attached_to_name",
	"Version": "docname",
}


def call(session, path, function, args) -> requests.Response | None:
	methods = frappe.allowed_http_methods_for_whitelisted_func.get(function) or ["GET", "POST"]
	try:
		if "POST" in methods:
			return session.post(f"/api/method/{path}", data=args, timeout=30)
		return session.get(f"/api/method/{path}", params=args, timeout=30)
	except requests.RequestException:
		return None


def test_canary_matrix(server, site, world):
	methods = whitelisted_methods()
	canary = world["canary"]
	leaks, escalations, cases = [], [], 0
	for role in ROLES:
		user = world["users"][role]
		if role == MANAGER:
			canary = world["system_canary"]
			state = functools.partial(state_of_site, user)
		else:
			state = functools.partial(state_of_b, world)
		with SiteClient(server, site) as session:
			assert session.login(user, PASSWORD).ok
			before = state()
			for path, function in sorted(methods.items()):
				for args in argument_sets(function, world):
					response = call(session, path, function, args)
					cases += 1
					if response is not None and role in (*LEAK_ROLES, MANAGER) and canary in response.text:
						leaks.append(f"LEAK {role} {path} {args}: …{excerpt(response.text, canary)}…")
				after = state()
				if after != before:
					changed = [key for key in after if after[key] != before.get(key)]
					escalations.append(f"ESCALATION {role} {path}: {changed}")
					before = after
			# REST routes: each of B's records and lists, with link paths and every field.
			for doctype, name in [
				*b_records(world),
				("Compliance Finding", world["B"]["Compliance Finding"]),
			]:
				for url, params in (
					(f"/api/resource/{doctype}/{name}", {}),
					(f"/api/resource/{doctype}", {"fields": '["*"]', "limit_page_length": 0}),
					(f"/api/resource/{doctype}", {"filters": json.dumps({"name": name}), "fields": '["*"]'}),
					("/printview", {"doctype": doctype, "name": name}),
					(world["files"]["B"].get(doctype, "/private/files/none"), {}),
				):
					response = session.get(url, params=params)
					cases += 1
					if role in (*LEAK_ROLES, MANAGER) and canary in response.text:
						leaks.append(f"LEAK {role} GET {url} {params}: …{excerpt(response.text, canary)}…")
	SUMMARY_LINES.append(
		f"access matrix: {len(ROLES)} roles x {len(TARGETS)} doctypes x {len(methods)} methods "
		f"= {cases} cases, {len(leaks)} leaks, {len(escalations)} escalations"
	)
	assert not leaks + escalations, "\n".join(leaks + escalations)


def excerpt(text: str, canary: str) -> str:
	at = text.find(canary)
	return text[max(0, at - 120) : at + 60]
