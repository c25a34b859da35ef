from frappe.model.document import Document

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
