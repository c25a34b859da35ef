from frappe.model.document import Document

from gongjian.personal_data import SealedPersonalData


class EnterpriseRelative(SealedPersonalData, Document):
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
		relation: DF.Literal["Spouse", "Parent", "Child", "Sibling", "Grandparent", "Grandchild"]
		relative_of: DF.Data
		relative_of_id: DF.Data | None
		relative_of_id_key: DF.Data | None
		relative_of_id_secret: DF.SmallText | None
	# end: auto-generated types
	pass
