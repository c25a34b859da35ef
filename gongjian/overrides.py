"""Frappe 15 doors that scoped users could walk through, closed from the app.

Each override keeps the original's behaviour and signature but for the one hole it closes:
- frappe.client.get_count counts with frappe.db.count, which checks no permission at all;
- search_link / search_widget with ignore_user_permissions=1 drop every row-level check
  (User Permissions and permission_query_conditions) after a role-level check only;
- query_report.run trusts a `user` argument from the client (it turns off the after-query filter
  for that user) and loads any Prepared Report named in the filters, whoever made it.
"""

import inspect
import json
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe import client as frappe_client
from frappe.core.doctype.user.user import reset_password as frappe_reset_password
from frappe.desk import listview, query_report, reportview, search
from frappe.desk.form import load as form_load
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.query_builder import DocType, Order
from frappe.query_builder.functions import Count
from frappe.utils import get_safe_filters

from gongjian.permissions import get_scope, in_scope, is_transfer_destination, record_readable
from gongjian.scoped_doctypes import APP_DOCTYPES, CHILD_PARENTS, SCOPED_DOCTYPES

MAX_SEARCH_RESULTS = 50
# Login, logout, password reset, the member card's check (gongjian/member_card.py) and a worker's own
# door (gongjian/join.py: the join page, the application's status, the e-card) are all a guest may
# reach. (/ and /app send a guest to the login page themselves.)
GUEST_PATHS = ("/login", "/update-password", "/app", "/assets/", "/card-check", "/join", "/my-card")
# Files the login page itself loads (every request it makes must succeed).
GUEST_FILES = frozenset({"/website_script.js"})
GUEST_METHODS = frozenset(
	{
		"login",
		"logout",
		"ping",
		"frappe.auth.get_logged_user",
		"frappe.www.login.login_via_token",
		"frappe.www.login.send_login_link",
		"frappe.core.doctype.user.user.reset_password",
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.website.doctype.website_settings.website_settings.get_website_settings",
		"gongjian.join.apply",
		"gongjian.join.open_card",
	}
)


@frappe.whitelist()
@frappe.read_only()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Count only the rows the user could list. A bare string is a document name, as in Frappe's."""
	filters = get_safe_filters(filters)
	if isinstance(filters, str):
		filters = {"name": filters}
	rows = frappe.get_list(doctype, filters=filters, fields=["count(*) as total"], limit_page_length=0)
	return rows[0].total if rows else 0


@frappe.whitelist()
def count_for_list() -> int:
	"""frappe.desk.reportview.get_count. Frappe 15.7x and later count every DocType shortcut of a
	workspace, the settings' single record too, whose count query fails for want of a table (500).
	Frappe's count, read-only itself, reads from the replica; a fallback to the primary says nothing
	here, as for Frappe's other list reads."""
	doctype = frappe.form_dict.get("doctype")
	# The cached meta: a workspace counts some twenty shortcuts at each visit.
	if doctype and frappe.get_meta(doctype).issingle:
		frappe.has_permission(doctype, "read", throw=True)
		return 1
	return reportview.get_count()


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters=None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	reject_other_than_search_query(query)
	if doctype == "Union Member" and not query and is_whole_id_number(txt):
		# members keep ID numbers masked: a whole one typed into a member field finds its member
		from gongjian.personal_data import find_member

		txt = find_member(txt) or txt
	results = search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=min(int(page_length or 10), MAX_SEARCH_RESULTS),
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=False,
	)
	# The description lists the record's search fields as stored: kinds and statuses in English.
	for result in results or []:
		if isinstance(result, dict) and result.get("description"):
			result["description"] = ", ".join(_(part) for part in result["description"].split(", "))
	return results


def is_whole_id_number(text) -> bool:
	return isinstance(text, str) and len(text.strip()) == 18 and text.strip()[:17].isdigit()


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters=None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	reject_other_than_search_query(query)
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=min(int(page_length or 10), MAX_SEARCH_RESULTS),
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=False,
	)


SEARCH_QUERY_ARGUMENTS = {"doctype", "txt", "searchfield", "start", "page_len", "filters"}


def reject_other_than_search_query(query) -> None:
	"""A link field's search calls `query`, any whitelisted method, with the search's arguments, past the
	request guard and the app's overrides: only a search query (a method taking those arguments) may be."""
	if not query:
		return
	try:
		function = inspect.unwrap(frappe.get_attr(query))
		takes = set(inspect.signature(function).parameters)
	except Exception:
		takes = set()
	if not SEARCH_QUERY_ARGUMENTS <= takes:
		raise frappe.PermissionError(_("Not a search query"))


def without_foreign_prepared_report(filters):
	"""Drop a prepared_report_name that names another user's Prepared Report."""
	if isinstance(filters, str):
		try:
			filters = json.loads(filters or "{}")
		except ValueError:
			filters = None
	if filters is None:
		filters = {}
	if isinstance(filters, dict) and filters.get("prepared_report_name"):
		owner = frappe.db.get_value("Prepared Report", filters["prepared_report_name"], "owner")
		if owner != frappe.session.user:
			filters = {k: v for k, v in filters.items() if k != "prepared_report_name"}
	return filters


@frappe.whitelist()
@frappe.read_only()
def run_report(
	report_name,
	filters=None,
	user=None,
	ignore_prepared_report=False,
	custom_columns=None,
	is_tree=False,
	parent_field=None,
	are_default_filters=True,
):
	"""Run a report as the session user, whatever `user` the client names."""
	if user and user != frappe.session.user:
		raise frappe.PermissionError(_("A report runs as the signed-in user only"))
	filters = without_foreign_prepared_report(filters)
	if frappe.db.get_value("Report", report_name, "module") == "Gongjian" and (
		not isinstance(filters, dict) or any(isinstance(value, dict | list) for value in filters.values())
	):
		# The app's reports take one value per filter, as their page sends them.
		frappe.throw(_("Report filters must be given as one value per filter"), frappe.ValidationError)
	return query_report.run(
		report_name,
		filters=filters,
		user=frappe.session.user,
		ignore_prepared_report=ignore_prepared_report,
		custom_columns=custom_columns,
		is_tree=is_tree,
		parent_field=parent_field,
		are_default_filters=are_default_filters,
	)


@frappe.whitelist()
@frappe.read_only()
def export_report(**kwargs):
	"""query_report.export_query reads frappe.form_dict: clean it, then export as Frappe does."""
	form = frappe.local.form_dict
	if form.get("filters"):
		form["filters"] = json.dumps(without_foreign_prepared_report(form["filters"]))
	return query_report.export_query()


@frappe.whitelist()
@frappe.read_only()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts. Frappe counts assignments over frappe.qb.get_query, which checks no
	permission (a yes/no oracle on any field of any record): count them over the rows the user can list."""
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name", limit=0)
	if not names:
		return []
	todo, user = DocType("ToDo"), DocType("User")
	count = Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (todo.allocated_to == user.name)
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(names)
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=Order.desc)
		.limit(50)
		.run(as_dict=True)
	)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""The desk's check of a typed link. Frappe confirms whether any name exists: a scoped user learns
	it only of records they may read, and of the township's Members' Home, where a retained membership
	is kept (its values still need read permission)."""
	if (
		isinstance(doctype, str)
		and isinstance(docname, str)
		and doctype in SCOPED_DOCTYPES
		and not get_scope().everything
		and not may_link(doctype, docname)
	):
		return frappe._dict(name=None)
	return frappe_client.validate_link(doctype, docname, fields)


def unit_of_a_transfer_destination(unit: str, user: str) -> bool:
	row = DocType("Trade Union Unit")
	unions = (
		frappe.qb.from_(row)
		.select(row.parent)
		.where((row.enterprise == unit) & (row.parenttype == "Trade Union"))
		.run(pluck=True)
	)
	return any(is_transfer_destination(union, user) for union in unions)


def may_link(doctype: str, name: str) -> bool:
	if not frappe.db.exists(doctype, name):
		return False
	if doctype == "Trade Union" and frappe.db.get_value(doctype, name, "union_kind") == "Members' Home":
		return True
	if doctype == "Trade Union" and is_transfer_destination(name, frappe.session.user):
		return True  # the receiving union of a transfer, named only (its values need read permission)
	if doctype == "Enterprise" and unit_of_a_transfer_destination(name, frappe.session.user):
		return True  # the new employer beside it
	return in_scope(doctype, name, frappe.session.user)


@frappe.whitelist(allow_guest=True, methods=["POST"])
def reset_password(user: str) -> str:
	"""Frappe answers 'not found', 'disabled' or the account's full name: an oracle of which addresses
	have accounts. Every address gets the same answer; Frappe's own limit on requests still applies."""
	if not EmailAccount.find_default_outgoing() and not frappe.conf.get("mail_server"):
		frappe.msgprint(
			_("Password reset by email is not set up here: ask the town union office to reset your password")
		)
		return "not set up"
	try:
		frappe_reset_password(user)
	except (frappe.ValidationError, frappe.OutgoingEmailError):  # the same answer: see the Error Log
		frappe.log_error("Password reset")
	frappe.clear_messages()
	frappe.local.response.pop("http_status_code", None)
	frappe.msgprint(
		_("If an account uses this address, the instructions to reset its password have been sent to it"),
		title=_("Password Email Sent"),
	)
	return "sent"


FILTER_ARGUMENTS = ("filters", "or_filters", "current_filters")
# These read a filter given as a bare string as a document name ({"name": …}), as the desk sends it
# (frappe.db.get_value("Report", "Semiannual Survey", …)). Every other method pastes such a string, or
# a string inside a list of filters, straight into the SQL (DatabaseQuery, get_stats, get_sidebar_stats,
# search_widget…), where "1=1 or 1=1" defeats the user's scope.
NAME_FILTER_METHODS = frozenset({"frappe.client.get_value", "frappe.client.get", "frappe.client.get_count"})
METHOD_PREFIXES = ("/api/method/", "/api/v1/method/", "/api/v2/method/")


def called_method() -> str | None:
	"""The whitelisted method this request calls: by its /api/…/method/ path or the old `cmd` form."""
	if cmd := frappe.local.form_dict.get("cmd"):
		return str(cmd).strip("/")
	path = frappe.local.request.path
	for prefix in METHOD_PREFIXES:
		if path.startswith(prefix):
			return path.removeprefix(prefix).strip("/")
	return None


def is_raw_sql(value, name_allowed: bool) -> bool:
	try:
		parsed = frappe.parse_json(value) if isinstance(value, str) else value
	except ValueError:
		parsed = value
	if isinstance(parsed, str):
		return not name_allowed
	return isinstance(parsed, list) and any(isinstance(f, str) for f in parsed)


def reject_raw_sql_filters(method: str | None):
	"""Refuse a filter given as SQL; a bare document name is fine where the method reads it as one."""
	name_allowed = method in NAME_FILTER_METHODS
	for key in FILTER_ARGUMENTS:
		value = frappe.local.form_dict.get(key)
		if value and is_raw_sql(value, name_allowed):
			raise frappe.PermissionError(_("Filters must be given as lists or mappings"))


# Methods that act on records and check no permission on them in Frappe 15 (or only read): reading a
# record's title or linked documents, following it (Frappe's digest then mails its changes), and marking
# it (likes, tags, comments, assignments), which a read-only user may not do.
# method -> (DocType argument, name argument, permission needed, names given as a JSON list)
RECORD_METHODS = {
	"frappe.desk.form.linked_with.get_submitted_linked_docs": ("doctype", "name", "read", False),
	"frappe.desk.form.linked_with.get": ("doctype", "docname", "read", False),
	"frappe.desk.form.document_follow.follow_document": ("doctype", "doc_name", "read", False),
	"frappe.desk.form.document_follow.unfollow_document": ("doctype", "doc_name", "read", False),
	"frappe.desk.like.toggle_like": ("doctype", "name", "write", False),
	"frappe.desk.form.utils.add_comment": ("reference_doctype", "reference_name", "write", False),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn", "write", False),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn", "write", False),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs", "write", True),
	"frappe.desk.form.assign_to.add": ("doctype", "name", "write", False),
	"frappe.desk.form.assign_to.remove": ("doctype", "name", "write", False),
	"frappe.desk.form.assign_to.remove_multiple": ("doctype", "names", "write", True),
	"frappe.desk.form.assign_to.add_multiple": ("doctype", "name", "write", True),
	# Applies the assignment rules to each record named, whoever asks.
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply": (
		"doctype",
		"docnames",
		"write",
		True,
	),
}
# Arguments some of Frappe's methods accept from any caller and obey.
TRUSTED_ONLY_ARGUMENTS = ("ignore_permissions",)


def reject_unreadable_record(method: str | None):
	for argument in TRUSTED_ONLY_ARGUMENTS:
		if frappe.local.form_dict.get(argument) not in (None, "", 0, "0", False, "false"):
			raise frappe.PermissionError(_("Not permitted"))
	if method not in RECORD_METHODS:
		return
	doctype_arg, name_arg, ptype, many = RECORD_METHODS[method]
	doctype, names = frappe.local.form_dict.get(doctype_arg), frappe.local.form_dict.get(name_arg)
	if many and isinstance(names, str):
		try:
			names = frappe.parse_json(names)
		except ValueError:
			return  # Frappe's own argument checks answer
	names = names if isinstance(names, list) else [names]
	if not isinstance(doctype, str) or not all(isinstance(name, str) for name in names):
		return
	for name in names:
		if not record_readable(doctype, name, ptype):
			raise frappe.PermissionError(_("This record does not exist, or you may not see it"))


# Frappe's methods load the record they are given by name before checking that the caller may read
# it, then answer "not found" for a name that does not exist and "not permitted" (naming the record, or
# its village) for another village's: a scoped user would learn which names exist. So every method
# given one of the app's DocTypes and a name, in one of these argument pairs (the first present counts),
# needs that record readable, and both get the same refusal.
RECORD_ARGUMENT_PAIRS = (
	("doctype", "old_name"),  # frappe.client.rename_doc
	("doctype", "old"),  # frappe.model.rename_doc.rename_doc
	("doctype", "docname"),
	("doctype", "doc_name"),
	("dt", "dn"),
	("reference_doctype", "reference_name"),
	("doctype", "docnames"),
	("doctype", "names"),
	("doctype", "name"),
	("doc", "name"),
)
# Methods whose name argument is not a record of the DocType (a report or print format being made), or
# that answer alike for a record not readable and a missing one themselves (the app's overrides).
NOT_RECORD_ARGUMENTS = frozenset(
	{
		"frappe.desk.reportview.save_report",
		"frappe.printing.page.print_format_builder.print_format_builder.create_custom_format",
		"frappe.email.doctype.email_group.email_group.import_from",
		"frappe.client.validate_link",
		"frappe.desk.search.get_link_title",
		"frappe.desk.form.load.getdoc",
		"gongjian.overrides.validate_link",
		"gongjian.overrides.get_link_title",
		"gongjian.overrides.getdoc",
	}
)
# Pages that show one record named in the query string.
NAMED_RECORD_PAGES = ("/printview",)
# REST paths naming one record: /api/resource/<DocType>/<name>, /api/v1/… and /api/v2/document/….
RECORD_PATH_MARKERS = ("resource", "document")


# Arguments that carry whole documents as JSON (save, submit, print views, document methods).
DOCUMENT_ARGUMENTS = ("doc", "docs")
# Print views that render a document given as JSON: they print the stored record instead, so that values
# typed into the JSON (another village's member on a transfer letter, a card number) are not rendered.
PRINT_VIEWS = frozenset(
	{"frappe.www.printview.get_html_and_style", "frappe.www.printview.get_rendered_raw_commands"}
)


# They make records: a name already taken is Frappe's duplicate error, as for any unique name.
INSERTS = frozenset({"frappe.client.insert", "frappe.client.insert_many"})


def documents_given(value) -> list[dict]:
	if isinstance(value, str) and value[:1] in "[{":
		try:
			value = frappe.parse_json(value)
		except ValueError:
			return []
	value = value if isinstance(value, list) else [value]
	return [doc for doc in value if isinstance(doc, dict)]


def stored_documents(method: str | None) -> list[tuple[str, str]]:
	"""(DocType, name) of each stored record of the app given as JSON: a document not marked new names a
	record to change, submit or print, which the user must be able to read."""
	if method in INSERTS:
		return []
	found = []
	for argument in DOCUMENT_ARGUMENTS:
		for doc in documents_given(frappe.local.form_dict.get(argument)):
			doctype = doc.get("doctype")
			new = doc.get("__islocal") or not doc.get("name")
			if doctype not in APP_DOCTYPES or (new and method not in PRINT_VIEWS):
				continue  # a new document is made, not read (a print view prints stored records only)
			found.append((doctype, doc.get("name") or ""))
	return found


def print_stored_record(method: str | None):
	"""A print view given an app's document as JSON prints the stored record of that name."""
	form = frappe.local.form_dict
	if method not in PRINT_VIEWS or form.get("name"):
		return
	documents = documents_given(form.get("doc"))
	if len(documents) == 1 and documents[0].get("doctype") in APP_DOCTYPES:
		form["doc"], form["name"] = documents[0]["doctype"], str(documents[0].get("name") or "")


def names_given(value) -> list | None:
	if isinstance(value, str) and value.startswith("["):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			return None
	value = value if isinstance(value, list) else [value]
	return value if value and all(isinstance(name, str | int) and name != "" for name in value) else None


def named_records(method: str | None) -> tuple[str, list] | None:
	"""The app's DocType and the names this request reads or changes by name, if it names any."""
	form = frappe.local.form_dict
	if method:
		if method in NOT_RECORD_ARGUMENTS:
			return None
		for doctype_arg, name_arg in RECORD_ARGUMENT_PAIRS:
			doctype, names = form.get(doctype_arg), form.get(name_arg)
			if isinstance(doctype, str) and doctype in APP_DOCTYPES and names not in (None, ""):
				return (doctype, names_given(names) or [""])
			if isinstance(doctype, str) and doctype in CHILD_PARENTS and isinstance(names, str) and names:
				return row_record(doctype, names)
		return None
	path = frappe.local.request.path
	if path.rstrip("/") in NAMED_RECORD_PAGES:
		doctype, name = form.get("doctype"), form.get("name")
	else:
		parts = path.strip("/").split("/")
		if not parts or parts[0] != "api":
			return None
		parts = parts[2:] if len(parts) > 1 and parts[1] in ("v1", "v2") else parts[1:]
		if len(parts) < 3 or parts[0] not in RECORD_PATH_MARKERS:
			return None
		rest = parts[2:]
		if "method" in rest:  # /api/v2/document/<DocType>/<name>/method/<method>
			rest = rest[: rest.index("method")]
		doctype, name = unquote(parts[1]), unquote("/".join(rest))
	if isinstance(doctype, str) and doctype in APP_DOCTYPES and name:
		return (doctype, [name])
	return None


def row_record(doctype: str, name: str) -> tuple[str, list]:
	"""A row given by name (frappe.client.set_value on a table row) is changed through its record: that
	record must be readable. A row that does not exist reads as a record not readable (Frappe 15 answered
	it with a server error, another village's with "not permitted")."""
	row = frappe.db.get_value(doctype, name, ["parenttype", "parent"], as_dict=True)
	return (row.parenttype, [row.parent]) if row else (CHILD_PARENTS[doctype], [""])


def reject_unreadable_named_record(method: str | None):
	if get_scope().everything:
		return
	records = [(doctype, name) for doctype, name in stored_documents(method)]
	if named := named_records(method):
		records += [(named[0], name) for name in named[1]]
	if not all(record_readable(doctype, name) for doctype, name in records):
		raise frappe.PermissionError(_("This record does not exist, or you may not see it"))


@frappe.whitelist()
def get_record(doctype, name=None, filters=None, parent=None):
	"""frappe.client.get. Frappe finds the record by the filters among all rows, then refuses one the user
	may not read: any field of any record answers yes or no. The record is found among those the user may
	list, and none found is refused as a record not readable is."""
	if not name and (filters or filters == {}) and not frappe.get_meta(doctype).issingle:
		try:
			parsed = frappe.parse_json(filters)
		except ValueError:
			parsed = filters  # not JSON: a name, as get_value reads it
		if isinstance(parsed, str):
			name = parsed
		else:
			found = frappe.get_list(
				doctype, filters=parsed, pluck="name", limit_page_length=1, parent_doctype=parent
			)
			name = found[0] if found else None
	if (name or not frappe.get_meta(doctype).issingle) and not record_readable(doctype, name):
		raise frappe.PermissionError(_("This record does not exist, or you may not see it"))
	return frappe_client.get(doctype, name=name, parent=parent)


@frappe.whitelist()
def getdoc(doctype, name, user=None):
	"""The desk's form load. Frappe answers an empty list for a name that does not exist (the desk then
	shows "not found", or a new form for a "new-…" name) and "not permitted" for one the user may not
	read: that one gets the empty list too."""
	if doctype and name and not record_readable(doctype, name):
		return []
	return form_load.getdoc(doctype, name)  # Frappe 15.7x and later take no `user`


@frappe.whitelist()
def get_link_title(doctype, docname):
	"""A link's title, shown beside it: Frappe reads it with no permission check."""
	if (
		isinstance(doctype, str)
		and doctype in SCOPED_DOCTYPES
		and not get_scope().everything
		and not may_link(doctype, str(docname))
	):
		return docname
	return search.get_link_title(doctype, docname)


@frappe.whitelist(methods=["POST", "PUT"])
def bulk_update(docs):
	"""frappe.client.bulk_update sends each failure's Python traceback to the caller: send its message."""
	result = frappe_client.bulk_update(docs)
	for failed in result.get("failed_docs", []):
		failed.pop("exc", None)
		failed["message"] = _("Not saved")
	return result


FIELD_ARGUMENTS = ("fields", "fieldname")


def requested_doctype() -> str | None:
	if doctype := frappe.local.form_dict.get("doctype"):
		return doctype if isinstance(doctype, str) else None
	parts = frappe.local.request.path.split("/")
	# /api/resource/<DocType>[/<name>] and /api/v1/resource/…
	if "resource" in parts and parts.index("resource") + 1 < len(parts):
		return unquote(parts[parts.index("resource") + 1])
	return None


def reject_linked_fields():
	"""Frappe reads `link_field.fieldname` in `fields` by joining the linked table, and applies the
	user's scope to the main table only: a scoped user may not read a scoped record's fields that way."""
	doctype = requested_doctype()
	if not doctype or not frappe.db.exists("DocType", doctype) or get_scope().everything:
		return
	meta = frappe.get_meta(doctype)
	for key in FIELD_ARGUMENTS:
		value = frappe.local.form_dict.get(key)
		if not value:
			continue
		try:
			fields = frappe.parse_json(value) if isinstance(value, str) else value
		except ValueError:
			fields = value
		if isinstance(fields, str):
			fields = fields.split(",")
		for field in fields if isinstance(fields, list | tuple) else []:
			if not isinstance(field, str) or "." not in field:
				continue
			path = field.split(" as ")[0]
			if "." not in path:
				continue
			link_name, linked_field = (part.strip().strip("`") for part in path.split(".", 1))
			link = meta.get_field(link_name)
			child = (
				link.options if link and link.fieldtype in TABLE_FIELDTYPES else link_name.removeprefix("tab")
			)
			if child in ROWS_FILTERED_BY_READER:
				raise frappe.PermissionError(_("Rows of this table cannot be read through this list"))
			if link and link.fieldtype == "Link" and link.options in SCOPED_DOCTYPES:
				if linked_field == shown_title(link.options):
					continue  # the list view's own request: the title shown beside a link
				raise frappe.PermissionError(_("Fields of a linked record cannot be read through this list"))


# Child rows a parent's controller filters to the reader's scope (Union Organizer.visible_assignments):
# list columns and filters on them would read past that filter.
ROWS_FILTERED_BY_READER = frozenset({"Organizer Assignment"})
TABLE_FIELDTYPES = ("Table", "Table MultiSelect")


def reject_filters_on_filtered_rows():
	"""A filter on such rows answers which parents have rows in another village, and how many."""
	if get_scope().everything:
		return
	for key in ("filters", "or_filters"):
		value = frappe.local.form_dict.get(key)
		try:
			filters = frappe.parse_json(value) if isinstance(value, str) else value
		except ValueError:
			continue
		if isinstance(filters, list) and any(
			isinstance(f, list | tuple) and f and f[0] in ROWS_FILTERED_BY_READER for f in filters
		):
			raise frappe.PermissionError(_("Rows of this table cannot be read through this list"))


def unreadable_fieldnames(doctype: str) -> set[str]:
	"""Fields of `doctype` and its rows at a permission level the user may not read (sealed personal
	numbers, the birth date): Frappe drops them from `fields`, not from filters or the sort order."""
	meta = frappe.get_meta(doctype)
	parent = frappe.local.form_dict.get("parent") if meta.istable else None
	if meta.istable and not (isinstance(parent, str) and frappe.db.exists("DocType", parent)):
		levels = {0}
	else:
		levels = set(frappe.new_doc(parent or doctype).get_permlevel_access("read")) | {0}
	tables = [meta, *(frappe.get_meta(table.options) for table in meta.get_table_fields())]
	return {df.fieldname for table in tables for df in table.fields if (df.permlevel or 0) not in levels}


def filter_fieldnames(filters) -> set[str]:
	"""The field names a list's filters use, in Frappe's forms: a dict, [doctype, field, op, value],
	[field, op, value] or [field, value]."""
	if isinstance(filters, dict):
		names = {str(key) for key in filters}
	else:
		names = set()
		for f in filters if isinstance(filters, list | tuple) else []:
			if isinstance(f, list | tuple) and len(f) >= 2:
				names.add(str(f[1] if len(f) >= 4 else f[0]))
			elif isinstance(f, dict):
				names |= filter_fieldnames(f)
	return {name.split(".")[-1].strip("`") for name in names}


def reject_sorting_or_filtering_by_unreadable_fields():
	"""A filter or sort order on a field one may not read answers its value one question at a time
	(a birth date by bisection, a digest character by character)."""
	doctype = requested_doctype()
	if not doctype or frappe.session.user == "Administrator" or not frappe.db.exists("DocType", doctype):
		return
	hidden = unreadable_fieldnames(doctype)
	if not hidden:
		return
	form = frappe.local.form_dict
	used = set()
	for key in ("filters", "or_filters"):
		value = form.get(key)
		try:
			used |= filter_fieldnames(frappe.parse_json(value) if isinstance(value, str) else value)
		except ValueError:
			continue
	for key in ("order_by", "group_by", "sort_by", "order_by_field"):
		if isinstance(form.get(key), str):
			used |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", form[key]))
	if used & hidden:
		raise frappe.PermissionError(_("This list cannot be filtered or sorted by that field"))


def reject_rows_of_unreadable_parents():
	"""`parent=<DocType>` lists a child table's rows after checking only that the parent DocType is
	readable, not which parents: Frappe's own child tables (contact phones, dynamic links, event
	participants, roles of users) are read that way by no desk page, so only System Managers may."""
	doctype = requested_doctype()
	if not frappe.local.form_dict.get("parent") or not doctype or doctype in CHILD_PARENTS:
		return
	if not frappe.db.exists("DocType", {"name": doctype, "istable": 1}):
		return
	if "System Manager" not in frappe.get_roles():
		raise frappe.PermissionError(_("Rows of this table cannot be read through this list"))


def reject_missing_arguments(method: str | None, missing=(None, "")):
	"""An app method called without an argument it needs answers in Chinese, not with Frappe's HTTP 500
	(the TypeError of the call). A guest page sends every field, empty ones too: those its method
	answers itself, naming the field."""
	if not method or not method.startswith("gongjian."):
		return
	try:
		function = inspect.unwrap(frappe.get_attr(method))
	except Exception:  # noqa: S110 (Frappe answers an unknown method itself)
		return
	for name, param in inspect.signature(function).parameters.items():
		if param.default is inspect.Parameter.empty and param.kind is param.POSITIONAL_OR_KEYWORD:
			if frappe.local.form_dict.get(name) in missing:
				frappe.throw(_("The request lacks the argument {0}").format(name), frappe.ValidationError)


def shown_title(doctype: str) -> str | None:
	meta = frappe.get_meta(doctype)
	return meta.title_field if meta.show_title_field_in_link else None


def reject_roster_download(path: str) -> None:
	"""Frappe lets whoever reads a record download its private files, deciding without the File hooks:
	an uploaded roster (whole ID numbers) goes to its uploader and the town manager only."""
	from gongjian.permissions import is_roster_file

	url = frappe.local.form_dict.get("file_url") if not path.startswith("/private/files/") else path
	if not isinstance(url, str) or not url.startswith("/private/files/"):
		return
	rows = frappe.get_all(
		"File", filters={"file_url": url}, fields=["owner", "attached_to_doctype", "attached_to_field"]
	)
	user = frappe.session.user
	if rows and all(is_roster_file(row) and row.owner != user for row in rows):
		if user != "Administrator" and "Gongjian Manager" not in frappe.get_roles(user):
			raise frappe.PermissionError(_("Only its uploader and the town manager may download a roster"))


def guard_request():
	"""auth hook (after cookie, token or OAuth login): a guest reaches the login page and nothing else,
	nobody passes raw SQL as a filter, and a method acting on one record needs that record readable."""
	if not getattr(frappe.local, "request", None):
		return
	path = frappe.local.request.path
	method = called_method()
	if method or path.startswith("/api/"):
		reject_raw_sql_filters(method)
	if frappe.session.user != "Guest":
		reject_roster_download(path)
		reject_unreadable_record(method)
		reject_unreadable_named_record(method)
		print_stored_record(method)
		reject_linked_fields()
		reject_filters_on_filtered_rows()
		reject_sorting_or_filtering_by_unreadable_fields()
		reject_rows_of_unreadable_parents()
		reject_missing_arguments(method)
		return
	if method:
		if method in GUEST_METHODS:
			reject_missing_arguments(method, missing=(None,))
			return
		raise frappe.PermissionError(_("Please log in"))
	if path in GUEST_FILES or path == "/" or (path.startswith(GUEST_PATHS) and not path.startswith("/api/")):
		return
	raise frappe.PermissionError(_("Please log in"))


@frappe.whitelist()
@frappe.read_only()
def export_list():
	"""A list's export (report view). With 翻译值 ticked, Frappe 15 writes all rows so far again after
	each row (n rows make n(n+1)/2) and still leaves option values in English: export untranslated,
	then translate the option values in the file written."""
	form = frappe.local.form_dict
	translate = form.pop("translate_values", None) == "1" and frappe.local.lang != "en"
	reportview.export_query()
	if translate and frappe.response.get("filecontent"):
		frappe.response["filecontent"] = translated_export(
			form.get("doctype"), frappe.response["filecontent"], form.get("file_format_type")
		)


def translated_export(doctype: str, content: bytes, file_format: str) -> bytes:
	"""The export's Select columns (found by their translated labels) with their values translated."""
	import csv
	import io

	from openpyxl import load_workbook

	options = {
		_(df.label): set((df.options or "").split("\n"))
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype == "Select" and df.label
	}

	def translate_rows(rows: list[list]) -> list[list]:
		columns = {i: options[label] for i, label in enumerate(rows[0] if rows else []) if label in options}
		for row in rows[1:]:
			for i, allowed in columns.items():
				if i < len(row) and row[i] in allowed and row[i]:
					row[i] = _(row[i])
		return rows

	if file_format == "Excel":
		book = load_workbook(io.BytesIO(content))
		sheet = book.active
		rows = translate_rows([[cell.value for cell in row] for row in sheet.iter_rows()])
		for r, row in enumerate(sheet.iter_rows()):
			for c, cell in enumerate(row):
				cell.value = rows[r][c]
		out = io.BytesIO()
		book.save(out)
		return out.getvalue()
	text = content.decode("utf-8-sig")
	rows = translate_rows(list(csv.reader(io.StringIO(text))))
	out = io.StringIO()
	csv.writer(out, quoting=csv.QUOTE_NONNUMERIC).writerows(
		[[int(v) if c == 0 and v.isdigit() else v for c, v in enumerate(row)] for row in rows]
	)
	return out.getvalue().encode("utf-8")


@frappe.whitelist()
def dashboard_chart(chart_name=None, chart=None, **kwargs):
	"""Frappe computes here the data of a chart counted from a DocType; asked for a chart drawn from a
	report (the workspace's) or from a custom source, whose data the desk takes from those, it answered a
	server error. Such a chart is refused in Chinese."""
	from frappe.desk.doctype.dashboard_chart import dashboard_chart as charts

	if isinstance(chart_name, str) and chart_name:
		chart_type = frappe.db.get_value("Dashboard Chart", chart_name, "chart_type")
	else:
		chart_type = (
			(frappe.parse_json(chart) or {}).get("chart_type") if isinstance(chart, str | dict) else None
		)
	if chart_type in ("Report", "Custom"):
		frappe.throw(_("This chart is drawn from its report: open the report for its figures"))
	return charts.get(chart_name=chart_name, chart=chart, **kwargs)
