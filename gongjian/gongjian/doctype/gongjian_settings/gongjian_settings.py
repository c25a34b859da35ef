import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError


class GongjianSettings(Document):
	def validate(self):
		if self.demo_sites_min > self.demo_sites_max:
			frappe.throw(_("Minimum demonstration sites cannot exceed the maximum"), GongjianValidationError)
