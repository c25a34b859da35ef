from frappe.model.document import Document


class OrganizerAssessment(Document):
	pass
