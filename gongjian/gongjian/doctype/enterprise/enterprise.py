import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError, InvalidIdentifierError, StaffFiguresError
from gongjian.rules.identifiers import normalize_code, uscc_error
from gongjian.rules.units import staff_figures_error
from gongjian.staff import STAFF_FIGURES, keep_staff_history


class Enterprise(Document):
	def validate(self):
		self.validate_uscc()
		self.validate_staff_figures()
		keep_staff_history(self)
		self.set_union_funds_due()
		self.warn_members_over_staff()

	def on_update(self):
		self.warn_sitting_officers()

	def warn_sitting_officers(self):
		"""R14, said at each save of the unit (the finding itself shows with the warnings): an officer of
		its union made ineligible by the unit's heads or declared relatives."""
		if self.is_new():
			return
		from gongjian.compliance import sitting_officer_violations

		for violation in sitting_officer_violations({self.name: self.village}, {"name": self.name}):
			if violation.rule == "R14" and "ended" not in violation.args:
				frappe.msgprint(violation.render(_)[0], indicator="orange", alert=True)

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

	def validate_staff_figures(self):
		figures = [self.get(field) or 0 for field in STAFF_FIGURES]
		if reason := staff_figures_error(*figures):
			frappe.throw(_(reason), StaffFiguresError, title=_("Staff Figures"))

	def warn_members_over_staff(self):
		"""R09, said at once (the finding itself shows with the warnings): more members than staff."""
		if self.is_new() or not self.has_value_changed("staff_total"):
			return
		members = frappe.db.count("Union Member", {"employer": self.name, "status": "Member"})
		if members > (self.staff_total or 0):
			frappe.msgprint(
				_("R09: {0} members are registered at this unit, more than its staff total of {1}").format(
					members, self.staff_total or 0
				),
				indicator="orange",
				alert=True,
			)

	def set_union_funds_due(self):
		"""经费拨缴 (Trade Union Law Art. 43): 2 % of the year's payroll, one row per year."""
		years = [row.year for row in self.union_funds]
		if len(set(years)) < len(years):
			frappe.throw(_("Union funds are recorded once per year"), GongjianValidationError)
		for row in self.union_funds:
			row.amount_due = round((row.payroll_total or 0) * UNION_FUNDS_SHARE, 2)


UNION_FUNDS_SHARE = 0.02
