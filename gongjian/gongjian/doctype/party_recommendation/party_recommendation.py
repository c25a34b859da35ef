import frappe
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.query_builder.functions import IfNull

from gongjian import compliance_findings
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
		"""Recommended to the party and admitted (R16): the member is a party member in the register, and
		their unit counts one more party member, so the unit's R16 finding clears once it has enough."""
		if self.stage == "Party Member":
			member = frappe.get_doc("Union Member", self.member)
			if not member.party_member:
				member.party_member = 1
				member.save()
				if member.employer:
					unit = DocType("Enterprise")
					frappe.qb.update(unit).set(
						unit.party_member_count, IfNull(unit.party_member_count, 0) + 1
					).where(unit.name == member.employer).run()
					compliance_findings.mark({"Enterprise": {member.employer}})
