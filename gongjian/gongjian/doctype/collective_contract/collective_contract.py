import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from gongjian.exceptions import GongjianValidationError
from gongjian.utils.naming import set_readable_name


class CollectiveContract(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.collective_contract_unit.collective_contract_unit import (
			CollectiveContractUnit,
		)

		contract_kind: DF.Literal["Comprehensive", "Wage", "Female Staff Special", "Occupational Safety"]
		contract_level: DF.Literal["Single Unit", "Regional", "Industry"]
		covered_units: DF.Table[CollectiveContractUnit]
		enterprise: DF.Link | None
		expires_on: DF.Date
		signed_on: DF.Date
		union: DF.Link | None
		village: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		set_readable_name(self)

	def validate(self):
		if getdate(self.expires_on) <= getdate(self.signed_on):
			frappe.throw(_("A contract expires after it is signed"), GongjianValidationError)
		self.set_level_and_village()

	def set_level_and_village(self):
		"""An enterprise contract is of its unit; a regional or industry one (区域性、行业性) covers its
		units and lies in their village, or in none when they span villages (the town's then)."""
		if self.contract_level == "Single Unit":
			self.covered_units = []
			self.village = frappe.db.get_value("Enterprise", self.enterprise, "village")
			return
		self.enterprise = None
		if not self.covered_units:
			frappe.throw(
				_("A regional or industry contract lists the units it covers"), GongjianValidationError
			)
		units = [row.enterprise for row in self.covered_units]
		if len(set(units)) < len(units):
			frappe.throw(_("A unit is listed twice"), GongjianValidationError)
		villages = set(frappe.get_all("Enterprise", filters={"name": ["in", units]}, pluck="village"))
		self.village = villages.pop() if len(villages) == 1 else None
