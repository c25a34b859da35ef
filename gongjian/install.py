"""Install steps that records need: the app's roles and the settings' defaults."""

import frappe

ROLES = (
	"Gongjian Manager",
	"Village User",
	"Enterprise User",
	"Union Organizer",
	"Gongjian Viewer",
)


def after_install():
	ensure_roles()
	import_dashboard_records()


def after_migrate():
	ensure_roles()
	import_dashboard_records()


def ensure_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True  # server-chosen records created during install
			)


def use_chinese():
	"""Make Chinese the site language (bootstrap calls it; the desk follows it for every user)."""
	frappe.db.set_single_value("System Settings", "language", "zh")
	frappe.db.set_value("User", "Administrator", "language", "zh")
	frappe.db.commit()
	frappe.clear_cache()


def import_dashboard_records():
	"""Number cards and charts of the workspace: Frappe syncs the workspace itself but not these."""
	from pathlib import Path

	from frappe.modules.import_file import import_file_by_path

	module = Path(__file__).parent / "gongjian"
	for folder in ("number_card", "dashboard_chart"):
		for path in sorted((module / folder).glob("*/*.json")):
			import_file_by_path(str(path), force=True)
