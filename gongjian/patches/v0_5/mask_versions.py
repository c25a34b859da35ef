"""Record histories written before issue 14 kept sealed numbers and birth dates: drop them
(gongjian/personal_data.py keep_versions_masked does so for every new one)."""

import frappe

from gongjian.personal_data import keep_versions_masked
from gongjian.scoped_doctypes import SEALING_DOCTYPES


def execute():
	for row in frappe.get_all(
		"Version",
		filters={"ref_doctype": ["in", list(SEALING_DOCTYPES)]},
		fields=["name", "ref_doctype", "data"],
	):
		version = frappe._dict(row)
		keep_versions_masked(version)
		if version.data != row.data:
			frappe.db.set_value("Version", row.name, "data", version.data, update_modified=False)
