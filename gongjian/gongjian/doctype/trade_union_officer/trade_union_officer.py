from frappe.model.document import Document


class TradeUnionOfficer(Document):
	pass
