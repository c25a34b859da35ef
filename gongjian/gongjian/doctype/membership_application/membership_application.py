import secrets

import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError, InvalidIdentifierError
from gongjian.personal_data import SealedPersonalData, count_id_numbers_checked, has_new_id_number
from gongjian.rules.identifiers import normalize_phone, parse_resident_id

# SQ and ten random digits: the status page is reached by the number, so numbers are not walked.
NUMBER_PREFIX = "SQ"
NUMBER_DIGITS = 10
# Set only by gongjian.join.decide (approve, reject): the decision is not typed into the form.
DECISION_FIELDS = ("status", "reject_reason", "member", "decided_by", "decided_on")
CONSENT_FIELDS = ("consent", "consent_on", "consent_text")


class MembershipApplication(SealedPersonalData, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applicant_name: DF.Data
		consent: DF.Check
		consent_on: DF.Datetime | None
		consent_text: DF.SmallText | None
		decided_by: DF.Link | None
		decided_on: DF.Datetime | None
		employer: DF.Link | None
		employer_name: DF.Data | None
		employment_kind: DF.Literal[
			"Formal", "Migrant Worker", "Dispatched", "Temporary", "New Urban Employee"
		]
		hometown: DF.Data | None
		id_number: DF.Data
		id_number_key: DF.Data | None
		id_number_secret: DF.SmallText | None
		member: DF.Link | None
		phone: DF.Data
		phone_key: DF.Data | None
		phone_secret: DF.SmallText | None
		reject_reason: DF.SmallText | None
		status: DF.Literal["Awaiting Approval", "Approved", "Rejected"]
		union: DF.Link
		village: DF.Link | None
	# end: auto-generated types

	def autoname(self):
		while True:
			name = NUMBER_PREFIX + "".join(secrets.choice("0123456789") for _digit in range(NUMBER_DIGITS))
			if not frappe.db.exists("Membership Application", name):
				self.name = name
				return

	def validate(self):
		self.keep_decision()
		self.check_identity()
		self.set_village()

	def keep_decision(self):
		"""A decided application is a record: nothing in it changes; a pending one changes its
		decision only through approve or reject."""
		before = self.get_doc_before_save()
		if self.flags.deciding:
			return
		if before is None:
			self.status = "Awaiting Approval"
			for field in DECISION_FIELDS[1:]:
				self.set(field, None)
			if not self.flags.ignore_permissions:  # made in the desk, not through the join page
				for field in CONSENT_FIELDS:
					self.set(field, None)
			return
		if before.status != "Awaiting Approval":
			frappe.throw(
				_("Application {0} was already decided: {1}").format(self.name, _(before.status)),
				GongjianValidationError,
			)
		for field in (*DECISION_FIELDS, *CONSENT_FIELDS):
			if self.get(field) != before.get(field):
				frappe.throw(
					_("{0} is set by approving or rejecting the application").format(
						_(self.meta.get_label(field))
					),
					GongjianValidationError,
				)

	def check_identity(self):
		"""The desk's checks of a member (gongjian/rules/identifiers.py)."""
		try:
			self.id_number = parse_resident_id(self.id_number).number
		except ValueError as reason:
			frappe.throw(
				_("{0} {1}: {2}").format(_("ID Number"), self.id_number, _(str(reason))),
				InvalidIdentifierError,
				title=_("Invalid ID Number"),
			)
		if has_new_id_number(self):  # approving tells whether the number is a member already
			count_id_numbers_checked("form")
		try:
			self.phone = normalize_phone(self.phone)
		except ValueError as reason:
			frappe.throw(
				_("{0} {1}: {2}").format(_("Phone"), self.phone, _(str(reason))), GongjianValidationError
			)

	def set_village(self):
		"""For scoping, as a member's: the employer's village, else the union's, else as chosen."""
		village = None
		if self.employer:
			village = frappe.db.get_value("Enterprise", self.employer, "village")
		if not village and self.union:
			village = frappe.db.get_value("Trade Union", self.union, "village")
		self.village = village or self.village
		if not self.village:
			frappe.throw(_("Choose the village where the applicant works"), GongjianValidationError)
