from frappe.model.document import Document

from gongjian.member_counts import add_key_index


class VillageMemberCount(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		employment_kind: DF.Data | None
		high_education: DF.Check
		high_income: DF.Check
		high_skill: DF.Check
		join_channel: DF.Data | None
		members: DF.Int
		migrant: DF.Check
		party_member: DF.Check
		status: DF.Data | None
		village: DF.Link | None
	# end: auto-generated types

	pass


def on_doctype_update():
	add_key_index("Village Member Count")
