from frappe.model.document import Document


class Township(Document):
	pass
