import frappe
from frappe.model.document import Document

from gongjian.permissions import get_scope
from gongjian.utils.naming import set_readable_name


class UnionOrganizer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from gongjian.gongjian.doctype.organizer_assessment.organizer_assessment import OrganizerAssessment
		from gongjian.gongjian.doctype.organizer_assignment.organizer_assignment import OrganizerAssignment
		from gongjian.gongjian.doctype.organizer_training.organizer_training import OrganizerTraining

		assessments: DF.Table[OrganizerAssessment]
		assignments: DF.Table[OrganizerAssignment]
		organizer_name: DF.Data
		phone: DF.Data | None
		source: DF.Literal["Government Cadre", "University Graduate", "Cadre Off Post", "Reserve Cadre"]
		township: DF.Link
		trainings: DF.Table[OrganizerTraining]
		user: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		set_readable_name(self)

	def apply_fieldlevel_read_permissions(self):
		"""What a reader receives (REST, frappe.client.get, the desk's form): a village or unit reads an
		organizer's assignments to its own units and villages, not where else the organizer works."""
		super().apply_fieldlevel_read_permissions()
		self.assignments = visible_assignments(self)

	def before_print(self, settings=None):
		self.assignments = visible_assignments(self)


def visible_assignments(organizer) -> list:
	scope = get_scope()
	if scope.everything or (organizer.user and organizer.user == frappe.session.user):
		return organizer.assignments
	units = {row.enterprise for row in organizer.assignments if row.enterprise}
	village_of = dict(
		frappe.get_all(
			"Enterprise",
			filters={"name": ["in", sorted(units) or [""]]},
			fields=["name", "village"],
			as_list=True,
		)
	)
	return [
		row
		for row in organizer.assignments
		if row.enterprise in scope.enterprises
		or row.village in scope.villages
		or village_of.get(row.enterprise) in scope.villages
	]
