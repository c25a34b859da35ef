"""Whitelisted methods. Each reads only what the session user may read."""

import frappe
from frappe import _

from gongjian.compliance import compliance_rows
from gongjian.permissions import record_readable
from gongjian.rules.catalogue import rule_title


@frappe.whitelist()
@frappe.read_only()
def compliance(village: str | None = None, unit: str | None = None, rule: str | None = None) -> list[dict]:
	"""For every unit the caller may read: each rule it breaks, with rule ID, message and suggested action.
	Village- and township-level findings (R08, R15 organizers, R21) come when no unit is asked for."""
	filters = {}
	if village:
		filters["village"] = village
	if unit:
		filters["name"] = unit
	rows = compliance_rows(filters)
	if rule:
		rows = [row for row in rows if row["rule"] == rule]
	return rows


# What each form shows beside itself: the units whose warnings apply to the record.
OVERVIEW_UNITS = {
	"Enterprise": lambda doc: [doc.name],
	"Trade Union": lambda doc: [row.enterprise for row in doc.covered_units],
	"Union Member": lambda doc: [doc.employer] if doc.employer else [],
}


@frappe.whitelist()
@frappe.read_only()
def record_overview(doctype: str, name: str) -> dict:
	"""For the Enterprise, Trade Union and Union Member forms: the open warnings of the record's units
	(rule, text, suggested action), the unions covering them and the count of members, all within
	what the session user may read."""
	if doctype not in OVERVIEW_UNITS:
		frappe.throw(_("No overview for {0}").format(_(doctype)), frappe.ValidationError)
	if not record_readable(doctype, name):
		raise frappe.PermissionError(
			_("This record does not exist, or you may not see it")
		)  # the same whether or not it exists
	doc = frappe.get_doc(doctype, name)
	units = frappe.get_list(
		"Enterprise", filters={"name": ["in", OVERVIEW_UNITS[doctype](doc) or [""]]}, pluck="name"
	)
	warnings = compliance_rows({"name": ["in", units]}) if units else []
	for row in warnings:
		row["rule_title"] = rule_title(row["rule"], _)
	unions = (
		frappe.get_list(
			"Trade Union",
			filters=[["Trade Union Unit", "enterprise", "in", units]],
			fields=["name", "union_kind"],
			distinct=True,
			order_by="name asc",
		)
		if units and doctype == "Enterprise"
		else []
	)
	member_filter = {"Enterprise": "employer", "Trade Union": "union"}.get(doctype)
	members = (
		len(
			frappe.get_list(
				"Union Member", filters={member_filter: name, "status": "Member"}, fields=["name"]
			)
		)
		if member_filter
		else None
	)
	return {
		"warnings": warnings,
		"unions": [{"name": u.name, "union_kind": _(u.union_kind)} for u in unions],
		"members": members,
		"member_filter": member_filter,
	}
