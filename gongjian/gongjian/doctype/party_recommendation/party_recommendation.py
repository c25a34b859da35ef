import frappe
from frappe.model.document import Document


class PartyRecommendation(Document):
	def on_update(self):
		# A recommended member who becomes a full party member is a party member in the register too.
		if self.stage == "Party Member":
			member = frappe.get_doc("Union Member", self.member)
			if not member.party_member:
				member.party_member = 1
				member.save()
