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


# Operators Frappe writes as `column BETWEEN a AND b`: meant for dates only.
DATE_RANGE_OPERATORS = frozenset({"between", "timespan", "previous", "next"})
PERIODS = frozenset({"1 week", "1 month", "3 months", "6 months", "1 year"})  # of previous and next
TREE_OPERATORS = frozenset(
	{"descendants of", "not descendants of", "ancestors of", "not ancestors of", "descendants of (inclusive)"}
)


def refuse_malformed_filters():
	"""Frappe writes `between` on a field that is not a date as `column between 'x'`, with no upper bound,
	and joins the permission conditions after it with AND: `name between 'x' and (<the user's scope>)`. The
	scope became the upper bound, and any signed-in user listed every village's records through every
	list door (get_list, /api/resource, reportview, exports, counts, link search). `timespan`, `previous`
	and `next` become such a `between`; `is` with a value other than set / not set, and tree operators on
	a DocType that is no tree, answered server errors. Refused before Frappe writes them (Frappe 15.44 and
	15.101 alike)."""
	import frappe
	from frappe import _
	from frappe.boot import get_additional_filters_from_hooks
	from frappe.model.db_query import DatabaseQuery
	from frappe.utils.data import get_filter, get_timespan_date_range

	frappes_prepare = DatabaseQuery.prepare_filter_condition
	if getattr(frappes_prepare, "refuses_malformed", False):
		return

	def prepare_filter_condition(self, f):
		condition = get_filter(self.doctype, f, get_additional_filters_from_hooks())
		operator = (condition.operator or "").lower()
		meta = frappe.get_meta(condition.doctype)
		df = meta.get_field(condition.fieldname)
		dated = condition.fieldname in ("creation", "modified") or (
			df is not None and df.fieldtype in ("Date", "Datetime")
		)
		if (
			(operator in DATE_RANGE_OPERATORS and not dated)
			or (operator == "timespan" and not valid_timespan(condition.value))
			or (operator in ("previous", "next") and condition.value not in PERIODS)
			or (operator == "is" and condition.value not in ("set", "not set"))
			or (operator in TREE_OPERATORS and not meta.is_tree)
		):
			frappe.throw(
				_("The filter {0} cannot be used on {1}").format(operator, condition.fieldname),
				frappe.DataError,
			)
		return frappes_prepare(self, f)

	def valid_timespan(value) -> bool:
		try:
			return isinstance(value, str) and bool(get_timespan_date_range(value.lower()))
		except Exception:
			return False

	prepare_filter_condition.refuses_malformed = True
	DatabaseQuery.prepare_filter_condition = prepare_filter_condition


# The largest row count MariaDB takes in LIMIT and OFFSET (a signed 64-bit integer is enough for any list).
MOST_ROWS = 2**63 - 1


def refuse_paging_out_of_range():
	"""A negative or astronomically large page (limit_page_length=-1, limit_start=1e20) made Frappe write
	`limit -1` and answer a server error with the query, and the user's scope in it, in its debug
	messages. Refused in Chinese instead."""
	import frappe
	from frappe import _
	from frappe.model.db_query import DatabaseQuery

	frappes_add_limit = DatabaseQuery.add_limit
	if getattr(frappes_add_limit, "refuses_out_of_range", False):
		return

	def add_limit(self):
		for value in (self.limit_page_length or 0, self.limit_start or 0):
			if not 0 <= value <= MOST_ROWS:
				frappe.throw(_("Paging takes whole numbers from 0"), frappe.DataError)
		return frappes_add_limit(self)

	add_limit.refuses_out_of_range = True
	DatabaseQuery.add_limit = add_limit


def drop_debug_messages(response, request):
	"""after_request: Frappe adds the SQL of a query that failed (and other debug notes) to the JSON it
	answers, as `_debug_messages`: a list door asked to group by a column named `union` showed the query
	with the user's scope in it. Such notes are for developers: a site not in developer mode sends none."""
	import json

	import frappe

	if response is None or not getattr(frappe.local, "debug_log", None) or frappe.conf.developer_mode:
		return
	if response.mimetype != "application/json":
		return
	try:
		body = json.loads(response.get_data())
	except ValueError:
		return
	if isinstance(body, dict) and body.pop("_debug_messages", None) is not None:
		response.set_data(json.dumps(body, separators=(",", ":")))


def apply():
	try:
		import frappe  # noqa: F401
	except ImportError:  # the pure rules (gongjian/rules) are also used without Frappe
		return
	parenthesize_file_query_conditions()
	refuse_subqueries_in_fields()
	refuse_fields_naming_no_column()
	refuse_malformed_filters()
	refuse_paging_out_of_range()
