from frappe.model.document import Document


class AssessmentMetric(Document):
	pass
