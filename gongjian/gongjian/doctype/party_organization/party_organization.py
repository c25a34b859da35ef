from frappe.model.document import Document


class PartyOrganization(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		member_count: DF.Int
		org_kind: DF.Literal["Party Committee", "General Party Branch", "Party Branch", "Joint Party Branch"]
		org_name: DF.Data
		parent_organization: DF.Link | None
		secretary: DF.Data | None
		township: DF.Link | None
		village: DF.Link
	# end: auto-generated types
	pass
