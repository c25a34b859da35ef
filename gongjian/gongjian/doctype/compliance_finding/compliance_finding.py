import frappe
from frappe.model.document import Document


class ComplianceFinding(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Data | None
		findings: DF.LongText | None
		subject: DF.Data | None
		subject_doctype: DF.Data | None
		township: DF.Link | None
		unit: DF.Link | None
		village: DF.Link | None
		warnings: DF.Int
		rendered: DF.LongText | None
		rules: DF.Data | None
	# end: auto-generated types

	pass


def on_doctype_update():
	# The survey's column, the workspace card and the warnings report's counts by rule sum warnings by
	# place from this index alone.
	frappe.db.add_index(
		"Compliance Finding",
		["subject_doctype", "village", "township", "category", "rules", "warnings"],
		"place_rules_warnings",
	)
	if frappe.db.has_index("tabCompliance Finding", "place_warnings"):  # its narrower predecessor
		frappe.db.sql_ddl("alter table `tabCompliance Finding` drop index place_warnings")
