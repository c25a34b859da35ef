"""User accounts of a township office: every account speaks the site's language from its first
request, guests (the login page) too, and no account gets System Manager without being given it.

Frappe 15 picks a guest's language from the browser (Accept-Language), a user's from User.language,
and silently makes the first system user of a site System Manager when no other one exists
(User.add_system_manager_role). On a fresh township site that first user is the village clerk the
town's administrator creates, who would then see and change everything."""

import json

import frappe
from frappe import _
from frappe.auth import LoginAttemptTracker
from frappe.translate import get_preferred_language_cookie

SYSTEM_MANAGER = "System Manager"
BUILT_IN_USERS = ("Administrator", "Guest")


def site_language() -> str:
	return frappe.get_system_settings("language") or "en"


def guests_speak_site_language():
	"""before_request: a guest gets the site's language rather than the browser's, unless they chose
	one themselves (the `_lang` parameter or the `preferred_language` cookie of the language picker)."""
	if frappe.session.user != "Guest" or frappe.form_dict.get("_lang"):
		return
	if frappe.request and get_preferred_language_cookie():
		return
	frappe.local.lang = site_language()


def answer_locked_login(response, request):
	"""after_request: a login refused by the lockout answers 429 with a message in the guest's language.

	Frappe checks the lockout while it opens the session, before the request has a language and
	before any app hook, and raises a SecurityException, which has no HTTP status: the login page got
	500 and English."""
	if response is None or response.status_code != 500:
		return
	if request.path != "/api/method/login" and frappe.form_dict.get("cmd") != "login":  # the login page's
		return
	settings = frappe.get_system_settings
	if not settings("allow_consecutive_login_attempts"):
		return
	keys = (frappe.form_dict.get("usr"), getattr(frappe.local, "request_ip", None))
	if all(login_allowed(key) for key in keys if key):
		return
	frappe.local.lang = frappe.form_dict.get("_lang") or get_preferred_language_cookie() or site_language()
	minutes = max(1, round(settings("allow_login_after_fail") / 60))
	message = _(
		"Too many failed logins: logging in is locked for {0} minutes. "
		"Try again later, or ask the township union office to reset the password."
	).format(minutes)
	response.status_code = 429
	response.set_data(
		json.dumps(
			{
				"exc_type": "SecurityException",
				"_server_messages": json.dumps(
					[json.dumps({"message": message, "title": _("Login locked"), "indicator": "red"})]
				),
			}
		)
	)


def login_allowed(key: str) -> bool:
	settings = frappe.get_system_settings
	return LoginAttemptTracker(
		key,
		max_consecutive_login_attempts=settings("allow_consecutive_login_attempts"),
		lock_interval=settings("allow_login_after_fail"),
	).is_user_allowed()


def default_language(user, method=None):
	"""User before_insert: an account made without a language speaks the site's."""
	if not user.language:
		user.language = site_language()


def note_requested_roles(user, method=None):
	"""User before_validate: the roles the account was given, before Frappe's validate adds any."""
	requested = {row.role for row in user.get("roles")}
	if user.role_profile_name:
		requested |= set(frappe.get_all("Has Role", {"parent": user.role_profile_name}, pluck="role"))
	user.flags.gongjian_requested_roles = requested


def refuse_silent_system_manager(user, method=None):
	"""User validate (after Frappe's): take back the System Manager role Frappe adds to the only
	system user, and its message; a System Manager given on purpose stays."""
	requested = user.flags.gongjian_requested_roles
	if user.name in BUILT_IN_USERS or requested is None or SYSTEM_MANAGER in requested:
		return
	added = [row for row in user.get("roles") if row.role == SYSTEM_MANAGER]
	if not added:
		return
	for row in added:
		user.remove(row)
	notice = _("Adding System Manager to this User as there must be atleast one System Manager")
	frappe.local.message_log = [entry for entry in frappe.local.message_log if entry.get("message") != notice]
