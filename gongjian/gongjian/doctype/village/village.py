from frappe.model.document import Document


class Village(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		economically_weak: DF.Check
		migrant_outflow: DF.Check
		party_branch: DF.Data | None
		party_deputy_secretary: DF.Data | None
		party_secretary: DF.Data | None
		township: DF.Link
		village_code: DF.Data | None
		village_name: DF.Data
	# end: auto-generated types
	pass
