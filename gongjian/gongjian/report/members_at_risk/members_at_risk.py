"""R10: members still listed at a unit that closed or was restructured, not yet transferred or retained."""

import frappe
from frappe import _

from gongjian.rules.membership import AT_RISK_EMPLOYER_STATUSES


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = rows(filters)
	if data:
		return columns(), data
	return columns(), data, _("No member is at risk: every member of a closed or restructured unit has moved")


def columns():
	return [
		{
			"fieldname": "member",
			"label": _("Member"),
			"fieldtype": "Link",
			"options": "Union Member",
			"width": 120,
		},
		{"fieldname": "member_name", "label": _("Person Name"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "employer",
			"label": _("Employer"),
			"fieldtype": "Link",
			"options": "Enterprise",
			"width": 220,
		},
		{"fieldname": "employer_status", "label": _("Employer Status"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "union",
			"label": _("Trade Union"),
			"fieldtype": "Link",
			"options": "Trade Union",
			"width": 220,
		},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 120,
		},
	]


def rows(filters) -> list[dict]:
	"""Two scoped queries: the closing units the user may read, then their active members."""
	unit_filters = {"status": ["in", list(AT_RISK_EMPLOYER_STATUSES)]}
	if filters.village:
		unit_filters["village"] = filters.village
	units = frappe.get_list(
		"Enterprise", filters=unit_filters, fields=["name", "status"], limit_page_length=0
	)
	if not units:
		return []
	status_of = {u.name: u.status for u in units}
	members = frappe.get_list(
		"Union Member",
		filters={"employer": ["in", list(status_of)], "status": "Member"},
		fields=["name as member", "member_name", "employer", "union", "village"],
		order_by="employer asc, member_name asc",
		limit_page_length=0,
	)
	for member in members:
		member["employer_status"] = _(status_of[member["employer"]])
	return members
