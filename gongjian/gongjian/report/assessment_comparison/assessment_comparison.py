"""考核对比: the submitted semiannual and annual assessments of one scope and year, side by side."""

import frappe
from frappe import _

from gongjian.metrics import period_year


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = str(period_year(filters.get("year")))
	where = {"docstatus": 1, "period": ["in", [f"{year}-H1", f"{year}-H2", year]]}
	if filters.get("village"):
		where.update(scope="Village", village=filters.village)
	else:
		where["scope"] = "Township"
		if filters.get("township"):
			where["township"] = filters.township
	assessments = frappe.get_list(
		"Assessment",
		filters=where,
		fields=["name", "period", "score"],
		order_by="modified asc",
		limit_page_length=0,
	)
	latest = {a.period: a for a in assessments}  # the last submitted one of each period
	if not latest:
		return columns(year), [], _("No assessment of {0} has been submitted yet").format(year)
	# The assessments above are the ones the user may read; their frozen rows come with them.
	metrics = frappe.get_all(
		"Assessment Metric",
		filters={"parenttype": "Assessment", "parent": ["in", [a.name for a in latest.values()] or [""]]},
		fields=["parent", "metric", "numerator", "denominator", "percent", "idx"],
		order_by="idx asc",
	)
	period_of = {a.name: a.period for a in latest.values()}
	rows: dict[str, dict] = {}
	for m in metrics:
		row = rows.setdefault(m.metric, {"metric": _(m.metric)})
		key = period_key(period_of[m.parent], year)
		row[key] = f"{m.percent:.2f}% ({m.numerator}/{m.denominator})" if m.denominator else str(m.numerator)
	score_row = {"metric": _("Score")}
	for period, assessment in latest.items():
		score_row[period_key(period, year)] = f"{assessment.score:.2f}%"
	return columns(year), [*rows.values(), score_row]


def period_key(period: str, year: str) -> str:
	return {f"{year}-H1": "h1", f"{year}-H2": "h2", year: "annual"}[period]


def columns(year: str) -> list[dict]:
	return [
		{"fieldname": "metric", "label": _("Metric"), "fieldtype": "Data", "width": 220},
		{"fieldname": "h1", "label": _("{0} First Half").format(year), "fieldtype": "Data", "width": 170},
		{"fieldname": "h2", "label": _("{0} Second Half").format(year), "fieldtype": "Data", "width": 170},
		{"fieldname": "annual", "label": _("{0} Annual").format(year), "fieldtype": "Data", "width": 170},
	]
