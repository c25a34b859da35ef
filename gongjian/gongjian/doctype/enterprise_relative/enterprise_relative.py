from frappe.model.document import Document


class EnterpriseRelative(Document):
	pass
