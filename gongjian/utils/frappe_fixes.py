"""Fixes to Frappe's own code, applied when the app is imported (gongjian/__init__.py)."""

import re


def parenthesize_file_query_conditions():
	"""Frappe's list condition for File is `A OR B OR C` without parentheses, and Frappe joins the
	conditions of all apps with AND, so the app's scope on files (permissions.file_query_conditions)
	bound to C alone: every public file attached to another village's record was listed. Wrapped, the
	app's scope applies to all of Frappe's condition (Frappe 15.44 and 15.101 alike)."""
	from frappe.core.doctype.file import file

	frappes_conditions = file.get_permission_query_conditions
	if getattr(frappes_conditions, "parenthesized", False):
		return

	def get_permission_query_conditions(user: str | None = None) -> str:
		condition = frappes_conditions(user)
		return f"({condition})" if condition and condition.strip() else condition

	get_permission_query_conditions.parenthesized = True
	file.get_permission_query_conditions = get_permission_query_conditions


# A sub-query anywhere in a field, or a function that holds the database (SQL keywords are words: a
# field named `select_value` or `union` is not one).
REFUSED_IN_FIELDS = re.compile(r"\bselect\b|\b(sleep|benchmark|get_lock|release_lock|load_file)\s*\(", re.I)


def refuse_subqueries_in_fields():
	"""Frappe 15.44 looks for a sub-query only at the start of a requested field, so a field such as
	`substring((select group_concat(name) from `tabVillage`), 1, 500) as x` passed: any signed-in user read
	any table through the list doors (other villages' units and members, the kept warnings), and could keep
	the database busy with joins. Frappe 15.101 parses each field; this refuses such a field on both."""
	import frappe
	from frappe import _
	from frappe.model.db_query import DatabaseQuery

	frappes_sanitize = DatabaseQuery.sanitize_fields
	if getattr(frappes_sanitize, "refuses_subqueries", False):
		return

	def sanitize_fields(self):
		frappes_sanitize(self)
		for field in self.fields or ():
			if isinstance(field, str) and REFUSED_IN_FIELDS.search(field):
				frappe.throw(_("Use of sub-query or function is restricted"), frappe.DataError)

	sanitize_fields.refuses_subqueries = True
	DatabaseQuery.sanitize_fields = sanitize_fields


def refuse_fields_naming_no_column():
	"""Frappe's list doors answered a field naming no column, such as `sleep(1)`, with a server error
	(IndexError in reportview.validate_fields): refused as a field not permitted, as Frappe refuses the
	others."""
	from frappe.desk import reportview

	frappes_validate = reportview.validate_fields
	if getattr(frappes_validate, "refuses_fields_naming_no_column", False):
		return

	def validate_fields(data):
		for field in list(data.fields or []):
			if isinstance(field, str) and not reportview.extract_fieldnames(field):
				reportview.raise_invalid_field(field)
		return frappes_validate(data)

	validate_fields.refuses_fields_naming_no_column = True
	reportview.validate_fields = validate_fields


def apply():
	try:
		import frappe  # noqa: F401
	except ImportError:  # the pure rules (gongjian/rules) are also used without Frappe
		return
	parenthesize_file_query_conditions()
	refuse_subqueries_in_fields()
	refuse_fields_naming_no_column()
