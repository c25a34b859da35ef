import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError
from gongjian.install import ROLES
from gongjian.permissions import clear_scope_cache

SCOPE_ALLOW = {"Village User": "Village", "Enterprise User": "Enterprise"}


class GongjianUserScope(Document):
	"""A manager grants a person one gongjian role and its villages or units. Saving keeps the
	user's roles, User Permissions and organizer link in step; deleting takes them away."""

	def validate(self):
		if self.user in ("Administrator", "Guest") or "System Manager" in frappe.get_roles(self.user):
			frappe.throw(
				_("System managers and built-in users are not given a scope"), GongjianValidationError
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
		user.remove_roles(*[role for role in ROLES if role != keep])
		if keep and keep not in [row.role for row in user.roles]:
			user.add_roles(keep)

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
				}
			).insert(ignore_permissions=True)

	def sync_organizer(self):
		frappe.db.set_value("Union Organizer", {"user": self.user}, "user", None)
		if self.organizer:
			frappe.db.set_value("Union Organizer", self.organizer, "user", self.user)
