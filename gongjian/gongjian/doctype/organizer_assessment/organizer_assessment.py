from frappe.model.document import Document


class OrganizerAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.Data | None
		result: DF.Literal["Excellent", "Competent", "Basically Competent", "Incompetent"]
		year: DF.Int
	# end: auto-generated types
	pass
