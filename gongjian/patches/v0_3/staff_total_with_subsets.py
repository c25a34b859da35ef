"""Staff as the statistical forms count it (R09): the total is entered, and 农民工, 劳务派遣工 and 临时工
are parts of it (其中). Before, four separate buckets were added up, formal staff being the first;
the buckets were disjoint, so their sum is each unit's total, and the other three stay as its parts.
The formal-staff column is left in the table, no longer read."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import IfNull


def execute():
	if not frappe.db.has_column("Enterprise", "staff_formal"):
		return
	unit = DocType("Enterprise")
	staff_total = (
		IfNull(unit.staff_formal, 0)
		+ IfNull(unit.staff_migrant, 0)
		+ IfNull(unit.staff_dispatched, 0)
		+ IfNull(unit.staff_temporary, 0)
	)
	frappe.qb.update(unit).set(unit.staff_total, staff_total).where(unit.staff_formal.isnotnull()).run()
