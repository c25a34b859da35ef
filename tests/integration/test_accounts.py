"""Accounts of a township office (issue 9, items 5, 9, 11, and the fixtures): no account made for a
clerk becomes System Manager, new accounts speak the site's language, granted users' sidebar lists
what they can use, and the app's roles are fixtures."""

import json
from pathlib import Path

import frappe
import pytest

from gongjian.exceptions import GongjianValidationError
from gongjian.install import APP_NAME, GONGJIAN_ONLY, ROLES
from tests import factories

FIXTURES = Path(__file__).resolve().parents[2] / "gongjian" / "fixtures"


def new_user(**fields) -> str:
	email = f"{factories.unique('acct')}@example.com"
	frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": "文书", "send_welcome_email": 0, **fields}
	).insert()
	return email


def roles_of(user: str) -> set[str]:
	return set(frappe.get_all("Has Role", {"parent": user, "parenttype": "User"}, pluck="role"))


@pytest.fixture
def no_other_system_manager():
	"""A fresh site: Administrator is the only System Manager (rolled back after the test)."""
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	for user in frappe.get_all("Has Role", {"role": "System Manager", "parenttype": "User"}, pluck="parent"):
		if user != "Administrator":
			frappe.db.set_value("User", user, "enabled", 0)


# ---- item 9: the first account of a site is not made System Manager ----


def test_first_account_on_a_fresh_site_is_not_made_system_manager(no_other_system_manager):
	frappe.clear_messages()
	user = new_user()
	assert "System Manager" not in roles_of(user)
	assert not [m for m in frappe.get_message_log() if "System Manager" in str(m.get("message"))]


def test_system_manager_given_on_purpose_stays(no_other_system_manager):
	user = new_user(roles=[{"role": "System Manager"}])
	assert "System Manager" in roles_of(user)


def test_scope_explains_in_chinese_why_a_system_manager_is_refused():
	frappe.local.lang = "zh"  # the town administrator's desk
	user = new_user(roles=[{"role": "System Manager"}])
	with pytest.raises(GongjianValidationError) as error:
		frappe.get_doc({"doctype": "Gongjian User Scope", "user": user, "role": "Gongjian Viewer"}).insert()
	message = str(error.value)
	assert user in message
	assert "系统管理员" in message and "第一个" in message, message


# ---- item 11: an account made without a language speaks the site's ----


def test_site_speaks_chinese_from_install():
	assert frappe.db.get_single_value("System Settings", "language") == "zh"
	assert frappe.db.get_default("lang") == "zh"


def test_upload_folders_keep_the_names_the_desk_asks_for():
	"""The desk uploads into "Home/Attachments": a site language set too early would have named the
	folders 家/附件 at install, and every upload on a new site would fail."""
	assert frappe.db.exists("File", {"name": "Home/Attachments", "is_folder": 1})


def test_account_made_without_a_language_gets_the_site_language():
	assert frappe.db.get_value("User", new_user(), "language") == "zh"


def test_account_made_with_a_language_keeps_it():
	assert frappe.db.get_value("User", new_user(language="en"), "language") == "en"


# ---- item 5: a granted user's sidebar lists the 工建 workspace only ----


def sidebar_titles(user: str) -> set[str]:
	from frappe.desk.desktop import get_workspace_sidebar_items

	frappe.clear_cache(user=user)
	frappe.set_user(user)
	try:
		return {page["title"] for page in get_workspace_sidebar_items()["pages"]}
	finally:
		frappe.set_user("Administrator")


@pytest.mark.parametrize("role", ROLES)
def test_granted_user_sidebar_lists_the_gongjian_workspace_only(role):
	user = new_user()
	scope = {"Village User": {"villages": [{"village": factories.village()}]}}.get(role, {})
	if role == "Enterprise User":
		scope = {"enterprises": [{"enterprise": factories.enterprise(factories.village())}]}
	if role == "Union Organizer":
		organizer = frappe.get_doc(
			{
				"doctype": "Union Organizer",
				"organizer_name": "测试指导员",
				"source": "Government Cadre",
				"township": factories.township(),
			}
		).insert()
		scope = {"organizer": organizer.name}
	frappe.get_doc({"doctype": "Gongjian User Scope", "user": user, "role": role, **scope}).insert()
	assert sidebar_titles(user) == {"Gongjian"}
	assert frappe.db.get_value("User", user, "module_profile") == GONGJIAN_ONLY


def test_revoked_user_gets_frappe_default_modules_back():
	user = new_user()
	scope = frappe.get_doc(
		{"doctype": "Gongjian User Scope", "user": user, "role": "Gongjian Viewer"}
	).insert()
	scope.delete()
	assert not frappe.db.get_value("User", user, "module_profile")
	assert not frappe.get_all("Block Module", {"parent": user})


def test_module_profile_blocks_every_module_but_gongjian():
	blocked = set(frappe.get_all("Block Module", {"parent": GONGJIAN_ONLY}, pluck="module"))
	assert blocked == set(frappe.get_all("Module Def", pluck="name")) - {"Gongjian"}


# ---- item 19: the app's own name; no email-link login ----


def test_site_carries_the_app_name_and_offers_no_email_link_login():
	assert frappe.db.get_single_value("System Settings", "app_name") == APP_NAME
	assert frappe.db.get_single_value("Website Settings", "app_name") == APP_NAME
	assert not frappe.db.get_single_value("System Settings", "login_with_email_link")


def test_navbar_offers_no_way_out_to_frappe_sites():
	navbar = frappe.get_single("Navbar Settings")
	shown = {row.item_label for row in navbar.help_dropdown + navbar.settings_dropdown if not row.hidden}
	assert not shown & {"Frappe Support", "About", "View Website", "Apps"}, shown
	assert "Log out" in shown


# ---- fixtures: the app's roles, where Frappe people look for them ----


def test_roles_are_fixtures_declared_in_hooks():
	exported = {row["name"] for row in json.loads((FIXTURES / "role.json").read_text(encoding="utf-8"))}
	assert exported == set(ROLES)
	declared = [f for f in frappe.get_hooks("fixtures", app_name="gongjian") if f["dt"] == "Role"]
	assert set(declared[0]["filters"][0][2]) == set(ROLES)
	for role in ROLES:
		assert frappe.db.get_value("Role", role, "desk_access") == 1
