from frappe.model.document import Document

from gongjian.utils.naming import set_readable_name


class UnionActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_date: DF.Date
		activity_kind: DF.Literal[
			"Labour Competition", "Technical Innovation", "Sending Warmth", "Assistance"
		]
		activity_title: DF.Data
		description: DF.SmallText | None
		participants: DF.Int
		union: DF.Link
		village: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		set_readable_name(self)
