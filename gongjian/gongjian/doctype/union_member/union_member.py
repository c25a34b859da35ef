import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from gongjian import member_counts
from gongjian.exceptions import GongjianValidationError, InvalidIdentifierError, PolicyViolationError
from gongjian.members import allocate_card_numbers
from gongjian.personal_data import (
	ID,
	SealedPersonalData,
	count_id_numbers_checked,
	has_new_id_number,
	identity_key,
	key_field,
)
from gongjian.rules.identifiers import normalize_phone, parse_resident_id
from gongjian.rules.membership import MemberState, member_deletion_error, member_exit_error
from gongjian.utils.naming import set_readable_name


class UnionMember(SealedPersonalData, Document):
	def autoname(self):
		set_readable_name(self)

	def before_insert(self):
		# Every member gets a card number (R11), however registered: form, REST, Data Import, batch.
		# One sent with a request (the form, REST) is not taken: the counter issues it. A Data Import,
		# and the server's own records, may carry cards issued before.
		made_by_request = getattr(frappe.local, "request", None) is not None and not frappe.flags.in_import
		if not self.card_number or made_by_request:
			self.card_number = allocate_card_numbers(1)[0]

	def validate(self):
		self.set_fields_from_id_number()
		self.check_phone()
		self.reject_duplicate_id_number()
		self.set_village()
		self.check_exit()
		if self.status == "Withdrawn" and not self.exit_on:
			self.exit_on = today()
		self.keep_card_number()
		self.keep_server_fields()

	def keep_server_fields(self):
		"""Set by the server only: the batch that enrolled the member, and the worker's own account
		(linked when they prove the card theirs on /my-card). Read-only on the form, and over REST too."""
		before = self.get_doc_before_save()
		for fieldname in ("enrollment_batch", "website_user"):
			self.set(fieldname, before.get(fieldname) if before else None)

	def keep_card_number(self):
		"""A card number is issued once and printed on the card: it is not typed over."""
		before = self.get_doc_before_save()
		if before and before.card_number and self.card_number != before.card_number:
			frappe.throw(
				_("The member card number {0} was issued with the card and is not changed").format(
					before.card_number
				),
				GongjianValidationError,
			)

	def set_fields_from_id_number(self):
		try:
			resident = parse_resident_id(self.id_number)
		except ValueError as reason:
			frappe.throw(
				_("{0} {1}: {2}").format(_("ID Number"), self.id_number, _(str(reason))),
				InvalidIdentifierError,
				title=_("Invalid ID Number"),
			)
		self.id_number = resident.number
		self.birth_date = resident.birth_date
		self.gender = resident.gender
		self.foreign = int(resident.foreign)

	def check_phone(self):
		"""As the join page and the roster check it (gongjian/rules/identifiers.py)."""
		if not self.phone:
			return
		try:
			self.phone = normalize_phone(self.phone)
		except ValueError as reason:
			frappe.throw(
				_("{0} {1}: {2}").format(_("Phone"), self.phone, _(str(reason))), GongjianValidationError
			)

	def reject_duplicate_id_number(self):
		if has_new_id_number(self):
			count_id_numbers_checked("form")
		other = frappe.db.get_value(
			"Union Member",
			{key_field("id_number"): identity_key(ID, self.id_number), "name": ["!=", self.name]},
		)
		if not other:
			return
		# Named only to those who may read that member: the number alone must not reveal who it is.
		if frappe.has_permission("Union Member", "read", doc=other):
			message = _("ID number {0} already belongs to member {1}").format(
				self.id_number, frappe.db.get_value("Union Member", other, "member_name")
			)
		else:
			message = _("ID number {0} is already registered as a member").format(self.id_number)
		frappe.throw(message, GongjianValidationError)

	def set_village(self):
		"""Denormalised for scoping: the employer's village, else the union's, else as entered."""
		village = None
		if self.employer:
			village = frappe.db.get_value("Enterprise", self.employer, "village")
		if not village and self.union:
			village = frappe.db.get_value("Trade Union", self.union, "village")
		self.village = village or self.village

	def check_exit(self):
		"""R10: union and employer change only through a Membership Transfer, which sets the flag."""
		before = self.get_doc_before_save()
		if self.flags.via_membership_transfer:
			return
		if not before:
			before = frappe._dict(union=None, employer=None, status=None)
		employer_status = (
			frappe.db.get_value("Enterprise", before.employer, "status") if before.employer else None
		)
		if error := member_exit_error(
			MemberState(before.union, before.employer, before.status),
			MemberState(self.union, self.employer, self.status, self.exit_reason, self.exit_note),
			employer_status,
		):
			frappe.throw(_(error), PolicyViolationError, title=_("Membership Must Not Be Lost"))

	def on_update(self):
		member_counts.member_saved(self)

	def on_trash(self):
		"""R10: a membership ends by withdrawal with its reason; the record itself goes only when it was
		registered by mistake (rules/membership.member_deletion_error)."""
		employer_status = (
			frappe.db.get_value("Enterprise", self.employer, "status") if self.employer else None
		)
		history = bool(
			frappe.db.exists("Version", {"ref_doctype": self.doctype, "docname": self.name})
			or frappe.db.exists("Membership Transfer", {"member": self.name})
		)
		if error := member_deletion_error(self.status, self.exit_reason, history, employer_status):
			frappe.throw(
				_(error).format(self.member_name),
				PolicyViolationError,
				title=_("Membership Must Not Be Lost"),
			)
		member_counts.member_deleted(self)


def on_doctype_update():
	"""The survey, the evaluation and the warnings count members per unit, and members without a unit
	per village, as of a day. These indexes hold every column those counts read, so MariaDB counts from
	the index alone instead of reading 600,000 member rows at county scale."""
	frappe.db.add_index(
		"Union Member", ["employer", "status", "joined_on", "exit_on"], "employer_status_joined_exit"
	)
	frappe.db.add_index(
		"Union Member",
		["village", "employer", "status", "joined_on", "exit_on"],
		"village_employer_status_joined_exit",
	)
