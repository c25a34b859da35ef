from frappe.model.document import Document


class UnionActivity(Document):
	pass
