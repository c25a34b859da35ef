from frappe.model.document import Document


class DemonstrationSite(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		site_name: DF.Data
		site_unit: DF.Link
		sponsor_unit: DF.Link | None
		status: DF.Literal["Active", "Revoked"]
		township: DF.Link
		village: DF.Link
		year: DF.Int
	# end: auto-generated types
	pass
