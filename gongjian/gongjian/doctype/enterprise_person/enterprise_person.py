from frappe.model.document import Document


class EnterprisePerson(Document):
	pass
