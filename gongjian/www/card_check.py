"""/card-check: the public check of a member card (gongjian/member_card.py)."""

import frappe
from frappe import _

from gongjian.member_card import check, over_limit

no_cache = 1


def get_context(context):
	context.no_header = 1
	context.title = _("Member Card Check")
	if over_limit():
		context.http_status_code = 429
		context.outcome = "limited"
		return context
	found = check(frappe.form_dict.get("n"), frappe.form_dict.get("s"))
	if not found:
		context.outcome = "unknown"
		return context
	context.outcome = "valid" if found["valid"] else "invalid"
	context.card = {**found, "status": _(found["status"])}
	return context
