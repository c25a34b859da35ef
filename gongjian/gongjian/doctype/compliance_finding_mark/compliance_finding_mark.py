from frappe.model.document import Document


class ComplianceFindingMark(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		subject: DF.Data | None
		subject_doctype: DF.Data | None
		version: DF.Int
		language: DF.Data | None
	# end: auto-generated types

	pass
