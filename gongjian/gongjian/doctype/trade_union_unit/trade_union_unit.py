from frappe.model.document import Document


class TradeUnionUnit(Document):
	pass
