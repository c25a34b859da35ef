from frappe.model.document import Document


class Township(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		township_code: DF.Data | None
		township_name: DF.Data
	# end: auto-generated types
	pass
