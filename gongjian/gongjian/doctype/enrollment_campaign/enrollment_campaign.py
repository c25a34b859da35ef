import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from gongjian.exceptions import GongjianValidationError


class EnrollmentCampaign(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.campaign_target.campaign_target import CampaignTarget

		campaign_name: DF.Data
		description: DF.SmallText | None
		end_date: DF.Date
		start_date: DF.Date
		targets: DF.Table[CampaignTarget]
		township: DF.Link
	# end: auto-generated types

	def validate(self):
		if getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("A campaign ends on or after the day it starts"), GongjianValidationError)
		self.check_targets()

	def check_targets(self):
		"""One target per village, each a village of the campaign's township."""
		villages = [row.village for row in self.targets]
		township_of = dict(
			frappe.get_all(
				"Village",
				filters={"name": ["in", villages or [""]]},
				fields=["name", "township"],
				as_list=True,
			)
		)
		seen = set()
		for row in self.targets:
			if township_of.get(row.village) != self.township:
				frappe.throw(
					_("Row {0}: {1} is not a village of {2}").format(row.idx, row.village, self.township),
					GongjianValidationError,
				)
			if row.village in seen:
				frappe.throw(
					_("Row {0}: {1} already has a target").format(row.idx, row.village),
					GongjianValidationError,
				)
			seen.add(row.village)
