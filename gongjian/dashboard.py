"""Number cards of the 工建 workspace. Each is computed for the session user's own scope, and carries
a line of detail (numerator, denominator, date) that gongjian_desk.js shows under the figure."""

import frappe
from frappe import _
from frappe.utils import formatdate, today

from gongjian.compliance import counted_findings
from gongjian.metrics import metrics_for
from gongjian.rules.metrics import total

RATE_DETAILS = {
	"formation": "{0} of {1} units · as of {2}",
	"membership": "{0} of {1} workers · as of {2}",
	"workers_home": "{0} of {1} base unions · as of {2}",
}


def rate_card(rate_name: str) -> dict:
	rate = getattr(total(metrics_for({})), rate_name)
	return {
		"value": rate.percent,
		"fieldtype": "Percent",
		"detail": _(RATE_DETAILS[rate_name]).format(rate.numerator, rate.denominator, formatdate(today())),
	}


@frappe.whitelist()
@frappe.read_only()
def formation_rate(filters=None) -> dict:
	return rate_card("formation")


@frappe.whitelist()
@frappe.read_only()
def membership_rate(filters=None) -> dict:
	return rate_card("membership")


@frappe.whitelist()
@frappe.read_only()
def workers_home_rate(filters=None) -> dict:
	return rate_card("workers_home")


@frappe.whitelist()
@frappe.read_only()
def open_warnings(filters=None) -> dict:
	places = counted_findings()
	return {
		"value": sum(place["warnings"] for place in places),
		"fieldtype": "Int",
		"detail": _("on {0} records · as of {1}").format(
			sum(place["records"] for place in places), formatdate(today())
		),
	}


@frappe.whitelist()
@frappe.read_only()
def survey_progress(filters=None) -> dict:
	"""The latest open survey round the user may read: how many of its villages (those the user may
	read) have confirmed, and how many are overdue."""
	from gongjian.survey import round_progress

	rounds = frappe.get_list(
		"Survey Round", filters={"status": "In Progress"}, pluck="name", order_by="creation desc", limit=1
	)
	if not rounds:
		return {
			"value": 0,
			"fieldtype": "Int",
			"detail": _("no survey round open · as of {0}").format(formatdate(today())),
		}
	progress = round_progress(rounds[0])
	return {
		"value": progress["confirmed"],
		"fieldtype": "Int",
		# Several rounds may be open at once (a half-year and the year): the card names the one it counts.
		"detail": _("{0}: {1} of {2} villages confirmed, {3} overdue · as of {4}").format(
			rounds[0], progress["confirmed"], progress["total"], progress["overdue"], formatdate(today())
		),
	}
