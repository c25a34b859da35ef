"""Install steps that records need: the app's roles and the settings' defaults."""

import frappe

from gongjian.members import ensure_card_series

ROLES = (
	"Gongjian Manager",
	"Village User",
	"Enterprise User",
	"Union Organizer",
	"Gongjian Viewer",
)


def after_install():
	ensure_roles()
	ensure_card_series()
	import_dashboard_records()


def after_migrate():
	ensure_roles()
	ensure_card_series()
	import_dashboard_records()


def ensure_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True  # server-chosen records created during install
			)


def complete_setup():
	"""Finish Frappe's setup wizard for a Chinese township office: Chinese language, China's time
	zone and date format, and the 工建 workspace as the first screen. Bootstrap runs it through
	`bench execute`, which commits."""
	for field, value in {
		"language": "zh",
		"country": "China",
		"time_zone": "Asia/Shanghai",
		"date_format": "yyyy-mm-dd",
		"first_day_of_the_week": "Monday",
		"setup_complete": 1,
	}.items():
		frappe.db.set_single_value("System Settings", field, value)
	frappe.db.set_default("desktop:home_page", "workspace")
	frappe.db.set_value("User", "Administrator", {"language": "zh", "default_workspace": "Gongjian"})
	frappe.clear_cache()


def import_dashboard_records():
	"""Number cards and charts of the workspace: Frappe syncs the workspace itself but not these."""
	from pathlib import Path

	from frappe.modules.import_file import import_file_by_path

	module = Path(__file__).parent / "gongjian"
	for folder in ("number_card", "dashboard_chart"):
		for path in sorted((module / folder).glob("*/*.json")):
			import_file_by_path(str(path), force=True)
