import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.accounts import BUILT_IN_USERS, SYSTEM_MANAGER
from gongjian.exceptions import GongjianValidationError
from gongjian.install import GONGJIAN_ONLY, ROLES
from gongjian.permissions import clear_scope_cache

SCOPE_ALLOW = {"Village User": "Village", "Enterprise User": "Enterprise"}


class GongjianUserScope(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.user_scope_enterprise.user_scope_enterprise import UserScopeEnterprise
		from gongjian.gongjian.doctype.user_scope_village.user_scope_village import UserScopeVillage

		enterprises: DF.TableMultiSelect[UserScopeEnterprise]
		full_name: DF.Data | None
		organizer: DF.Link | None
		role: DF.Literal[
			"Village User", "Enterprise User", "Union Organizer", "Gongjian Viewer", "Gongjian Manager"
		]
		user: DF.Link
		villages: DF.TableMultiSelect[UserScopeVillage]
	# end: auto-generated types
	"""A manager grants a person one gongjian role and its villages or units. Saving keeps the
	user's roles, module profile, User Permissions and organizer link in step; deleting takes them away."""

	def validate(self):
		if self.user in BUILT_IN_USERS:
			frappe.throw(
				_("System managers and built-in users are not given a scope"), GongjianValidationError
			)
		if SYSTEM_MANAGER in frappe.get_roles(self.user):
			# Often the first account made on a new site: Frappe made it System Manager by itself.
			frappe.throw(
				_(
					"User {0} holds the System Manager role, so they see and change every record whatever "
					"scope they are given. Frappe gives this role by itself to the first user made on a new "
					"site. Remove System Manager from the user's Roles, then grant the gongjian role here."
				).format(self.user),
				GongjianValidationError,
			)
		if self.role != "Village User":
			self.villages = []
		if self.role != "Enterprise User":
			self.enterprises = []
		if self.role != "Union Organizer":
			self.organizer = None

	def on_update(self):
		self.sync_roles(keep=self.role)
		self.sync_user_permissions()
		self.sync_organizer()
		clear_scope_cache()

	def on_trash(self):
		self.sync_roles(keep=None)
		self.remove_user_permissions()
		frappe.db.set_value("Union Organizer", {"user": self.user}, "user", None)
		clear_scope_cache()

	def sync_roles(self, keep: str | None):
		# The user record is the one this scope names; the manager's right to grant is the right to
		# save this scope, so the role change itself is made by the server.
		user = frappe.get_doc("User", self.user)
		user.flags.ignore_permissions = True
		for row in list(user.roles):
			if row.role in ROLES and row.role != keep:
				user.remove(row)
		if keep and keep not in [row.role for row in user.roles]:
			user.append("roles", {"role": keep})
		set_module_profile(user, granted=bool(keep))
		user.save()

	def remove_user_permissions(self):
		for name in frappe.get_all(
			"User Permission",
			filters={"user": self.user, "allow": ["in", list(SCOPE_ALLOW.values())]},
			pluck="name",
		):
			frappe.delete_doc("User Permission", name, ignore_permissions=True)

	def sync_user_permissions(self):
		self.remove_user_permissions()
		values = [row.village for row in self.villages] + [row.enterprise for row in self.enterprises]
		allow = SCOPE_ALLOW.get(self.role)
		for value in values:
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": self.user,
					"allow": allow,
					"for_value": value,
					"apply_to_all_doctypes": 1,
					# A clerk of one village (or unit) finds it filled in on every new record.
					"is_default": int(len(values) == 1),
				}
			).insert(ignore_permissions=True)

	def sync_organizer(self):
		frappe.db.set_value("Union Organizer", {"user": self.user}, "user", None)
		if self.organizer:
			frappe.db.set_value("Union Organizer", self.organizer, "user", self.user)


def set_module_profile(user, granted: bool):
	"""A granted user's sidebar lists the 工建 workspace only (the module profile blocks Frappe's own
	modules, whose workspaces they cannot use); a revoked one gets back Frappe's default."""
	if granted:
		user.module_profile = GONGJIAN_ONLY
	elif user.module_profile == GONGJIAN_ONLY:
		user.module_profile = None
		user.set("block_modules", [])


def apply_module_profiles():
	"""after_migrate: users granted before the module profile existed get it too."""
	for name in frappe.get_all("Gongjian User Scope", pluck="user"):
		if frappe.db.get_value("User", name, "module_profile") != GONGJIAN_ONLY:
			user = frappe.get_doc("User", name)
			set_module_profile(user, granted=True)
			user.save(ignore_permissions=True)  # server-side upkeep of granted users
