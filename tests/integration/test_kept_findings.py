"""The kept compliance warnings (gongjian/compliance_findings.py) against a full recomputation, on the real
site: after random sequences of saves of every record the rules read (members through every write path,
units, unions and their officers, contracts, elections, organizers, demonstration sites, villages and the
settings), what the town reads equals every record judged afresh, under each filter; once the marked
records are recomputed, the table itself equals the recomputation."""

import random
from collections import Counter
from datetime import timedelta

import frappe
import pytest
from frappe.utils import add_days, getdate, today

from gongjian import compliance, compliance_findings
from tests import factories
from tests.integration.test_member_counts import OPERATIONS as MEMBER_OPERATIONS
from tests.integration.test_member_counts import Sequence, make_town

CATEGORIES = ("Non-public Enterprise", "Social Organization", "Public Institution")
SYSTEM_FIELDS = ("workers_congress_on", "equal_consultation_on", "affairs_openness_on", "dues_rules_on")


def signature(findings) -> list[tuple]:
	return sorted(
		(
			f.violation.rule,
			f.violation.unit,
			f.doctype,
			f.village or "",
			f.township or "",
			f.category or "",
			f.violation.render()[0],
		)
		for f in findings
	)


def afresh(filters: dict) -> list:
	"""Every record judged from the registers now, filtered as the kept read filters."""
	rows = [row for row in compliance_findings.judge(None) if compliance_findings.matches(row, filters)]
	return compliance_findings.as_findings(rows)


def assert_kept_reads_as_afresh(town, context: str) -> None:
	for filters in (
		{},
		{"village": town.villages[0]},
		{"township": town.township},
		{"category": CATEGORIES[0]},
	):
		assert compliance_findings.serves(filters)
		kept, fresh = signature(compliance.findings(filters)), signature(afresh(filters))
		assert kept == fresh, (
			f"{context} {filters}: only kept {sorted(set(kept) - set(fresh))[:5]}, "
			f"only recomputed {sorted(set(fresh) - set(kept))[:5]}"
		)
		# …and equal what a scoped account's own judgement gives, through the town's permissions
		live = signature(compliance.live_findings(filters))
		assert kept == live, (
			f"{context} {filters}: only kept {sorted(set(kept) - set(live))[:5]}, "
			f"only judged through permissions {sorted(set(live) - set(kept))[:5]}"
		)
		for rule in (None, "R02"):
			assert_kept_report_as_afresh(filters, rule, f"{context} {filters} {rule}")
	# the survey's column and the workspace card count the same findings
	counted = compliance.counted_findings({})
	assert sum(place["warnings"] for place in counted) == len(afresh({})), context


def report_signature(rows: list[dict]) -> list[tuple]:
	return sorted((row["rule"], row["unit"], row["village"] or "", row["message"]) for row in rows)


def assert_kept_report_as_afresh(filters: dict, rule: str | None, context: str) -> None:
	"""The warnings report from the kept rows (in the language they are kept in) equals the findings
	judged through permissions: its rows, its counts by rule and of records; listing at most a few
	rows, it lists whole villages of them and still counts them all."""
	frappe.local.lang = compliance_findings.rebuilt_language()
	fresh = compliance_findings.report_of(compliance.live_findings(filters), rule, None)
	kept = compliance.warnings_report(filters, rule)
	assert report_signature(kept.rows) == report_signature(fresh.rows), context
	assert (kept.by_rule, kept.warnings, kept.records) == (fresh.by_rule, fresh.warnings, fresh.records), (
		context
	)
	assert fresh.warnings == len(fresh.rows) == sum(fresh.by_rule.values()), context
	few = compliance.warnings_report(filters, rule, most=3)
	assert (few.by_rule, few.warnings, few.records) == (kept.by_rule, kept.warnings, kept.records), context
	listed = report_signature(few.rows)
	assert set(listed) <= set(report_signature(kept.rows)), context
	by_village = Counter(row["village"] for row in kept.rows if row["village"])
	if len(by_village) > 1 and by_village[min(by_village)] >= 3:  # the first village lists enough
		assert len(listed) < len(kept.rows), context
		shown_villages = {row["village"] for row in few.rows if row["village"]}
		for row in kept.rows:  # whole villages
			if row["village"] in shown_villages:
				assert report_signature([row])[0] in listed, (context, row)


class Records(Sequence):
	"""The member operations of the kept counts' test, and saves of every other record the rules read."""

	def __init__(self, rng, town):
		super().__init__(rng, town)
		self.organizers: list[str] = []

	def unit(self) -> str:
		return self.rng.choice(self.town.units)

	def attempt(self, label: str, work) -> None:
		"""A save the rules may refuse: a refused save changes nothing, and the sequence goes on."""
		frappe.db.savepoint("attempt")
		try:
			work()
			self.done[label] += 1
		except frappe.ValidationError:
			frappe.db.rollback(save_point="attempt")
			self.done[f"{label} refused"] += 1

	def edit_unit(self):
		def work():
			doc = frappe.get_doc("Enterprise", self.unit())
			change = self.rng.choice(("staff", "category", "system", "scale"))
			if change == "staff":
				doc.staff_total = self.rng.choice((0, 8, 30, 60, 150, 400))
			elif change == "category":
				doc.category = self.rng.choice(CATEGORIES)
			elif change == "scale":
				doc.above_scale = int(not doc.above_scale)
			else:
				field = self.rng.choice(SYSTEM_FIELDS)
				doc.set(field, None if doc.get(field) else add_days(today(), -self.rng.choice((30, 500))))
			doc.save()

		self.attempt("edit_unit", work)

	def add_unit(self):
		def work():
			unit = factories.enterprise(
				self.rng.choice(self.town.villages), staff=self.rng.choice((5, 40, 300))
			)
			self.town.units.append(unit)

		self.attempt("add_unit", work)

	def officer(self):
		def work():
			doc = frappe.get_doc(
				"Trade Union", self.rng.choice([self.town.b1, self.town.b2, self.town.joint])
			)
			doc.set("officers", [])
			doc.append(
				"officers",
				{
					"position": "Chair",
					"person_name": self.rng.choice(("张伟", "王芳", "李强")),
					"full_time": int(self.rng.random() < 0.5),
					"party_member": int(self.rng.random() < 0.5),
				},
			)
			doc.save()

		self.attempt("officer", work)

	def management(self):
		def work():
			doc = frappe.get_doc("Enterprise", self.unit())
			doc.append(
				"management",
				{"role": "Administrative Head", "person_name": self.rng.choice(("张伟", "赵敏"))},
			)
			doc.save()

		self.attempt("management", work)

	def cover(self):
		def work():
			doc = frappe.get_doc("Trade Union", self.town.joint)
			units = [row.enterprise for row in doc.covered_units]
			village = self.town.village_of[self.town.joint]  # R05: a union covers units of its village
			spare = [
				u
				for u in self.town.units
				if u not in units and frappe.db.get_value("Enterprise", u, "village") == village
			]
			if spare and (len(units) < 2 or self.rng.random() < 0.5):
				doc.append("covered_units", {"enterprise": self.rng.choice(spare)})
			elif len(units) > 1:
				doc.covered_units = doc.covered_units[:-1]
			doc.save()

		self.attempt("cover", work)

	def contract(self):
		def work():
			signed = add_days(today(), -self.rng.choice((10, 400, 1200)))
			frappe.get_doc(
				{
					"doctype": "Collective Contract",
					"contract_level": "Single Unit",
					"contract_kind": "Comprehensive",
					"enterprise": self.unit(),
					"signed_on": signed,
					"expires_on": add_days(signed, self.rng.choice((365, 1095))),
				}
			).insert()

		self.attempt("contract", work)

	def election(self):
		def work():
			union = self.rng.choice([self.town.b1, self.town.b2, self.town.joint])
			frappe.get_doc(
				{
					"doctype": "Union Election",
					"union": union,
					"election_date": add_days(today(), -self.rng.choice((30, 2000))),
					"term_years": "5",
					"candidates": [
						{
							"position": "Chair",
							"person_name": "陈静",
							"party_recommended": int(self.rng.random() < 0.5),
						}
					],
				}
			).insert()

		self.attempt("election", work)

	def organizer(self):
		def work():
			if self.organizers and self.rng.random() < 0.5:
				doc = frappe.get_doc("Union Organizer", self.rng.choice(self.organizers))
				if self.rng.random() < 0.5:
					doc.append("trainings", {"training_date": add_days(today(), -20), "topic": "工会组建"})
				else:
					doc.append(
						"assignments", {"enterprise": self.unit(), "assigned_on": add_days(today(), -5)}
					)
				doc.save()
				return
			doc = frappe.get_doc(
				{
					"doctype": "Union Organizer",
					"organizer_name": factories.unique("指导员"),
					"source": "Government Cadre",
					"township": self.town.township,
					"assignments": [{"enterprise": self.unit(), "assigned_on": add_days(today(), -5)}],
				}
			).insert()
			self.organizers.append(doc.name)

		self.attempt("organizer", work)

	def demonstration(self):
		def work():
			site_unit = self.unit()
			frappe.get_doc(
				{
					"doctype": "Demonstration Site",
					"site_name": factories.unique("示范点"),
					"township": self.town.township,
					"sponsor_unit": self.unit() if self.rng.random() < 0.5 else None,
					"site_unit": site_unit,
					"village": frappe.db.get_value("Enterprise", site_unit, "village"),
					"year": getdate(today()).year,
					"status": "Active",
				}
			).insert()

		self.attempt("demonstration", work)

	def village_secretary(self):
		def work():
			doc = frappe.get_doc("Village", self.rng.choice(self.town.villages))
			doc.party_secretary = self.rng.choice(("张伟", "刘洋", None))
			doc.save()

		self.attempt("village_secretary", work)

	def village_union(self):
		def work():
			village = self.rng.choice(self.town.villages)
			factories.union("Village Union Committee", village, [])

		self.attempt("village_union", work)


RECORD_OPERATIONS = {
	**MEMBER_OPERATIONS,
	"edit_unit": 4,
	"add_unit": 1,
	"officer": 2,
	"management": 1,
	"cover": 2,
	"contract": 2,
	"election": 2,
	"organizer": 2,
	"demonstration": 1,
	"village_secretary": 1,
	"village_union": 1,
}


@pytest.mark.parametrize("seed", [11, 4242])
def test_random_saves_keep_the_findings_equal_to_a_recomputation(seed):
	rng = random.Random(seed)
	compliance_findings.rebuild()  # in this test's transaction, rolled back with it
	town = make_town()
	records = Records(rng, town)
	operations, weights = list(RECORD_OPERATIONS), list(RECORD_OPERATIONS.values())
	assert_kept_reads_as_afresh(town, f"seed {seed}, start:")
	# every kind of save once, in random order, then a random sequence
	first = rng.sample(operations, len(operations))
	for step in range(len(first) + rng.randint(40, 50)):
		op = first[step] if step < len(first) else rng.choices(operations, weights)[0]
		records.run(op)
		if step % 5 == 4:
			assert_kept_reads_as_afresh(town, f"seed {seed}, step {step} ({op}):")
		if step % 15 == 14:  # the scheduled job recomputes the marked records
			compliance_findings.recompute_marked()
			assert compliance_findings.drift() == {"kept_only": set(), "recomputed_only": set()}
	compliance_findings.recompute_marked()
	assert not compliance_findings.marked_subjects(compliance_findings.current_marks())
	assert compliance_findings.drift() == {"kept_only": set(), "recomputed_only": set()}
	assert_kept_reads_as_afresh(town, f"seed {seed}, end:")
	# every kind of record was saved at least once (refused saves aside)
	# (the member operations' own coverage is the kept counts' test's)
	saved = {op for op in records.done if not op.endswith("refused")}
	assert saved >= set(RECORD_OPERATIONS) - set(MEMBER_OPERATIONS) | {"insert"}, records.done


def test_a_settings_change_or_a_new_day_judges_every_record_afresh():
	compliance_findings.rebuild()
	town = make_town()
	unit = town.units[0]
	frappe.db.set_value("Enterprise", unit, "staff_total", 3)  # bypasses the hooks: no mark
	assert compliance_findings.rebuilt_on(compliance_findings.current_marks())
	settings = frappe.get_doc("Gongjian Settings")
	settings.save()  # the thresholds may have changed: the rebuild no longer stands
	assert compliance_findings.rebuilt_on(compliance_findings.current_marks()) is None
	assert signature(compliance.findings({})) == signature(afresh({}))
	compliance_findings.rebuild()
	yesterday = str(getdate(today()) - timedelta(days=1))
	frappe.db.set_value("Compliance Finding Mark", compliance_findings.REBUILT, "subject", yesterday)
	assert compliance_findings.rebuilt_on(compliance_findings.current_marks()) is None


def test_the_hourly_check_reports_drift_and_corrects_it(monkeypatch):
	compliance_findings.rebuild()
	town = make_town()
	compliance_findings.recompute_marked()  # the town's own records, marked as they were saved
	unit = town.units[2]  # 500 staff in a joint union: R01 asks for a union of its own
	assert any(f.violation.unit == unit and f.violation.rule == "R01" for f in compliance.findings({}))
	frappe.db.set_value("Enterprise", unit, "staff_total", 1)  # a write that skips the hooks
	found = compliance_findings.drift()
	assert any(row[1] == unit for row in found["kept_only"] | found["recomputed_only"]), found
	logged = []
	monkeypatch.setattr(frappe.db, "commit", lambda: None)  # stay inside this test's transaction
	monkeypatch.setattr(
		frappe, "log_error", lambda title=None, message=None, **kw: logged.append((title, message))
	)
	compliance_findings.reconcile_hourly()
	assert logged and unit in logged[0][1]
	assert compliance_findings.drift() == {"kept_only": set(), "recomputed_only": set()}


def test_the_survey_counts_the_same_warnings_in_every_grouping():
	"""Clerk review: filtered by its own township the survey lost the village's R08 finding, and by
	category its total left out the unions' and villages' findings."""
	from frappe.desk.query_report import run

	compliance_findings.rebuild()
	town = make_town()  # its villages have no village union committee: R08 on each
	compliance_findings.recompute_marked()

	def total(**filters) -> int:
		result = run("Semiannual Survey", filters=filters, ignore_prepared_report=True)
		return result["result"][-1]["open_flags"]

	everything = total()
	assert everything == total(group_by="township") == total(group_by="category")
	in_township = sum(
		place["warnings"]
		for place in compliance.counted_findings({"township": town.township})
		if place["village"]
	)
	assert in_township >= 2  # the two villages' R08 at least
	assert total(township=town.township) == total(township=town.township, group_by="category") == in_township
	village_findings = [f for f in compliance.findings({"township": town.township}) if f.doctype == "Village"]
	assert {f.violation.unit for f in village_findings} == set(town.villages)
