import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from gongjian.exceptions import GongjianValidationError, PolicyViolationError
from gongjian.people import assert_officers_eligible
from gongjian.rules.leadership import village_chair_allowed
from gongjian.rules.territory import (
	VILLAGE_LEVEL_KINDS,
	CoveredUnit,
	PartyOrgPlace,
	affiliation_mismatch,
	territory_mismatches,
)


class TradeUnion(Document):
	def validate(self):
		self.require_village_for_village_level_kinds()
		self.set_township_from_village()
		self.reject_duplicate_units()
		self.check_territory()
		self.check_affiliation()
		self.check_single_chair()
		self.check_village_chair()
		self.check_chair_eligibility()
		self.check_workers_home_year()
		self.check_dissolution_date()
		self.keep_join_key()

	def keep_join_key(self):
		"""The join link's key is made and cleared by gongjian.join (new_join_link, stop_join_link) only."""
		before = self.get_doc_before_save()
		if (self.join_key or None) != ((before and before.join_key) or None):
			frappe.throw(
				_("The join link is made with New Join Link and stopped with Stop Join Link"),
				GongjianValidationError,
			)

	def check_dissolution_date(self):
		if self.status != "Dissolved":
			self.dissolved_on = None
		elif self.dissolved_on and self.founded_on and getdate(self.dissolved_on) < getdate(self.founded_on):
			frappe.throw(_("A union is dissolved after it was founded"), GongjianValidationError)

	def check_workers_home_year(self):
		"""A 职工之家 rating is for one year: this year, the next (rated in December) or a past one."""
		if self.workers_home and not 2000 <= (self.workers_home_year or 0) <= getdate().year + 1:
			frappe.throw(
				_("The workers' home rating year {0} is not a year the town can rate").format(
					self.workers_home_year or ""
				),
				GongjianValidationError,
			)

	@property
	def chair(self):
		return next((row for row in self.officers if row.position == "Chair"), None)

	def require_village_for_village_level_kinds(self):
		if self.union_kind in VILLAGE_LEVEL_KINDS and not self.village:
			frappe.throw(
				_("A {0} belongs to a village: fill in Village").format(_(self.union_kind)),
				GongjianValidationError,
			)

	def set_township_from_village(self):
		if self.village:
			self.township = frappe.db.get_value("Village", self.village, "township")

	def reject_duplicate_units(self):
		seen = set()
		for row in self.covered_units:
			if row.enterprise in seen:
				frappe.throw(
					_("Row {0}: unit {1} is listed twice").format(row.idx, row.enterprise),
					GongjianValidationError,
				)
			seen.add(row.enterprise)

	def check_territory(self):
		"""R05: 属地管理 — covered units lie in the union's village (village level) or township."""
		names = [row.enterprise for row in self.covered_units]
		if not names:
			return
		units = frappe.get_all(
			"Enterprise", filters={"name": ["in", names]}, fields=["name", "village", "township"]
		)
		covered = [CoveredUnit(u.name, u.village, u.township) for u in units]
		mismatches = territory_mismatches(self.union_kind, self.village, self.township, covered)
		if mismatches:
			frappe.throw(
				"<br>".join(_(template).format(**args) for template, args in mismatches),
				PolicyViolationError,
				title=_("Outside the Union's Territory"),
			)

	def check_affiliation(self):
		"""R05: the union's affiliation follows its party organisation's."""
		place = None
		if self.party_org:
			org = frappe.db.get_value(
				"Party Organization", self.party_org, ["village", "township"], as_dict=True
			)
			if org:
				township = org.township or (
					org.village and frappe.db.get_value("Village", org.village, "township")
				)
				place = PartyOrgPlace(self.party_org, org.village, township)
		if found := affiliation_mismatch(self.union_kind, self.village, self.township, place):
			template, args = found
			frappe.throw(
				_(template).format(**args), PolicyViolationError, title=_("Outside the Union's Territory")
			)

	def check_single_chair(self):
		if sum(row.position == "Chair" for row in self.officers) > 1:
			frappe.throw(_("A union has one chair"), GongjianValidationError)

	def check_village_chair(self):
		"""R08: a village union committee is chaired by the village party secretary or deputy."""
		if self.union_kind != "Village Union Committee" or not self.chair:
			return
		secretary, deputy = frappe.db.get_value(
			"Village", self.village, ["party_secretary", "party_deputy_secretary"]
		)
		if not village_chair_allowed(self.chair.person_name, secretary, deputy):
			frappe.throw(
				_(
					"R08: the chair of a village union committee must be the village party general branch secretary ({0}) or deputy ({1})"
				).format(secretary or _("not recorded"), deputy or _("not recorded")),
				PolicyViolationError,
				title=_("Village Union Chair"),
			)

	def check_chair_eligibility(self):
		assert_officers_eligible(self.officers, [row.enterprise for row in self.covered_units])


def on_doctype_update():
	# The 职工之家 rate counts the unions in office a village at a time from this index alone
	# (gongjian/survey_figures.py, union_metrics_by_group).
	frappe.db.add_index(
		"Trade Union",
		[
			"village",
			"township",
			"union_kind",
			"status",
			"founded_on",
			"dissolved_on",
			"workers_home",
			"workers_home_year",
		],
		"workers_home_rate",
	)
