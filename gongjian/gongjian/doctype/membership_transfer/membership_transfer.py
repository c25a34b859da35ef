import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError

SAVEPOINT = "membership_transfer"


class MembershipTransfer(Document):
	def validate(self):
		self.set_origin()
		self.check_destination()

	def set_origin(self):
		if self.docstatus == 0:
			self.from_union, self.from_employer = frappe.db.get_value(
				"Union Member", self.member, ["union", "employer"]
			)

	def check_destination(self):
		if self.destination == "Retain Membership":
			self.to_employer = None
		if self.to_union == self.from_union and self.to_employer == self.from_employer:
			frappe.throw(
				_("The destination is the member's current union and employer"), GongjianValidationError
			)

	def before_submit(self):
		status = frappe.db.get_value("Union Member", self.member, "status")
		if status == "Withdrawn":
			frappe.throw(_("A withdrawn member cannot be transferred"), GongjianValidationError)
		# Everything from here to the end of on_submit is one unit: it all lands or none of it does.
		frappe.db.savepoint(SAVEPOINT)

	def on_submit(self):
		try:
			self.move_member()
			self.record_history()
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			raise

	def move_member(self):
		member = frappe.get_doc("Union Member", self.member)
		member.union = self.to_union
		member.employer = self.to_employer
		member.status = "Retained" if self.destination == "Retain Membership" else "Member"
		member.flags.via_membership_transfer = True
		member.save()

	def record_history(self):
		frappe.get_doc("Union Member", self.member).add_comment(
			"Info",
			_("Membership transferred ({0}) from {1} to {2} by {3}").format(
				_(self.reason), self.from_union, self.to_union, self.name
			),
		)

	def on_cancel(self):
		frappe.throw(
			_("A submitted transfer is not cancelled: make a new transfer back instead"),
			GongjianValidationError,
		)
