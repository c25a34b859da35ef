"""Frappe 15 doors that scoped users could walk through, closed from the app.

Each override keeps the original's behaviour and signature but for the one hole it closes:
- frappe.client.get_count counts with frappe.db.count, which checks no permission at all;
- search_link / search_widget with ignore_user_permissions=1 drop every row-level check
  (User Permissions and permission_query_conditions) after a role-level check only;
- query_report.run trusts a `user` argument from the client (it turns off the after-query filter
  for that user) and loads any Prepared Report named in the filters, whoever made it.
"""

import json

import frappe
from frappe import _
from frappe.desk import query_report, search
from frappe.utils import get_safe_filters

MAX_SEARCH_RESULTS = 50
# Login, logout and password reset are all a guest may reach.
# (/ and /app send a guest to the login page themselves.)
GUEST_PATHS = ("/login", "/update-password", "/app", "/assets/")
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
	}
)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Count only the rows the user could list. A bare string is a document name, as in Frappe's."""
	filters = get_safe_filters(filters)
	if isinstance(filters, str):
		filters = {"name": filters}
	rows = frappe.get_list(doctype, filters=filters, fields=["count(*) as total"], limit_page_length=0)
	return rows[0].total if rows else 0


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
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=min(int(page_length or 10), MAX_SEARCH_RESULTS),
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=False,
	)


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


def without_foreign_prepared_report(filters):
	"""Drop a prepared_report_name that names another user's Prepared Report."""
	if isinstance(filters, str):
		filters = json.loads(filters or "{}")
	if isinstance(filters, dict) and filters.get("prepared_report_name"):
		owner = frappe.db.get_value("Prepared Report", filters["prepared_report_name"], "owner")
		if owner != frappe.session.user:
			filters = {k: v for k, v in filters.items() if k != "prepared_report_name"}
	return filters


@frappe.whitelist()
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
	return query_report.run(
		report_name,
		filters=without_foreign_prepared_report(filters),
		user=frappe.session.user,
		ignore_prepared_report=ignore_prepared_report,
		custom_columns=custom_columns,
		is_tree=is_tree,
		parent_field=parent_field,
		are_default_filters=are_default_filters,
	)


@frappe.whitelist()
def export_report(**kwargs):
	"""query_report.export_query reads frappe.form_dict: clean it, then export as Frappe does."""
	form = frappe.local.form_dict
	if form.get("filters"):
		form["filters"] = json.dumps(without_foreign_prepared_report(form["filters"]))
	return query_report.export_query()


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


def guard_request():
	"""auth hook (after cookie, token or OAuth login): a guest reaches the login page and nothing else,
	and nobody passes raw SQL as a filter."""
	if not getattr(frappe.local, "request", None):
		return
	path = frappe.local.request.path
	method = called_method()
	if method or path.startswith("/api/"):
		reject_raw_sql_filters(method)
	if frappe.session.user != "Guest":
		return
	if method:
		if method in GUEST_METHODS:
			return
		raise frappe.PermissionError(_("Please log in"))
	if path in GUEST_FILES or path == "/" or (path.startswith(GUEST_PATHS) and not path.startswith("/api/")):
		return
	raise frappe.PermissionError(_("Please log in"))
