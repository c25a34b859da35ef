"""Fixes to Frappe's own code, applied when the app is imported (gongjian/__init__.py)."""


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


def apply():
	try:
		import frappe  # noqa: F401
	except ImportError:  # the pure rules (gongjian/rules) are also used without Frappe
		return
	parenthesize_file_query_conditions()
