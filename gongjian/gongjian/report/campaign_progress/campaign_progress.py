"""集中入会行动进度: each village's target and the members who joined during the campaign."""

import frappe
from frappe import _

from gongjian.campaigns import campaign_progress, campaign_summary, current_campaign
from gongjian.permissions import record_readable


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	campaign = filters.campaign or current_campaign()
	if not campaign:
		return (
			columns(),
			[],
			_("No enrollment campaign yet: the town office plans one in Enrollment Campaign"),
		)
	if not isinstance(campaign, str) or not record_readable("Enrollment Campaign", campaign):
		# one answer for a campaign of another township and for none at all
		return columns(), [], _("This campaign does not exist, or you may not see it")
	rows = campaign_progress(campaign)
	if not rows:
		return columns(), [], _("No village of yours has a target in this campaign")
	total = {
		"village": _("Total"),
		"target": sum(r["target"] for r in rows),
		"joined": sum(r["joined"] for r in rows),
		"remaining": sum(r["remaining"] for r in rows),
		"awaiting_approval": sum(r["awaiting_approval"] for r in rows),
		"bold": 1,
	}
	total["rate"] = round(100 * total["joined"] / total["target"], 1) if total["target"] else None
	return columns(), [*rows, total], campaign_summary(campaign), chart(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "village", "label": _("Village"), "fieldtype": "Data", "width": 140},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Int", "width": 90},
		{"fieldname": "joined", "label": _("Joined during the Campaign"), "fieldtype": "Int", "width": 150},
		{"fieldname": "rate", "label": _("Completion"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "remaining", "label": _("Still to Enroll"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "awaiting_approval",
			"label": _("Applications Awaiting Approval"),
			"fieldtype": "Int",
			"width": 150,
		},
	]


def chart(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [r["village"] for r in rows],
			"datasets": [
				{"name": _("Target"), "values": [r["target"] for r in rows]},
				{"name": _("Joined during the Campaign"), "values": [r["joined"] for r in rows]},
			],
		},
		"type": "bar",
		"colors": ["#c0c6cc", "#c62828"],
	}
