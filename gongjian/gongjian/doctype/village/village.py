from frappe.model.document import Document


class Village(Document):
	pass
