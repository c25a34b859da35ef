import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError

SAVEPOINT = "membership_transfer"


class MembershipTransfer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		destination: DF.Literal["Transfer to Union", "Retain Membership"]
		from_employer: DF.Link | None
		from_union: DF.Link | None
		member: DF.Link
		member_name: DF.Data | None
		reason: DF.Literal[
			"Enterprise Restructuring",
			"Bankruptcy",
			"Diversion",
			"Layoff",
			"Waiting for Post",
			"Early Retirement",
			"Termination of Labour Relation",
			"Job Transfer",
		]
		remarks: DF.SmallText | None
		to_employer: DF.Link | None
		to_union: DF.Link
		transfer_date: DF.Date
		village: DF.Link

	# end: auto-generated types
	def validate(self):
		self.set_origin()
		self.set_retaining_union()
		self.check_destination()

	def set_origin(self):
		if not self.member:
			return  # Frappe's mandatory check answers next, in Chinese
		# A draft follows the member; a transfer created and submitted in one call has no draft stage.
		if self.docstatus == 0 or not (self.from_union or self.from_employer):
			self.from_union, self.from_employer = frappe.db.get_value(
				"Union Member", self.member, ["union", "employer"]
			)

	def set_retaining_union(self):
		"""A retained membership is kept by a union: by default the Members' Home of the member's
		township."""
		if self.destination != "Retain Membership":
			return
		self.to_employer = None
		if not self.to_union:
			self.to_union = township_members_home(self.member)
		if not self.to_union:
			frappe.throw(
				_("Choose the union that keeps the retained membership: the township has no Members' Home"),
				GongjianValidationError,
				title=_("Union Keeping the Membership"),
			)

	def check_destination(self):
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


@frappe.whitelist()
def retaining_union(member: str) -> str | None:
	"""The form's suggestion for a retained membership: the township's Members' Home."""
	if not frappe.has_permission("Union Member", "read", doc=member):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	return township_members_home(member)


def township_members_home(member: str) -> str | None:
	"""The Members' Home union (会员之家) of the member's township, where a retained membership is kept."""
	village = frappe.db.get_value("Union Member", member, "village")
	township = village and frappe.db.get_value("Village", village, "township")
	if not township:
		return None
	homes = frappe.get_all(
		"Trade Union",
		filters={"union_kind": "Members' Home", "township": township, "status": ["!=", "Dissolved"]},
		pluck="name",
		order_by="creation",
	)
	return homes[0] if homes else None
