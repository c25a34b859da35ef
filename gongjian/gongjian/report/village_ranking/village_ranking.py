"""村考评排名: the villages of a township ranked by the year's evaluation score (R18, R19), each with the
rates it was scored on and its 五同步 items done. For the town: the report is not granted to villages."""

from datetime import date

import frappe
from frappe import _

from gongjian.metrics import metrics_for, period_year
from gongjian.policy import get_policy_settings
from gongjian.rules.metrics import TARGETS, five_sync_done, weighted_score

FIVE_SYNC_KEYS = ("research", "deploy", "inspect", "assess", "commend")
RATE_COLUMNS = {
	"formation": "Formation Rate",
	"membership": "Membership Rate",
	"workers_home": "Workers' Home Rate",
	"contract": "Collective Contract Rate",
}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = period_year(filters.get("period"))
	scope = {"period": str(year), "township": filters.get("township")}
	groups = {village: m for village, m in metrics_for(scope).items() if village}
	done = five_syncs_by_village(year, filters.get("township"))
	settings = get_policy_settings()
	rows = [
		{
			"village": village,
			**{key: getattr(m, key).percent if getattr(m, key).denominator else None for key in TARGETS},
			"five_sync": done.get(village, 0),
			"score": weighted_score(m, settings, done.get(village, 0)),
		}
		for village, m in groups.items()
	]
	rows.sort(key=lambda row: (-row["score"], row["village"]))
	for position, row in enumerate(rows):
		ahead = rows[position - 1] if position else None
		row["rank"] = ahead["rank"] if ahead and ahead["score"] == row["score"] else position + 1
	chart = {
		"data": {
			"labels": [row["village"] for row in rows],
			"datasets": [{"name": _("Score"), "values": [row["score"] for row in rows]}],
		},
		"type": "bar",
	}
	return columns(), rows, None, chart


def five_syncs_by_village(year: int, township: str | None) -> dict[str, int]:
	"""五同步 items done in the year, from each village's submitted annual assessment (the latest), in
	two queries."""
	where = {"period": str(year), "docstatus": 1, "scope": "Village"}
	if township:
		where["township"] = township
	fields = ["name", "village"]
	for key in FIVE_SYNC_KEYS:
		fields += [f"sync_{key}_on", f"sync_{key}_note"]
	assessments = frappe.get_list(
		"Assessment", filters=where, fields=fields, order_by="modified asc", limit_page_length=0
	)
	with_files = set(
		frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "Assessment",
				"attached_to_name": ["in", [a.name for a in assessments] or [""]],
			},
			pluck="attached_to_name",
		)
	)
	done = {}
	for a in assessments:  # the latest of a village last
		items = [
			(a.get(f"sync_{key}_on"), bool((a.get(f"sync_{key}_note") or "").strip()) or a.name in with_files)
			for key in FIVE_SYNC_KEYS
		]
		done[a.village] = five_sync_done(items, date(year, 1, 1), date(year, 12, 31))
	return done


def columns() -> list[dict]:
	cols = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "village",
			"label": _("Village"),
			"fieldtype": "Link",
			"options": "Village",
			"width": 140,
		},
		{"fieldname": "score", "label": _("Score"), "fieldtype": "Float", "precision": 2, "width": 90},
	]
	cols += [
		{"fieldname": key, "label": _(label), "fieldtype": "Percent", "width": 120}
		for key, label in RATE_COLUMNS.items()
	]
	cols.append({"fieldname": "five_sync", "label": _("Five Syncs Done"), "fieldtype": "Int", "width": 110})
	return cols
