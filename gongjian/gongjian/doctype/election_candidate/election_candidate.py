from frappe.model.document import Document

from gongjian.personal_data import SealedPersonalData


class ElectionCandidate(SealedPersonalData, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		elected: DF.Check
		foreign: DF.Check
		id_number: DF.Data | None
		id_number_key: DF.Data | None
		id_number_secret: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		party_member: DF.Check
		party_recommended: DF.Check
		person_name: DF.Data
		position: DF.Literal["Chair", "Vice Chair", "Committee Member"]
	# end: auto-generated types
	pass
