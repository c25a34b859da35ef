import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from gongjian.exceptions import GongjianValidationError


class CollectiveContract(Document):
	def validate(self):
		if getdate(self.expires_on) <= getdate(self.signed_on):
			frappe.throw(_("A contract expires after it is signed"), GongjianValidationError)
