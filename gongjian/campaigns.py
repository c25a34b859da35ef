"""Festival campaigns (集中入会行动, issue 14): a campaign such as 春节返乡入会 has a period and a target
per village; the members who joined during it through an application, a batch or source enrollment
count towards it. Every count goes through frappe.get_list, so a user sees the figures of the members
and applications they may read, one grouped query each."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

# Members a campaign counts: enrolled in a batch (rosters and approved applications) or at the source
# or destination of migration (源头入会, 就地入会); a registration by mistake is not a new member.
CAMPAIGN_CHANNELS = ("At Source", "At Destination")
NOT_COUNTED_EXITS = ("Registered by Mistake",)


def current_campaign() -> str | None:
	"""The campaign under way today in the user's townships, else the one that started last."""
	on = today()
	running = frappe.get_list(
		"Enrollment Campaign",
		filters={"start_date": ["<=", on], "end_date": [">=", on]},
		pluck="name",
		order_by="start_date desc",
		limit_page_length=1,
	)
	if running:
		return running[0]
	latest = frappe.get_list(
		"Enrollment Campaign", pluck="name", order_by="start_date desc", limit_page_length=1
	)
	return latest[0] if latest else None


def campaign_progress(campaign: str) -> list[dict]:
	"""Per village with a target that the user may read: the target, the members who joined during the
	campaign, the rate, what remains, and the applications still awaiting approval. Three queries. The
	caller has checked that the user may read the campaign (permissions.record_readable)."""
	doc = frappe.get_doc("Enrollment Campaign", campaign)
	targets = {row.village: row.target for row in doc.targets}
	villages = frappe.get_list(
		"Village", filters={"name": ["in", list(targets) or [""]]}, pluck="name", limit_page_length=0
	)
	joined = grouped(
		"Union Member",
		filters={
			"village": ["in", villages or [""]],
			"joined_on": ["between", [doc.start_date, doc.end_date]],
			"exit_reason": ["not in", list(NOT_COUNTED_EXITS)],
		},
		or_filters={"enrollment_batch": ["is", "set"], "join_channel": ["in", list(CAMPAIGN_CHANNELS)]},
	)
	waiting = grouped(
		"Membership Application",
		filters={
			"village": ["in", villages or [""]],
			"status": "Awaiting Approval",
			"creation": ["between", [doc.start_date, add_days(doc.end_date, 1)]],
		},
	)
	rows = []
	for village in sorted(villages, key=lambda name: list(targets).index(name)):
		target, count = targets[village], joined.get(village, 0)
		rows.append(
			{
				"village": village,
				"target": target,
				"joined": count,
				"rate": round(100 * count / target, 1) if target else None,
				"remaining": max(target - count, 0),
				"awaiting_approval": waiting.get(village, 0),
			}
		)
	return rows


def grouped(doctype: str, filters: dict, or_filters: dict | None = None) -> dict[str, int]:
	rows = frappe.get_list(
		doctype,
		filters=filters,
		or_filters=or_filters,
		fields=["village", "count(name) as count"],
		group_by="village",
		order_by="village asc",
		limit_page_length=0,
	)
	return {row.village: row.count for row in rows}


def campaign_summary(campaign: str) -> str:
	doc = frappe.get_doc("Enrollment Campaign", campaign)
	return _("{0}, {1} to {2}").format(doc.campaign_name, getdate(doc.start_date), getdate(doc.end_date))
