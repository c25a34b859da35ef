from frappe.model.document import Document


class OrganizerAssignment(Document):
	pass
