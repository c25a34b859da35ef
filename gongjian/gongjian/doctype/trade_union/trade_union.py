import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError

# Unions that belong to one village (属地管理, R05); the rest are township-level.
VILLAGE_LEVEL_KINDS = frozenset(
	{"Base Union Committee", "Joint Base Union", "Village Union Committee", "Village Joint Union"}
)


class TradeUnion(Document):
	def validate(self):
		self.require_village_for_village_level_kinds()
		self.set_township_from_village()
		self.reject_duplicate_units()

	def require_village_for_village_level_kinds(self):
		if self.union_kind in VILLAGE_LEVEL_KINDS and not self.village:
			frappe.throw(
				_("A {0} belongs to a village: fill in Village").format(_(self.union_kind)),
				GongjianValidationError,
			)

	def set_township_from_village(self):
		if self.village:
			self.township = frappe.db.get_value("Village", self.village, "township")

	def reject_duplicate_units(self):
		seen = set()
		for row in self.covered_units:
			if row.enterprise in seen:
				frappe.throw(
					_("Row {0}: unit {1} is listed twice").format(row.idx, row.enterprise),
					GongjianValidationError,
				)
			seen.add(row.enterprise)
