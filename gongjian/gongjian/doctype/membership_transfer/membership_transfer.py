import frappe
from frappe import _
from frappe.desk.search import validate_and_sanitize_search_inputs
from frappe.model.document import Document
from frappe.query_builder import DocType

from gongjian.exceptions import GongjianValidationError
from gongjian.permissions import (
	NOT_TRANSFER_DESTINATIONS,
	get_scope,
	is_transfer_destination,
	record_readable,
	townships_in_scope,
)

SAVEPOINT = "membership_transfer"


class MembershipTransfer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accepted_by: DF.Link | None
		accepted_on: DF.Date | None
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
		return_reason: DF.SmallText | None
		to_employer: DF.Link | None
		to_union: DF.Link
		to_village: DF.Link | None
		transfer_date: DF.Date
		transfer_status: DF.Literal["", "Awaiting Acceptance", "Accepted", "Returned", "Completed"]
		village: DF.Link

	# end: auto-generated types
	def validate(self):
		self.set_origin()
		self.set_retaining_union()
		self.check_destination()
		self.to_village = (
			frappe.db.get_value("Trade Union", self.to_union, "village") if self.to_union else None
		)

	def onload(self):
		self.set_onload("can_answer", self.can_answer())

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
		if status == "Transferring":
			frappe.throw(
				_("This member is already being transferred: wait for the receiving union's answer"),
				GongjianValidationError,
			)
		# Everything from here to the end of on_submit is one unit: it all lands or none of it does.
		frappe.db.savepoint(SAVEPOINT)

	def on_submit(self):
		"""A retained membership is kept by the township's Members' Home at once. A transfer to a union
		waits for that union: the member is in transfer (转接中) until it accepts or returns them."""
		try:
			if self.destination == "Retain Membership":
				self.move_member()
				self.db_set("transfer_status", "Completed")
				self.record_history()
			else:
				self.set_member_status("Transferring")
				self.db_set("transfer_status", "Awaiting Acceptance")
		except Exception as error:
			# A deadlock or lock timeout has rolled the whole transaction back, savepoint included:
			# the request answers it as such (Frappe retries jobs and answers 508 to requests).
			if not (frappe.db.is_deadlocked(error) or frappe.db.is_timedout(error)):
				frappe.db.rollback(save_point=SAVEPOINT)
			raise

	def can_answer(self, user: str | None = None) -> bool:
		"""Whether `user` answers for the receiving union: may change that union's record."""
		return bool(
			self.docstatus == 1
			and self.transfer_status == "Awaiting Acceptance"
			and frappe.has_permission("Trade Union", "write", doc=self.to_union, user=user)
		)

	def check_can_answer(self):
		if not self.can_answer():
			frappe.throw(
				_("Only the receiving union accepts or returns a transfer awaiting it"),
				frappe.PermissionError,
			)
		member = frappe.db.get_value("Union Member", self.member, ["status", "union"], as_dict=True)
		if not member or member.status != "Transferring" or member.union != self.from_union:
			frappe.throw(
				_("{0} is no longer in this transfer: it cannot be answered").format(self.member_name),
				GongjianValidationError,
			)

	def accept(self):
		"""The receiving union takes the member in (R10: the membership continues there)."""
		self.check_can_answer()
		self.move_member()
		self.record_answer("Accepted")
		self.record_history()

	def return_to_sender(self, reason: str):
		"""The receiving union declines: the member stays a member of the union they came from."""
		self.check_can_answer()
		if not (reason or "").strip():
			frappe.throw(_("Give the reason for returning the transfer"), GongjianValidationError)
		self.set_member_status("Member")
		self.db_set("return_reason", reason.strip())
		self.record_answer("Returned")
		frappe.get_doc("Union Member", self.member).add_comment(
			"Info",
			_("Transfer {0} to {1} returned: {2}").format(self.name, self.to_union, reason.strip()),
		)

	def record_answer(self, status: str):
		self.db_set(
			{
				"transfer_status": status,
				"accepted_by": frappe.session.user,
				"accepted_on": frappe.utils.today(),
			}
		)

	def member_for_transfer(self):
		# The receiving union's clerk may not read the member before it arrives: the transfer itself was
		# submitted by the sending side and the answer checked against the receiving union (check_can_answer).
		member = frappe.get_doc("Union Member", self.member)
		member.flags.via_membership_transfer = True
		member.flags.ignore_permissions = True
		return member

	def set_member_status(self, status: str):
		member = self.member_for_transfer()
		member.status = status
		member.save()

	def move_member(self):
		member = self.member_for_transfer()
		member.union = self.to_union
		member.employer = self.to_employer
		member.status = "Retained" if self.destination == "Retain Membership" else "Member"
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


@frappe.whitelist(methods=["POST"])
def accept_transfer(name: str) -> str:
	doc = frappe.get_doc("Membership Transfer", name)
	doc.check_permission("read")
	doc.accept()
	return doc.transfer_status


@frappe.whitelist(methods=["POST"])
def return_transfer(name: str, reason: str) -> str:
	doc = frappe.get_doc("Membership Transfer", name)
	doc.check_permission("read")
	doc.return_to_sender(reason)
	return doc.transfer_status


@frappe.whitelist()
@validate_and_sanitize_search_inputs
def transfer_destinations(doctype, txt, searchfield, start, page_len, filters):
	"""The receiving unions a clerk may pick: the active unions of their township (names and villages
	only), the town's own kinds left out."""
	union = DocType("Trade Union")
	query = (
		frappe.qb.from_(union)
		.select(union.name, union.village)
		.where(union.status == "Active")
		.where(union.union_kind.notin(NOT_TRANSFER_DESTINATIONS))
		.where(union.name.like("%" + (txt or "") + "%"))
		.orderby(union.name)
		.limit(min(int(page_len or 20), 50))
		.offset(int(start or 0))
	)
	if not get_scope().everything:
		townships = townships_in_scope(frappe.session.user)
		if not townships:
			return []
		query = query.where(union.township.isin(sorted(townships)))
	return query.run()


@frappe.whitelist()
@validate_and_sanitize_search_inputs
def receiving_units(doctype, txt, searchfield, start, page_len, filters):
	"""The new employers a clerk may pick: the units the chosen receiving union covers, if the clerk
	may name that union (names and villages only)."""
	union = (filters or {}).get("union") if isinstance(filters, dict) else None
	if not union or not (get_scope().everything or is_transfer_destination(union, frappe.session.user)):
		return []
	row, unit = DocType("Trade Union Unit"), DocType("Enterprise")
	return (
		frappe.qb.from_(row)
		.join(unit)
		.on(unit.name == row.enterprise)
		.select(unit.name, unit.village)
		.where((row.parent == union) & (row.parenttype == "Trade Union"))
		.where(unit.name.like("%" + (txt or "") + "%"))
		.orderby(unit.name)
		.limit(min(int(page_len or 20), 50))
		.offset(int(start or 0))
	).run()


@frappe.whitelist()
def retaining_union(member: str) -> str | None:
	"""The form's suggestion for a retained membership: the township's Members' Home."""
	if not record_readable("Union Member", member):  # the same answer whether or not it exists
		frappe.throw(_("This record does not exist, or you may not see it"), frappe.PermissionError)
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
