from frappe.model.document import Document


class PartyOrganization(Document):
	pass
