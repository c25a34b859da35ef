from frappe.model.document import Document


class UnionFundsPayment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount_due: DF.Currency
		amount_paid: DF.Currency
		paid_on: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		payroll_total: DF.Currency
		year: DF.Int
	# end: auto-generated types

	pass
