from frappe.model.document import Document


class ElectionCandidate(Document):
	pass
