from frappe.model.document import Document


class OrganizerAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assigned_on: DF.Date | None
		ended_on: DF.Date | None
		enterprise: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		village: DF.Link | None
	# end: auto-generated types
	pass
