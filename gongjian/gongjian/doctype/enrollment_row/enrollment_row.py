from frappe.model.document import Document

from gongjian.personal_data import SealedPersonalData


class EnrollmentRow(SealedPersonalData, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		card_number: DF.Data | None
		education: DF.Literal[
			"",
			"Primary or Below",
			"Junior High School",
			"Senior High School",
			"Junior College",
			"Bachelor",
			"Postgraduate",
		]
		employer: DF.Data | None
		employment_kind: DF.Literal[
			"", "Formal", "Migrant Worker", "Dispatched", "Temporary", "New Urban Employee"
		]
		errors: DF.SmallText | None
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data | None
		id_number_key: DF.Data | None
		id_number_secret: DF.SmallText | None
		join_channel: DF.Literal["", "At Employer", "At Source", "At Destination", "Batch"]
		member: DF.Link | None
		member_name: DF.Data | None
		migrant: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		phone: DF.Data | None
		phone_key: DF.Data | None
		phone_secret: DF.SmallText | None
		row_no: DF.Int
		row_status: DF.Literal[
			"Pending", "Valid", "Invalid", "Transfer Offered", "Already Enrolled", "Enrolled"
		]
		skill_level: DF.Literal[
			"",
			"No Certificate",
			"Junior Worker",
			"Intermediate Worker",
			"Senior Worker",
			"Technician",
			"Senior Technician",
		]
		union: DF.Data | None
	# end: auto-generated types
	pass
