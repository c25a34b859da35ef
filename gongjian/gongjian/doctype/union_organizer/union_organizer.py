from frappe.model.document import Document


class UnionOrganizer(Document):
	pass
