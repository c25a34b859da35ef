import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.enrollment import check_batch, count_new_id_numbers, enroll_valid_rows


class EnrollmentBatch(Document):
	"""集中入会: a roster checked row by row; submitting enrolls the valid rows and issues card numbers
	in one transaction. Rows of people already enrolled are not enrolled again."""

	def validate(self):
		if self.docstatus == 0:
			count_new_id_numbers(self)
			check_batch(self)

	def before_submit(self):
		check_batch(self)  # the registers may have changed since the last save
		if not self.valid_rows:
			frappe.throw(_("No valid rows to enroll"))
		enroll_valid_rows(self)

	def on_cancel(self):
		frappe.throw(_("An enrollment is not cancelled: change the members' status instead"))
