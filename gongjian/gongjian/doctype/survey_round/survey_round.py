import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from gongjian.exceptions import GongjianValidationError
from gongjian.survey import (
	ROUND_CLOSED,
	WAITING,
	check_period,
	open_round,
	refuse_process_changes,
	round_name,
)

# Set by opening, confirming and closing (gongjian.survey), never typed.
PROCESS_FIELDS = ("status", "closed_on", "closed_by", "township_assessment")


class SurveyRound(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		closed_by: DF.Link | None
		closed_on: DF.Datetime | None
		deadline: DF.Date
		instructions: DF.SmallText | None
		period: DF.Data
		status: DF.Literal["In Progress", "Closed"]
		township: DF.Link
		township_assessment: DF.Link | None
	# end: auto-generated types

	def autoname(self):
		self.name = round_name(self.township, check_period(self.period))

	def validate(self):
		self.period = check_period(self.period)
		self.check_process_fields()
		if self.is_new() and getdate(self.deadline) < getdate(today()):
			frappe.throw(_("The deadline cannot be in the past"), GongjianValidationError)

	def check_process_fields(self):
		if self.flags.from_round:
			return
		before = self.get_doc_before_save()
		if before and before.status == ROUND_CLOSED:
			frappe.throw(_("The survey round {0} is closed").format(self.name), GongjianValidationError)
		refuse_process_changes(self, before, PROCESS_FIELDS)

	def after_insert(self):
		open_round(self)

	def on_update(self):
		if not self.is_new() and self.has_value_changed("deadline"):
			task = DocType("Survey Task")
			frappe.qb.update(task).set(task.deadline, self.deadline).where(
				(task.survey_round == self.name) & task.status.isin(WAITING)
			).run()

	def on_trash(self):
		if frappe.db.exists("Survey Task", {"survey_round": self.name, "status": "Confirmed"}):
			frappe.throw(
				_("Villages have confirmed in this round: it can be closed, not deleted"),
				GongjianValidationError,
			)
		for task in frappe.get_all("Survey Task", filters={"survey_round": self.name}, pluck="name"):
			frappe.get_doc("Survey Task", task).delete()
