import frappe
from frappe.model.document import Document

from gongjian.member_counts import add_key_index


class UnitMemberCount(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		employer: DF.Link | None
		members: DF.Int
		status: DF.Data | None
		union: DF.Link | None
		village: DF.Link | None
	# end: auto-generated types

	pass


def on_doctype_update():
	add_key_index("Unit Member Count")
	# Members per unit, and per village of members without one, read from the index alone.
	frappe.db.add_index("Unit Member Count", ["employer", "status", "village", "members"], "employer_status")
