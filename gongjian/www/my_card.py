"""/my-card: a worker opens their electronic member card (gongjian.join.open_card), or finds it kept on
their own website account once opened while signed in."""

import json

import frappe
from frappe import _

from gongjian.join import card_of_user

no_cache = 1
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def get_context(context):
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.title = _("My Member Card")
	# from the status page's link: the application number is filled in
	number = frappe.form_dict.get("no")
	context.application_no = number[:20] if isinstance(number, str) else ""
	card = card_of_user(frappe.session.user)
	# Written into a script: no character of a name may close it.
	context.kept_card = json.dumps(card, ensure_ascii=False).translate(SCRIPT_SAFE) if card else "null"
	context.signed_in_worker = frappe.session.user != "Guest"
	return context
