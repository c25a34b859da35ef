from frappe.model.document import Document


class OrganizerTraining(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hours: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		topic: DF.Data
		training_date: DF.Date
	# end: auto-generated types
	pass
