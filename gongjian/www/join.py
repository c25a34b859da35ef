"""/join?t=…: a union's public join page (gongjian/join.py), reached through its link or QR poster."""

import frappe
from frappe import _

from gongjian.join import CONSENT_TEXT, join_choices, union_of_token

no_cache = 1
EMPLOYMENT_KINDS = ("Formal", "Migrant Worker", "Dispatched", "Temporary", "New Urban Employee")


def get_context(context):
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.title = _("Join the Trade Union")
	token = frappe.form_dict.get("t")
	union = union_of_token(token)
	context.union = union
	if not union:
		context.http_status_code = 404
		return context
	choices = join_choices(union)
	context.token = token
	context.employers = choices["employers"]
	context.villages = choices["villages"]
	context.employment_kinds = [(kind, _(kind)) for kind in EMPLOYMENT_KINDS]
	context.consent_text = _(CONSENT_TEXT)
	return context
