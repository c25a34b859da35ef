"""Install steps that fixtures cannot do: site settings, the card series, the dashboard records,
and the module profile of scoped users. The app's roles are fixtures (gongjian/fixtures/role.json)."""

import frappe
from frappe.translate import set_default_language

from gongjian.members import ensure_card_series

APP_NAME = "工建"
SITE_LANGUAGE = "zh"
# Users granted a gongjian role other than the manager's see the Gongjian module only: Frappe's own
# workspaces (Users, Website, Tools, Integrations, Build) offer them nothing they may use.
GONGJIAN_ONLY = "Gongjian Only"
ROLES = (
	"Gongjian Manager",
	"Village User",
	"Enterprise User",
	"Union Organizer",
	"Gongjian Viewer",
)


# Frappe counts failures per account and per address: an office behind one address shares the second.
LOGIN_ATTEMPTS = 10
LOCKOUT_SECONDS = 300


def after_install():
	set_site_language()
	ensure_card_series()
	import_dashboard_records()
	office_settings()


def after_migrate():
	ensure_card_series()
	import_dashboard_records()
	office_settings()
	# The rules or their translations may have changed: the kept warnings are judged afresh until the
	# scheduler's next run rebuilds them (gongjian/compliance_findings.py).
	from gongjian.compliance_findings import forget_rebuild

	forget_rebuild()


def set_site_language():
	"""Every site speaks Chinese from the start, the test sites too: new users and guests get the site's
	language (gongjian/accounts.py). An administrator may change it later; migrate leaves it alone."""
	frappe.db.set_single_value("System Settings", "language", SITE_LANGUAGE)
	set_default_language(SITE_LANGUAGE)


def office_settings():
	hide_error_tracebacks()
	name_the_app()
	frappe.db.set_single_value("System Settings", "login_with_email_link", 0)  # the office sends no mail
	# An account is locked for five minutes after ten wrong passwords in a row (Frappe: one minute).
	frappe.db.set_single_value("System Settings", "allow_consecutive_login_attempts", LOGIN_ATTEMPTS)
	frappe.db.set_single_value("System Settings", "allow_login_after_fail", LOCKOUT_SECONDS)
	hide_unused_navbar_items()
	ensure_module_profile()
	from gongjian.gongjian.doctype.gongjian_user_scope.gongjian_user_scope import apply_module_profiles

	apply_module_profiles()


def name_the_app():
	"""The login page and the browser tab say 工建, not Frappe, unless the site was given a name."""
	for settings in ("System Settings", "Website Settings"):
		if frappe.db.get_single_value(settings, "app_name") in (None, "", "Frappe"):
			frappe.db.set_single_value(settings, "app_name", APP_NAME)
	if not frappe.db.get_single_value("Website Settings", "footer_powered"):  # else "Built on Frappe"
		frappe.db.set_single_value("Website Settings", "footer_powered", APP_NAME)


# Navbar items that lead a clerk out of the office's desk: Frappe's English support site and version
# dialog, the public website (the login page only) and the app switcher.
UNUSED_NAVBAR_ITEMS = ("Frappe Support", "About", "View Website", "Apps")


def hide_unused_navbar_items():
	navbar = frappe.get_single("Navbar Settings")
	items = [
		row
		for row in navbar.help_dropdown + navbar.settings_dropdown
		if row.item_label in UNUSED_NAVBAR_ITEMS
	]
	if all(row.hidden for row in items):
		return
	for row in items:
		row.hidden = 1
	navbar.save(ignore_permissions=True)  # server-made settings during install and migrate


def ensure_module_profile():
	"""The module profile of scoped users (Gongjian User Scope sets it): every module blocked but
	Gongjian. Made here, not as a fixture, because the list of modules depends on the apps installed."""
	modules = frappe.get_all("Module Def", pluck="name", order_by="name")
	profile = (
		frappe.get_doc("Module Profile", GONGJIAN_ONLY)
		if frappe.db.exists("Module Profile", GONGJIAN_ONLY)
		else frappe.new_doc("Module Profile")
	)
	blocked = [module for module in modules if module != "Gongjian"]
	if [row.module for row in profile.block_modules] == blocked:
		return
	profile.module_profile_name = GONGJIAN_ONLY
	profile.set("block_modules", [{"module": module} for module in blocked])
	profile.save(ignore_permissions=True)  # server-made record during install and migrate


def hide_error_tracebacks():
	"""Error answers carry the message only, never the Python traceback (it shows code and data to
	clerks); the traceback is still kept in the Error Log."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


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
	# Frappe 15.7x and later ask each installed app whether its setup is complete, not System Settings.
	if frappe.db.has_column("Installed Application", "is_setup_complete"):
		frappe.db.set_value("Installed Application", {"app_name": "frappe"}, "is_setup_complete", 1)
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


def production_settings():
	"""Production mode (scripts/production): errors answer without Python tracebacks. `bench execute`
	commits."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)
