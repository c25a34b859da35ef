from frappe.model.document import Document


class AssessmentMetric(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		denominator: DF.Int
		met: DF.Check
		metric: DF.Data
		numerator: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		percent: DF.Percent
		target: DF.Percent
	# end: auto-generated types
	pass
