from frappe.model.document import Document


class UserScopeEnterprise(Document):
	pass
