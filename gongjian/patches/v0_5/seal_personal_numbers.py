"""Personal numbers kept whole before issue 14 are masked, sealed beside the mask (gongjian/personal_data.py)."""

import frappe

from gongjian.personal_data import sealed_values
from gongjian.rules.identifiers import is_masked
from gongjian.scoped_doctypes import SEALED_FIELDS


def execute():
	for doctype, fields in SEALED_FIELDS.items():
		for row in frappe.get_all(doctype, fields=["name", *fields]):
			whole = {f: row[f] for f in fields if row[f] and not is_masked(row[f])}
			if whole:
				sealed = sealed_values(doctype, whole)
				columns = {column: sealed[column] for column in sealed if column.startswith(tuple(whole))}
				frappe.db.set_value(doctype, row.name, columns, update_modified=False)
