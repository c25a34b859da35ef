import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError


class GongjianSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		base_union_min_staff: DF.Int
		chair_candidate_min_staff: DF.Int
		contract_notice_days: DF.Int
		contract_rate_target: DF.Percent
		demo_site_years: DF.Int
		demo_sites_max: DF.Int
		demo_sites_min: DF.Int
		equal_consultation_months: DF.Int
		formation_rate_target: DF.Percent
		fulltime_chair_min_staff: DF.Int
		member_evaluation_months: DF.Int
		membership_rate_target: DF.Percent
		new_unit_days: DF.Int
		organizer_min_staff: DF.Int
		party_member_min_staff: DF.Int
		party_org_min_staff: DF.Int
		sync_grace_days: DF.Int
		weight_contract: DF.Int
		weight_five_sync: DF.Int
		weight_formation: DF.Int
		weight_membership: DF.Int
		weight_workers_home: DF.Int
		workers_congress_months: DF.Int
		workers_home_target: DF.Percent

	# end: auto-generated types
	def validate(self):
		if self.demo_sites_min > self.demo_sites_max:
			frappe.throw(_("Minimum demonstration sites cannot exceed the maximum"), GongjianValidationError)
