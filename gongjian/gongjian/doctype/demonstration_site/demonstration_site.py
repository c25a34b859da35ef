from frappe.model.document import Document


class DemonstrationSite(Document):
	pass
