import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import InvalidIdentifierError
from gongjian.rules.identifiers import normalize_code, uscc_error

STAFF_FIELDS = ("staff_formal", "staff_migrant", "staff_dispatched", "staff_temporary")


class Enterprise(Document):
	def validate(self):
		self.validate_uscc()
		self.set_staff_total()

	def validate_uscc(self):
		if not self.uscc:
			return
		self.uscc = normalize_code(self.uscc)
		if reason := uscc_error(self.uscc):
			frappe.throw(
				_("{0} {1}: {2}").format(_(self.meta.get_label("uscc")), self.uscc, _(reason)),
				InvalidIdentifierError,
				title=_("Invalid Unified Social Credit Code"),
			)

	def set_staff_total(self):
		# R09: every worker with a labour relation counts, migrant, dispatched and temporary included.
		self.staff_total = sum(self.get(field) or 0 for field in STAFF_FIELDS)
