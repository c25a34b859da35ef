import frappe
from frappe.model.document import Document


class UnitTally(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		above_scale: DF.Check
		category: DF.Data | None
		contract_expires_on: DF.Date | None
		covered: DF.Check
		founded_on: DF.Date | None
		members_at_unit: DF.Int
		own_union: DF.Check
		registered_on: DF.Date | None
		staff_dispatched: DF.Int
		staff_migrant: DF.Int
		staff_temporary: DF.Int
		staff_total: DF.Int
		status: DF.Data | None
		township: DF.Link | None
		unit: DF.Link | None
		village: DF.Link | None
	# end: auto-generated types

	pass


def on_doctype_update():
	# The reviews sum every column the survey reads a village at a time from this index alone
	# (gongjian/survey_figures.py, unit_sums): in its order, with no temporary table.
	frappe.db.add_index(
		"Unit Tally",
		[
			"village",
			"township",
			"status",
			"founded_on",
			"registered_on",
			"category",
			"above_scale",
			"staff_total",
			"staff_migrant",
			"staff_dispatched",
			"staff_temporary",
			"members_at_unit",
			"covered",
			"own_union",
			"contract_expires_on",
		],
		"review_sums",
	)
