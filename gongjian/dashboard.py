"""Number cards of the 工建 workspace. Each is computed for the session user's own scope."""

import frappe

from gongjian.compliance import compliance_rows
from gongjian.metrics import metrics_for
from gongjian.rules.metrics import total


def rate_card(rate_name: str) -> dict:
	rate = getattr(total(metrics_for({})), rate_name)
	return {"value": rate.percent, "fieldtype": "Percent"}


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
	return {"value": len(compliance_rows()), "fieldtype": "Int"}
