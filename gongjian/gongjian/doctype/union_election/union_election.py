import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from gongjian.exceptions import GongjianValidationError
from gongjian.people import assert_officers_eligible
from gongjian.personal_data import full_value
from gongjian.utils.naming import set_readable_name

# The seats of an election that are the union's officers (Trade Union Officer positions).
OFFICER_POSITIONS = ("Chair", "Vice Chair")


class UnionElection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.election_candidate.election_candidate import ElectionCandidate

		candidates: DF.Table[ElectionCandidate]
		election_date: DF.Date
		term_years: DF.Literal["3", "5"]
		union: DF.Link
		village: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		set_readable_name(self)

	def validate(self):
		self.check_one_elected_chair()
		self.check_elected_chair_eligibility()

	def on_update(self):
		self.update_union_officers()

	def update_union_officers(self):
		"""The result of the union's latest election, once held, is its chair and vice chairs."""
		elected = [c for c in self.candidates if c.elected and c.position in OFFICER_POSITIONS]
		if not elected or getdate(self.election_date) > getdate(today()):
			return
		later = frappe.db.exists(
			"Union Election",
			{"union": self.union, "election_date": [">", self.election_date], "name": ["!=", self.name]},
		)
		if later:
			return
		union = frappe.get_doc("Trade Union", self.union)
		if not union.has_permission("write"):
			frappe.msgprint(
				_("The union's officers are updated from this result by whoever keeps the union's record"),
				alert=True,
			)
			return
		union.officers = [row for row in union.officers if row.position not in OFFICER_POSITIONS]
		for c in elected:
			union.append(
				"officers",
				{
					"position": c.position,
					"person_name": c.person_name,
					"id_number": full_value(c, "id_number"),
					"party_member": c.party_member,
					"foreign": c.foreign,
				},
			)
		union.save()

	def elected_chair(self):
		return next((c for c in self.candidates if c.position == "Chair" and c.elected), None)

	def check_one_elected_chair(self):
		if sum(c.position == "Chair" and c.elected for c in self.candidates) > 1:
			frappe.throw(_("Only one chair can be elected"), GongjianValidationError)

	def check_elected_chair_eligibility(self):
		"""R14 on the result: everyone elected must be eligible for their seat in the union's units."""
		if elected := [c for c in self.candidates if c.elected]:
			# fields, not pluck: pluck prefixes the table name, and Frappe's SQL guard rejects " Union " in it
			rows = frappe.get_all(
				"Trade Union Unit",
				filters={"parenttype": "Trade Union", "parent": self.union},
				fields=["enterprise"],
			)
			units = [row.enterprise for row in rows]
			assert_officers_eligible(elected, units)
