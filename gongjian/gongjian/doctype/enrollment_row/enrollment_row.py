from frappe.model.document import Document


class EnrollmentRow(Document):
	pass
