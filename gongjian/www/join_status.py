"""/join-status?no=…: an application's status, with nothing personal beyond the masked name."""

import frappe
from frappe import _

from gongjian.join import application_status
from gongjian.member_card import over_limit

no_cache = 1
STATUS_LABELS = {
	"Awaiting Approval": "Waiting for the union's approval",
	"Approved": "Approved: you are a union member",
	"Rejected": "Not approved",
}


def get_context(context):
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.title = _("Application Status")
	if over_limit("join-status"):
		context.http_status_code = 429
		context.outcome = "limited"
		return context
	context.asked = bool(frappe.form_dict.get("no"))
	found = application_status(frappe.form_dict.get("no"))
	if not found:
		context.outcome = "unknown"
		return context
	context.outcome = "found"
	context.application = found
	context.status_label = _(STATUS_LABELS[found["status"]])
	return context
