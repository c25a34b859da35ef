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

		contract_kind: DF.Literal["Comprehensive", "Wage", "Female Staff Special", "Occupational Safety"]
		enterprise: DF.Link
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
