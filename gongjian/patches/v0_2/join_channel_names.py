"""Join channels renamed Employer → At Employer, Source → At Source, Destination → At Destination:
the bare words are also field labels ("Employer" is 工作单位), so they could not be translated as
channels (单位入会, 源头入会, 流入地入会)."""

import frappe
from frappe.query_builder import DocType

RENAMED = {"Employer": "At Employer", "Source": "At Source", "Destination": "At Destination"}


def execute():
	for doctype in ("Union Member", "Enrollment Batch", "Enrollment Row"):
		table = DocType(doctype)
		for old, new in RENAMED.items():
			frappe.qb.update(table).set(table.join_channel, new).where(table.join_channel == old).run()
