import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError
from gongjian.metrics import PERIOD, RATE_LABELS, metrics_for
from gongjian.policy import get_policy_settings
from gongjian.rules.metrics import score, total

COUNT_LABELS = {
	"units": "Units",
	"required": "Units Required to Organise",
	"staff": "Total Staff",
	"members": "Members",
	"units_over_staff": "Units with More Members than Staff",
	"members_without_unit": "Members without a Unit",
}


class Assessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.assessment_metric.assessment_metric import AssessmentMetric

		amended_from: DF.Link | None
		metrics: DF.Table[AssessmentMetric]
		period: DF.Data
		period_kind: DF.Literal["Semiannual", "Annual"]
		scope: DF.Literal["Township", "Village"]
		score: DF.Percent
		sync_assess_note: DF.SmallText | None
		sync_assess_on: DF.Date | None
		sync_commend_note: DF.SmallText | None
		sync_commend_on: DF.Date | None
		sync_deploy_note: DF.SmallText | None
		sync_deploy_on: DF.Date | None
		sync_inspect_note: DF.SmallText | None
		sync_inspect_on: DF.Date | None
		sync_research_note: DF.SmallText | None
		sync_research_on: DF.Date | None
		township: DF.Link
		village: DF.Link | None
	# end: auto-generated types
	"""考核: R19/R20. Submitting freezes the metrics of its scope and period; later changes to the
	registers do not touch it. Corrections go through cancel and amend."""

	def validate(self):
		match = PERIOD.match((self.period or "").strip())
		if not match:
			frappe.throw(_("Period must look like 2026-H1, 2026-H2 or 2026"), GongjianValidationError)
		self.period = self.period.strip()
		self.period_kind = "Semiannual" if match.group(2) else "Annual"
		if self.scope == "Village":
			if not self.village:
				frappe.throw(_("A village assessment needs its village"), GongjianValidationError)
			self.township = frappe.db.get_value("Village", self.village, "township")
		else:
			self.village = None

	def before_submit(self):
		self.freeze_metrics()

	def freeze_metrics(self):
		filters = {"period": self.period, "township": self.township}
		if self.village:
			filters["village"] = self.village
		metrics = total(metrics_for(filters))
		scored = score(metrics, get_policy_settings())
		self.metrics = []
		for key, label in COUNT_LABELS.items():
			self.append("metrics", {"metric": _(label), "numerator": getattr(metrics, key)})
		for key, label in RATE_LABELS.items():
			rate = getattr(metrics, key)
			row = {
				"metric": _(label),
				"numerator": rate.numerator,
				"denominator": rate.denominator,
				"percent": rate.percent,
			}
			if key in scored:
				row.update(target=scored[key][1], met=int(scored[key][2]))
			self.append("metrics", row)
		self.score = round(100.0 * sum(met for _p, _t, met in scored.values()) / len(scored), 2)
