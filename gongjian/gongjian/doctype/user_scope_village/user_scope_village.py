from frappe.model.document import Document


class UserScopeVillage(Document):
	pass
