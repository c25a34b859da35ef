from frappe.model.document import Document


class StaffCensus(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counted_on: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		source: DF.Literal["Unit Record", "Census"]
		staff_dispatched: DF.Int
		staff_migrant: DF.Int
		staff_temporary: DF.Int
		staff_total: DF.Int
	# end: auto-generated types

	pass
