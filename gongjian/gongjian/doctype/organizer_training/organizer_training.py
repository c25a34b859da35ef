from frappe.model.document import Document


class OrganizerTraining(Document):
	pass
