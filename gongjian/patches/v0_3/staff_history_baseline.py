"""Staff history (普查登记) starts with the figures each unit holds, dated the day its record was made:
the best that is known of the past. Units that already have a history are left alone."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Date
from frappe.utils import getdate

from gongjian.staff import HISTORY, STAFF_FIGURES, figures_of, insert_counts


def execute():
	counted = set(
		frappe.get_all(HISTORY, filters={"parenttype": "Enterprise"}, pluck="parent", distinct=True)
	)
	units = [
		unit
		for unit in frappe.get_all("Enterprise", fields=["name", "creation", *STAFF_FIGURES])
		if unit.name not in counted
	]
	insert_counts([(u.name, 1, getdate(u.creation), figures_of(u)) for u in units], source="Unit Record")
	unit_table = DocType("Enterprise")
	frappe.qb.update(unit_table).set(unit_table.staff_counted_on, Date(unit_table.creation)).where(
		unit_table.staff_counted_on.isnull()
	).run()
