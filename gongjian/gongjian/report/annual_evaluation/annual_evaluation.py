"""年度总考评: the year's metrics scored against the targets (R18), with 五同步 (R19), demonstration
sites (R21), organizer coverage and assessments (R15), and 推优入党 results (R16)."""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType

from gongjian.metrics import RATE_LABELS, member_filters, metrics_for, period_end, period_year, scope_filters
from gongjian.permissions import record_readable
from gongjian.policy import get_policy_settings
from gongjian.rules.metrics import five_sync_done, score, total, weighted_score, work_rates
from gongjian.survey_figures import work_classes

WORK_LABELS = {
	"organizer": "Organizer Coverage",
	"fulltime_chair": "Full-time Chair Compliance",
	"party_org": "Party Organization Coverage",
}
FIVE_SYNC = (
	("research", "Studied Together (同步研究)"),
	("deploy", "Deployed Together (同步部署)"),
	("inspect", "Inspected Together (同步检查)"),
	("assess", "Assessed Together (同步考核)"),
	("commend", "Summed Up and Commended Together (同步总结表彰)"),
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = period_year(filters.get("period"))
	filters.period = str(year)
	settings = get_policy_settings()
	metrics = total(metrics_for(filters))
	targeted = score(metrics, settings)
	# A rate over nothing (no unit to organise in the scope) is neither met nor missed, as in the score.
	scored = {key: result for key, result in targeted.items() if getattr(metrics, key).denominator}
	rows = []
	for key, label in RATE_LABELS.items():
		target = targeted[key][1] if key in targeted else None
		met = (_("Yes") if scored[key][2] else _("No")) if key in scored else None
		rows.append(rate_row(label, getattr(metrics, key), target, met))
	for key, rate in work(filters).items():
		rows.append(rate_row(WORK_LABELS[key], rate))
	assessment = annual_assessment(filters, year)
	rows += five_sync_rows(assessment)
	rows += count_rows(filters, year)
	met = sum(1 for _p, _t, ok in scored.values() if ok)
	done = five_sync_done(assessment.five_sync_items(), *year_bounds(year)) if assessment else 0
	summary = [
		{
			"label": _("Score"),
			"value": f"{weighted_score(metrics, settings, done):.2f}",  # as the village ranking shows it
			"datatype": "Data",
			"indicator": "Blue",
		},
		{
			"label": _("Targets Met"),
			"value": f"{met} / {len(scored)}",
			"datatype": "Data",
			"indicator": "Green" if met == len(scored) else "Orange",
		},
		rate_summary(_("Formation Rate"), metrics.formation),
		rate_summary(_("Membership Rate"), metrics.membership),
	]
	chart = {
		"data": {
			"labels": [_(RATE_LABELS[k]) for k in scored],
			"datasets": [
				{"name": _("Rate"), "values": [scored[k][0] for k in scored]},
				{"name": _("Target"), "values": [scored[k][1] for k in scored]},
			],
		},
		"type": "bar",
	}
	return columns(), rows, score_note(), chart, summary


def score_note() -> str:
	"""How the score is made (clerk review: a score with no word of how it comes about)."""
	return _(
		"Score out of 100: each rate with a target earns its weight in proportion to how near it is to the target (full at or above it); a rate over nothing is left out, with its weight. 五同步 earns its weight by the items done in the year. Targets and weights are in Gongjian Settings."
	)


def rate_summary(label: str, rate) -> dict:
	"""A rate above the table; over nothing it is no rate, not 0 % (as in the rows)."""
	if not rate.denominator:
		return {"label": label, "value": "—", "datatype": "Data", "indicator": "Grey"}
	return {"label": label, "value": rate.percent, "datatype": "Percent", "indicator": "Blue"}


def rate_row(label, rate, target=None, met=None) -> dict:
	return {
		"metric": _(label),
		"numerator": rate.numerator,
		"denominator": rate.denominator,
		"rate": rate.percent if rate.denominator else None,  # 0 of 0 is no rate, not 0 %
		"target": target,
		"met": met,
	}


def work(filters) -> dict:
	classes = work_classes(scope_filters(filters), period_end(filters.period))
	return work_rates(
		[facts for facts, _units in classes], get_policy_settings(), [n for _facts, n in classes]
	)


def annual_assessment(filters, year: int):
	"""The submitted annual assessment of this scope, with its 五同步 evidence, if there is one."""
	where = {
		"period": str(year),
		"docstatus": 1,
		"scope": "Village" if filters.get("village") else "Township",
	}
	where.update(scope_filters(filters))
	found = frappe.get_list(
		"Assessment", filters=where, fields=["name"], order_by="modified desc", limit_page_length=1
	)
	return frappe.get_doc("Assessment", found[0].name) if found else None


def year_bounds(year: int) -> tuple[date, date]:
	return date(year, 1, 1), date(year, 12, 31)


def five_sync_rows(doc) -> list[dict]:
	rows = []
	for key, label in FIVE_SYNC:
		on = doc.get(f"sync_{key}_on") if doc else None
		rows.append(
			{
				"metric": _(label),
				"met": _("Yes") if on else _("No"),
				"note": (doc.get(f"sync_{key}_note") if doc else None) or "",
			}
		)
	return rows


def count_rows(filters, year: int) -> list[dict]:
	sites = frappe.get_list(
		"Demonstration Site",
		filters={
			**scope_filters(filters),
			"status": "Active",
			"year": ["<=", year],
		},
		fields=["count(name) as sites"],
	)[0].sites
	organizers = frappe.get_list(
		"Union Organizer", filters=organizer_filters(filters), fields=["name"], limit_page_length=0
	)
	assessment = DocType("Organizer Assessment")
	assessed = (
		frappe.qb.from_(assessment)
		.select(assessment.parent)
		.distinct()
		.where((assessment.parenttype == "Union Organizer") & (assessment.year == year))
		.where(assessment.parent.isin([o.name for o in organizers] or [""]))
	).run(pluck=True)
	recommendations = frappe.get_list(
		"Party Recommendation",
		filters={
			**member_filters(filters),
			"recommended_on": ["between", [f"{year}-01-01", f"{year}-12-31"]],
		},
		fields=["stage", "count(name) as people"],
		group_by="stage",
		order_by="stage asc",
	)
	rows = [
		{"metric": _("Demonstration Sites"), "numerator": sites},
		{
			"metric": _("Organizers Assessed This Year"),
			"numerator": len(assessed),
			"denominator": len(organizers),
			"rate": round(100.0 * len(assessed) / len(organizers), 2) if organizers else None,
		},
	]
	rows += [
		{"metric": _("Party Recommendations: {0}").format(_(r.stage)), "numerator": r.people}
		for r in recommendations
	]
	return rows


def organizer_filters(filters) -> dict:
	"""The organizers of the report's scope: of its township, or assigned in its village (to the village
	or to one of its units). Of a village the user may not read, none: how many of the user's organizers
	also work there is that village's business."""
	if filters.get("village") and not record_readable("Village", filters["village"]):
		return {"name": ["in", [""]]}
	if filters.get("village"):
		assignment, unit = DocType("Organizer Assignment"), DocType("Enterprise")
		reaching = (
			frappe.qb.from_(assignment)
			.select(assignment.parent)
			.distinct()
			.where(assignment.parenttype == "Union Organizer")
			.where(
				(assignment.village == filters["village"])
				| assignment.enterprise.isin(
					frappe.qb.from_(unit).select(unit.name).where(unit.village == filters["village"])
				)
			)
		).run(pluck=True)
		return {"name": ["in", reaching or [""]]}
	return {"township": filters["township"]} if filters.get("township") else {}


def columns() -> list[dict]:
	return [
		{"fieldname": "metric", "label": _("Metric"), "fieldtype": "Data", "width": 260},
		{"fieldname": "numerator", "label": _("Numerator"), "fieldtype": "Int", "width": 100},
		{"fieldname": "denominator", "label": _("Denominator"), "fieldtype": "Int", "width": 100},
		{"fieldname": "rate", "label": _("Rate"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "met", "label": _("Target Met"), "fieldtype": "Data", "width": 90},
		{"fieldname": "note", "label": _("Evidence"), "fieldtype": "Data", "width": 240},
	]
