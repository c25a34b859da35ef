import frappe
from frappe.model.document import Document

from gongjian.utils.naming import set_readable_name


class PartyRecommendation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal["Technical Backbone", "Young Frontline Worker", "Manager", "Business Backbone"]
		employer: DF.Link | None
		member: DF.Link
		member_name: DF.Data | None
		party_org: DF.Link | None
		recommended_on: DF.Date
		stage: DF.Literal[
			"Recommended", "Activist", "Development Target", "Probationary Member", "Party Member"
		]
		village: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		set_readable_name(self)

	def on_update(self):
		# A recommended member who becomes a full party member is a party member in the register too.
		if self.stage == "Party Member":
			member = frappe.get_doc("Union Member", self.member)
			if not member.party_member:
				member.party_member = 1
				member.save()
