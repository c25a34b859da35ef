"""Rename the records that Frappe named by a random hash (members, organizers, contracts, activities,
elections, recommendations) to their readable series, oldest first, with every link to them."""

import frappe
from frappe.model.naming import make_autoname
from frappe.model.rename_doc import rename_doc
from frappe.query_builder import DocType

from gongjian.utils.naming import READABLE_SERIES


def execute():
	# Each record's timeline notes its rename; write that note in the office's language.
	frappe.local.lang = frappe.db.get_default("lang") or "zh"
	for doctype, series in READABLE_SERIES.items():
		rename_hash_named(doctype, series)


def rename_hash_named(doctype: str, series: str) -> None:
	table = DocType(doctype)
	prefix = series.split(".", 1)[0]
	hash_named = (
		frappe.qb.from_(table)
		.select(table.name, table.creation)
		.where(table.name.not_like(f"{prefix}%"))
		.orderby(table.creation)
		.orderby(table.name)
		.run()
	)
	for old_name, created in hash_named:
		new_name = make_autoname(series.replace(".YYYY.", str(created.year)), doctype)
		rename_doc(
			doctype,
			old_name,
			new_name,
			force=True,
			ignore_permissions=True,
			show_alert=False,
			rebuild_search=False,
		)
