from frappe.model.document import Document

from gongjian.personal_data import SealedPersonalData


class EnterprisePerson(SealedPersonalData, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		id_number: DF.Data | None
		id_number_key: DF.Data | None
		id_number_secret: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person_name: DF.Data
		role: DF.Literal["Administrative Head", "Deputy Administrative Head", "Partner", "HR Head"]
	# end: auto-generated types
	pass
