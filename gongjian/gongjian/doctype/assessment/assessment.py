import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from gongjian.exceptions import GongjianValidationError
from gongjian.metrics import PERIOD, RATE_LABELS, metrics_for, period_end, period_start
from gongjian.policy import get_policy_settings
from gongjian.rules.metrics import five_sync_done, score, total, weighted_score

FIVE_SYNC_KEYS = ("research", "deploy", "inspect", "assess", "commend")
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
		self.check_five_sync_dates()

	def check_five_sync_dates(self):
		"""R19: the 五同步 of a period happen within it."""
		start, end = period_start(self.period), period_end(self.period)
		for key in FIVE_SYNC_KEYS:
			held_on = self.get(f"sync_{key}_on")
			if held_on and not start <= getdate(held_on) <= end:
				frappe.throw(
					_("{0}: {1} is not within the period {2} to {3}").format(
						_(self.meta.get_label(f"sync_{key}_on")), held_on, start, end
					),
					GongjianValidationError,
				)

	def five_sync_items(self) -> list[tuple]:
		"""Each 五同步 item as (date, has evidence): its note, or a file attached to the assessment."""
		has_files = bool(
			not self.is_new()
			and frappe.db.exists("File", {"attached_to_doctype": self.doctype, "attached_to_name": self.name})
		)
		return [
			(
				getdate(self.get(f"sync_{key}_on")) if self.get(f"sync_{key}_on") else None,
				bool((self.get(f"sync_{key}_note") or "").strip()) or has_files,
			)
			for key in FIVE_SYNC_KEYS
		]

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
		done = five_sync_done(self.five_sync_items(), period_start(self.period), period_end(self.period))
		self.append("metrics", {"metric": _("Five Syncs Done"), "numerator": done, "denominator": 5})
		self.score = weighted_score(metrics, get_policy_settings(), done)
