from frappe.model.document import Document


class PersonalDataAccessLog(Document):
	"""One deliberate sight of whole personal numbers, or one real-name roster export. Written by the
	server (gongjian/personal_data.py), read by the town manager; never changed."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accessed_on: DF.Datetime
		action: DF.Literal["Reveal", "Roster Export"]
		detail: DF.SmallText | None
		record_count: DF.Int
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		subject: DF.Data | None
		user: DF.Link
	# end: auto-generated types

	pass
