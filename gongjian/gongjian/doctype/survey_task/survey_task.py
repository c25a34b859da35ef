import frappe
from frappe import _
from frappe.model.document import Document

from gongjian.exceptions import GongjianValidationError
from gongjian.survey import CONFIRMED, refuse_process_changes, task_name

# Set by the round (opening, confirming, sending back, reminding), never typed.
PROCESS_FIELDS = (
	"survey_round",
	"village",
	"township",
	"period",
	"deadline",
	"instructions",
	"status",
	"return_comment",
	"confirmed_by",
	"confirmed_on",
	"assessment",
	"last_reminded_on",
)


class SurveyTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment: DF.Link | None
		confirmation_note: DF.SmallText | None
		confirmed_by: DF.Link | None
		confirmed_on: DF.Datetime | None
		deadline: DF.Date | None
		instructions: DF.SmallText | None
		last_reminded_on: DF.Date | None
		period: DF.Data | None
		return_comment: DF.SmallText | None
		status: DF.Literal["Awaiting Confirmation", "Confirmed", "Sent Back"]
		survey_round: DF.Link | None
		township: DF.Link | None
		village: DF.Link | None
	# end: auto-generated types

	def autoname(self):
		self.name = task_name(self.village, self.period)

	def validate(self):
		if self.flags.from_round:
			return
		if self.is_new():
			frappe.throw(_("Survey tasks are made by opening a survey round"), GongjianValidationError)
		before = self.get_doc_before_save()
		refuse_process_changes(self, before, PROCESS_FIELDS)
		if before.status == CONFIRMED and self.has_value_changed("confirmation_note"):
			frappe.throw(_("{0} is confirmed already").format(self.name), GongjianValidationError)

	def on_trash(self):
		if self.status == CONFIRMED and not self.flags.from_round:
			frappe.throw(_("{0} is confirmed already").format(self.name), GongjianValidationError)
		frappe.db.delete("ToDo", {"reference_type": self.doctype, "reference_name": self.name})
