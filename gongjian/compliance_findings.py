"""Kept compliance warnings: each record's findings (Compliance Finding), so that the warnings report,
the survey's warnings column and the workspace card read a table instead of judging 20,000 units.

- A save or deletion that can change a record's findings marks that record (Compliance Finding Mark),
  in the save's own transaction: one upsert, never a recomputation, so concurrent saves neither wait
  for the rules nor overwrite each other.
- Reading, the marked records are judged afresh and the others read from the table, in one snapshot:
  a record changed by a committed save is always marked or already recomputed, so the answer equals a
  full recomputation.
- `flush` (every few minutes) recomputes the marked records and clears their marks; `rebuild` (each
  night, since rules depend on the date, and after the settings change) recomputes every record. A
  mark is cleared only at the version that was recomputed, so a save made meanwhile stays marked.

Only unrestricted town accounts read the table (they see every record); scoped accounts, whose few
units are judged quickly, are judged from the registers through their own permissions
(gongjian.compliance.collect).

A union's findings are kept once per open unit it covers (and once for a village union committee),
so that the village, township and category filters select it as the live judgement does.
"""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, GroupConcat, Sum
from frappe.utils import getdate, now, today
from pypika.terms import Tuple, Values

from gongjian import compliance
from gongjian.permissions import unions_covering, unrestricted
from gongjian.policy import get_policy_settings
from gongjian.rules.catalogue import rule_title, unit_violations
from gongjian.rules.units import CLOSED_STATUSES
from gongjian.rules.violations import Violation
from gongjian.utils.names import MANY_NAMES, among, name_filter

KEPT = "Compliance Finding"
MARKS = "Compliance Finding Mark"
# The mark row that holds the day of the last full recomputation (its subject); reads judge every record
# afresh when it is not today's.
REBUILT = "rebuilt"
REBUILT_KEY = (MARKS, REBUILT)
FILTERABLE = frozenset({"village", "township", "category"})
# Where a kept row is counted; each is a column (for the filters) and a key of the row's JSON document.
PLACE = ("subject_doctype", "subject", "unit", "village", "township", "category")
CONCATENATED_MAX = 1 << 30
VILLAGE_COMMITTEE = "Village Union Committee"
# Records kept once per unit they cover or are assigned to, and counted once, where the filters place them.
PLACED_AT_UNITS = ("Trade Union", "Union Organizer")


@dataclass(frozen=True)
class Finding:
	"""A violation and where it is counted: the record type it is on, its village, township, category."""

	violation: Violation
	doctype: str
	village: str | None
	township: str | None
	category: str | None


# -- judging records afresh ---------------------------------------------------------------------------


def judge(subjects: dict[str, set[str]] | None, on: date | None = None) -> list[dict]:
	"""The kept rows of `subjects` (doctype -> names), or of every record when None, judged from the
	registers with no permission applied (the caller decides who reads them). Rows only for records
	with findings; a union has a row per open unit it covers, and one as a village union committee."""
	on = on or getdate(today())
	settings = get_policy_settings()

	def wanted(doctype: str) -> set[str] | None:
		return None if subjects is None else set(subjects.get(doctype) or ())

	rows: list[dict] = []
	units = wanted("Enterprise")
	if units is None or units:
		rows += unit_rows(units, on, settings)
	unions = wanted("Trade Union")
	if unions is None or unions:
		rows += union_rows(unions)
	villages = wanted("Village")
	if villages is None or villages:
		found = records("Village", villages, ["name", "township"])
		for violation in compliance.village_violations(list(found)):
			rows.append(
				kept_row(
					"Village", violation.unit, [violation], village=violation.unit, **found[violation.unit]
				)
			)
	organizers = wanted("Union Organizer")
	if organizers is None or organizers:
		rows += organizer_rows(organizers, on)
	townships = wanted("Township")
	if townships is None or townships:
		for violation in compliance.township_violations(
			settings, sorted(records("Township", townships, ["name"]))
		):
			rows.append(kept_row("Township", violation.unit, [violation], township=violation.unit))
	return rows


def organizer_rows(organizers: set[str] | None, on: date) -> list[dict]:
	"""R15 on `organizers`, kept once per unit each is assigned to (placed as a union is at its units),
	or once without a unit when it has none."""
	found = records("Union Organizer", organizers, ["name", "organizer_name"])
	violations = compliance.organizer_violations(
		on, {name: row["organizer_name"] for name, row in found.items()}
	)
	at = compliance.assigned_units(on, {v.unit for v in violations})
	units = records("Enterprise", {unit for names in at.values() for unit in names}, compliance.PLACE_FIELDS)
	rows = []
	for violation in violations:
		assigned = [unit for unit in at.get(violation.unit, ()) if unit in units]
		for unit in assigned:
			rows.append(kept_row("Union Organizer", violation.unit, [violation], unit=unit, **units[unit]))
		if not assigned:
			rows.append(kept_row("Union Organizer", violation.unit, [violation]))
	return rows


def records(
	doctype: str, names: set[str] | None, fields: list[str], where: dict | None = None
) -> dict[str, dict]:
	"""name -> the other `fields` of the records of `doctype` under `where` among `names` (every one
	when None)."""
	found = frappe.get_all(
		doctype,
		filters={**(where or {}), **(name_filter("name", names) if names is not None else {})},
		fields=fields,
	)
	return {
		row.name: {field: row[field] for field in fields if field != "name"}
		for row in found
		if names is None or row.name in names
	}


def kept_row(doctype: str, subject: str, violations: list[Violation], **where) -> dict:
	return {
		"subject_doctype": doctype,
		"subject": subject,
		"unit": where.get("unit"),
		"village": where.get("village"),
		"township": where.get("township"),
		"category": where.get("category"),
		"violations": violations,
	}


def unit_rows(units: set[str] | None, on: date, settings) -> list[dict]:
	few = units is not None and len(units) <= MANY_NAMES
	found = [
		row
		for row in frappe.get_all(
			"Enterprise",
			filters=name_filter("name", units) if units is not None else {},
			fields=compliance.UNIT_FIELDS,
			order_by="name asc",
		)
		if units is None or row.name in units
	]
	if not found:
		return []
	coverage = compliance.union_coverage(units=units if few else None)
	facts = compliance.unit_facts(found, on, coverage, few=few)
	violations = unit_violations(facts, settings, on)
	violations += compliance.fallback_violations(
		found, {f.unit: f.covered_by_union for f in facts}, settings, few=few
	)
	by_unit = defaultdict(list)
	for violation in violations:
		by_unit[violation.unit].append(violation)
	return [
		kept_row(
			"Enterprise",
			u.name,
			by_unit[u.name],
			unit=u.name,
			village=u.village,
			township=u.township,
			category=u.category,
		)
		for u in found
		if by_unit.get(u.name)
	]


def union_rows(unions: set[str] | None) -> list[dict]:
	"""R14 and R08 on the officers and terms of `unions` that cover open units or are village union
	committees in office, as gongjian.compliance.sitting_officer_violations judges them."""
	union, cover, unit = DocType("Trade Union"), DocType("Trade Union Unit"), DocType("Enterprise")
	covered = among(
		frappe.qb.from_(cover)
		.join(union)
		.on(cover.parent == union.name)
		.join(unit)
		.on(unit.name == cover.enterprise)
		.select(cover.parent, unit.name, unit.village, unit.township, unit.category)
		.where(cover.parenttype == "Trade Union")
		.where(compliance.union_in_office(union, None))
		.where(union.union_kind.notin(compliance.NON_COVERING_KINDS))
		.where(unit.status.notin(list(CLOSED_STATUSES))),
		cover.parent,
		unions,
	).run(as_dict=True)
	units_of: dict[str, list[str]] = defaultdict(list)
	place: dict[str, dict] = {}
	for row in sorted(covered, key=lambda row: (row.parent, row.name)):
		if (unions is None or row.parent in unions) and row.name not in units_of[row.parent]:
			units_of[row.parent].append(row.name)
			place[row.name] = row
	units_of = {key: value for key, value in units_of.items() if value}
	committees = {
		name: row["village"]
		for name, row in records(
			"Trade Union", unions, ["name", "village"], {"union_kind": VILLAGE_COMMITTEE, "status": "Active"}
		).items()
		if row["village"]
	}
	village_of = {union_name: place[units[0]].village for union_name, units in units_of.items()}
	village_of.update(committees)
	township_of = {
		name: row["township"]
		for name, row in records("Village", set(committees.values()), ["name", "township"]).items()
	}
	by_union = defaultdict(list)
	for violation in compliance.officer_violations(units_of, committees, village_of):
		by_union[violation.unit].append(violation)
	rows = []
	for union_name in sorted(by_union):
		for unit_name in units_of.get(union_name, ()):
			at = place[unit_name]
			rows.append(
				kept_row(
					"Trade Union",
					union_name,
					by_union[union_name],
					unit=unit_name,
					village=at.village,
					township=at.township,
					category=at.category,
				)
			)
		if union_name in committees:
			village = committees[union_name]
			rows.append(
				kept_row(
					"Trade Union",
					union_name,
					by_union[union_name],
					village=village,
					township=township_of.get(village),
				)
			)
	return rows


# -- reading ------------------------------------------------------------------------------------------


def serves(filters: dict) -> bool:
	"""Whether the kept findings answer `filters` for the session user: an unrestricted town account,
	filtering by village, township or category (or not at all)."""
	return (
		set(filters) <= FILTERABLE
		and all(isinstance(value, str) for value in filters.values())
		and unrestricted()
	)


def read(filters: dict) -> list[Finding]:
	"""The findings under `filters`: kept rows of unmarked records, marked records judged afresh."""
	marks = current_marks()
	if rebuilt_on(marks) is None:  # not rebuilt today: judged as for any account (equal, tested)
		return compliance.live_findings(filters)
	marked = marked_subjects(marks)
	rows = [row for row in kept_rows(filters, "findings") if not is_marked(row, marked)]
	return as_findings(rows + judged_afresh(marked, filters))


@dataclass
class WarningsReport:
	"""What the Compliance Warnings report shows: its rows (all, or those of the first villages when
	there are more than it lists), and of every warning under its filters: how many of each rule (by
	code), how many in all, and the records they are on."""

	rows: list[dict]
	by_rule: Counter
	warnings: int
	records: int


def warnings_report(filters: dict, rule: str | None = None, most: int | None = None) -> WarningsReport:
	"""The Compliance Warnings report under `filters` (and of `rule`), with at most the rows of the
	villages, in order of name, that hold `most` warnings (and the records with no village). The
	counts come from the kept rows' rules, so a county's 400,000 warnings are counted, not read."""
	marks = current_marks()
	if rebuilt_on(marks) is None or marks[REBUILT_KEY][1] != frappe.local.lang:
		return report_of(read(filters), rule, most)
	marked = marked_subjects(marks)
	afresh_rows = judged_afresh(marked, filters)
	unmarked = unmarked_rows(DocType(KEPT), filters, marked)
	by_rule, records = rule_counts(unmarked, afresh_rows, rule)
	warnings = sum(by_rule.values())
	villages = None
	if most is not None and warnings > most:
		villages = first_villages(unmarked, most, rule, afresh_rows)
	found = []
	for row, village, _township, _category in placed(
		[row for row in kept_rows(filters, "rendered", villages, rule) if not is_marked(row, marked)]
	):
		if villages is not None and village is not None and village not in villages:
			continue  # a union placed in a village after those listed
		if row["subject_doctype"] in PLACED_AT_UNITS:  # counted where placed for these filters
			found += [{**shown_row, "village": village} for shown_row in row["rendered"]]
		else:
			found += row["rendered"]
	if rule:
		title = rule_title(rule, lru_cache(maxsize=None)(frappe._))
		found = [row for row in found if row["rule"] == title]
	afresh = as_findings(afresh_rows)
	if villages is not None:
		afresh = [finding for finding in afresh if finding.village is None or finding.village in villages]
	return WarningsReport(found + shown(rendered(afresh), rule), by_rule, warnings, records)


def report_of(findings: list[Finding], rule: str | None, most: int | None) -> WarningsReport:
	"""warnings_report of findings judged afresh: the rows of the first `most` (by village)."""
	if rule:
		findings = [finding for finding in findings if finding.violation.rule == rule]
	listed = findings
	if most is not None and len(findings) > most:
		by_village = Counter(finding.village for finding in findings if finding.village)
		villages = first_reaching(sorted(by_village.items()), most)
		listed = [finding for finding in findings if finding.village is None or finding.village in villages]
	return WarningsReport(
		shown(rendered(listed)),
		Counter(finding.violation.rule for finding in findings),
		len(findings),
		len({(finding.doctype, finding.violation.unit) for finding in findings}),
	)


def rule_counts(unmarked, afresh_rows: list[dict], rule: str | None = None) -> tuple[Counter, int]:
	"""Warnings by rule (of `rule` only, when given), and the records they are on, from the rules of the
	kept rows `unmarked` selects (unmarked_rows) and `afresh_rows` of the marked records: grouped in SQL
	but for unions and organizers, each counted once however many of its units are selected."""
	kept = DocType(KEPT)
	by_rules = (
		frappe.qb.from_(kept)
		.select(kept.rules, Count("*"))
		.where(unmarked & kept.subject_doctype.notin(PLACED_AT_UNITS))
		.groupby(kept.rules)
		.run()
	)
	per_record = {
		(doctype, subject): counted_rules(rules)
		for doctype, subject, rules in frappe.qb.from_(kept)
		.select(kept.subject_doctype, kept.subject, kept.rules)
		.where(unmarked & kept.subject_doctype.isin(PLACED_AT_UNITS))
		.run()
	}
	for row in afresh_rows:
		per_record[(row["subject_doctype"], row["subject"])] = Counter(v.rule for v in row["violations"])
	counts, records = Counter(), 0
	for record_counts, rows in [
		*((counted_rules(rules), rows) for rules, rows in by_rules),
		*((record_counts, 1) for record_counts in per_record.values()),
	]:
		if rule:
			record_counts = Counter({rule: record_counts[rule]}) if record_counts[rule] else Counter()
		if record_counts:
			records += rows
			for code, times in record_counts.items():
				counts[code] += times * rows
	return counts, records


def first_villages(unmarked, most: int, rule: str | None, afresh_rows: list[dict]) -> set[str]:
	"""The villages, in order of name, whose warnings (on records that break `rule`) first reach `most`:
	the kept rows `unmarked` selects (a union counted at each of its units: enough villages to list
	about `most`, not an exact count) and `afresh_rows` of the marked records."""
	kept = DocType(KEPT)
	by_village = Counter(
		dict(
			frappe.qb.from_(kept)
			.select(kept.village, Sum(kept.warnings))
			.where(unmarked & kept.village.isnotnull())
			.where(selected(kept, {}, rule))
			.groupby(kept.village)
			.run()
		)
	)
	for row, village, _township, _category in placed(afresh_rows):
		if village:
			by_village[village] += sum(1 for v in row["violations"] if not rule or v.rule == rule)
	return first_reaching(sorted(by_village.items()), most)


def first_reaching(counts: list[tuple[str, int]], most: int) -> set[str]:
	"""The first places of `counts` ((place, warnings), in the order listed) whose warnings reach `most`."""
	places, listed = set(), 0
	for place, warnings in counts:
		if listed >= most:
			break
		places.add(place)
		listed += int(warnings)
	return places


def shown(rows: list[dict], rule: str | None = None, translate=None) -> list[dict]:
	"""Raw report rows (`rendered`) as the report shows them: the rule with its name, the category
	translated."""
	if translate is None:
		translate = lru_cache(maxsize=None)(frappe._)  # thousands of rows share a few dozen names
	return [
		{
			**row,
			"rule": rule_title(row["rule"], translate),
			"category": translate(row["category"]) if row.get("category") else None,
		}
		for row in rows
		if not rule or row["rule"] == rule
	]


def rendered(findings: list[Finding], translate=None) -> list[dict]:
	"""Report rows of `findings`, in the session user's language (or by `translate`)."""
	if translate is None:
		translate = lru_cache(maxsize=None)(frappe._)  # thousands of rows share a few dozen templates
	rows = []
	for finding in findings:
		violation = finding.violation
		message, action = violation.render(translate)
		rows.append(
			{
				"rule": violation.rule,
				"unit": violation.unit,
				"unit_doctype": finding.doctype,
				"unit_title": violation.args.get("organizer_name") or violation.unit,
				"village": finding.village,
				"category": finding.category,
				"message": message,
				"action": action,
			}
		)
	return rows


def rebuilt_on(marks: dict) -> str | None:
	"""The day of the last full recomputation, when it is today: None means judge every record afresh
	(a new day, the settings changed, or never rebuilt)."""
	day = marks.get(REBUILT_KEY, (None, None))[0]
	return day if day == today() else None


def marked_subjects(marks: dict) -> dict[str, set[str]]:
	marked: dict[str, set[str]] = defaultdict(set)
	for doctype, subject in marks:
		if doctype != MARKS:
			marked[doctype].add(subject)
	return marked


def is_marked(row: dict, marked: dict[str, set[str]]) -> bool:
	return row["subject"] in marked.get(row["subject_doctype"], ())


def judged_afresh(marked: dict[str, set[str]], filters: dict) -> list[dict]:
	return [row for row in judge(marked) if matches(row, filters)] if marked else []


def current_marks() -> dict[tuple[str, str], object]:
	"""(doctype, subject) -> the mark's version; under REBUILT_KEY, the last rebuild's (day, language)."""
	mark = DocType(MARKS)
	found = {}
	for name, doctype, subject, version, language in (
		frappe.qb.from_(mark)
		.select(mark.name, mark.subject_doctype, mark.subject, mark.version, mark.language)
		.run()
	):
		if name == REBUILT:
			found[REBUILT_KEY] = (subject, language)
		else:
			found[(doctype, subject)] = version
	return found


def kept_rows(
	filters: dict, column: str, villages: set[str] | None = None, rule: str | None = None
) -> list[dict]:
	"""The kept rows under `filters`, read a village at a time: each row is one JSON document (its
	`findings`, or its report rows `rendered`), and a few hundred concatenations cross the wire much
	faster than 20,000 rows of seven columns. With `villages`, only theirs, those with no village, and
	every union's and organizer's (placed among all their units); with `rule`, the rows of records that
	break it."""
	kept = DocType(KEPT)
	query = frappe.qb.from_(kept).select(GroupConcat(kept[column]).as_("rows")).groupby(kept.village)
	query = query.where(selected(kept, filters, rule))
	if villages is not None:
		query = query.where(
			kept.village.isin(sorted(villages) or [""])
			| kept.village.isnull()
			| kept.subject_doctype.isin(PLACED_AT_UNITS)
		)
	frappe.db.sql("set session group_concat_max_len = %s", CONCATENATED_MAX)
	rows = []
	for (concatenated,) in query.run():
		for row in json.loads(f"[{concatenated}]"):
			if column == "findings":
				row["violations"] = [Violation(*finding) for finding in row["violations"]]
			rows.append(row)
	return rows


def selected(kept, filters: dict, rule: str | None = None):
	"""The kept rows `filters` select (matches, in SQL), of records that break `rule` when given."""
	if rule:
		return selected(kept, filters) & kept.rules.like(f"%{rule}%")
	where = kept.subject_doctype.isnotnull()
	if not filters:
		return where
	on_unit = kept.unit.isnotnull()  # a unit's own row, or a union's row for a unit it covers
	for key, value in filters.items():
		on_unit &= kept[key] == value
	where = on_unit
	if set(filters) <= {"village", "township"}:  # village union committees, and villages themselves
		for on_place in (
			(kept.subject_doctype == "Trade Union") & kept.unit.isnull(),
			kept.subject_doctype == "Village",
		):
			for key, value in filters.items():
				on_place &= kept[key] == value
			where |= on_place
	return where


def counted(filters: dict) -> list[dict]:
	"""The warnings under `filters` summed by place (subject_doctype, village, township, category,
	warnings, records): the survey's column and the workspace card count them without reading them.
	Grouped in SQL, but for unions, which are placed as the filters select them (as_findings)."""
	marks = current_marks()
	if rebuilt_on(marks) is None:  # not rebuilt today: judged as for any account (equal, tested)
		return compliance.summed(compliance.live_findings(filters))
	marked = marked_subjects(marks)
	rows = judged_afresh(marked, filters)
	kept = DocType(KEPT)
	unmarked = unmarked_rows(kept, filters, marked)
	kept_sums = (
		frappe.qb.from_(kept)
		.select(
			kept.subject_doctype,
			kept.village,
			kept.township,
			kept.category,
			Sum(kept.warnings).as_("warnings"),
			Count("*").as_("records"),
		)
		.where(unmarked & kept.subject_doctype.notin(PLACED_AT_UNITS))
		.groupby(kept.subject_doctype, kept.village, kept.township, kept.category)
		.run(as_dict=True)
	)
	union_rows = (
		frappe.qb.from_(kept)
		.select(*(kept[key] for key in PLACE), kept.warnings)
		.where(unmarked & kept.subject_doctype.isin(PLACED_AT_UNITS))
		.run(as_dict=True)
	)
	for row in rows:
		row["warnings"] = len(row["violations"])
	found = [
		{
			"subject_doctype": row["subject_doctype"],
			"village": village,
			"township": township,
			"category": category,
			"warnings": row["warnings"],
			"records": 1,
		}
		for row, village, township, category in placed([*rows, *union_rows])
	]
	for row in kept_sums:
		category = row.category if row.subject_doctype == "Enterprise" else None
		found.append(
			{**row, "category": category, "warnings": int(row.warnings), "records": int(row.records)}
		)
	return found


def unmarked_rows(kept, filters: dict, marked: dict[str, set[str]]):
	"""The kept rows `filters` select but those of marked records, which are judged afresh. Excluded by
	name, which every index holds: the sums stay on the covering index (place_rules_warnings)."""
	where = selected(kept, filters)
	if not marked:
		return where
	of_marked = None
	for doctype, names in marked.items():
		of_doctype = (kept.subject_doctype == doctype) & kept.subject.isin(sorted(names))
		of_marked = of_doctype if of_marked is None else of_marked | of_doctype
	names = frappe.qb.from_(kept).select(kept.name).where(of_marked).run(pluck=True)
	return where & kept.name.notin(names) if names else where


def matches(row: dict, filters: dict) -> bool:
	"""kept_rows' filter in Python, for rows judged afresh."""
	if not filters:
		return True
	keys = set(filters)
	if not row["unit"]:  # a village, a village union committee, an organizer or the township
		if row["subject_doctype"] not in ("Trade Union", "Village") or not keys <= {"village", "township"}:
			return False
	return all(row[key] == value for key, value in filters.items())


def placed(rows: list[dict]):
	"""Each row where its findings count, as (row, village, township, category): a union's once, in its
	village union committee's village, or else in the village of the first of its units selected."""
	unions = defaultdict(list)
	for row in rows:
		if row["subject_doctype"] in PLACED_AT_UNITS:
			unions[(row["subject_doctype"], row["subject"])].append(row)
		else:
			category = row["category"] if row["subject_doctype"] == "Enterprise" else None
			yield row, row["village"], row["township"], category
	for union in sorted(unions):
		of_union = unions[union]
		at = next((row for row in of_union if not row["unit"]), None) or min(
			of_union, key=lambda row: row["unit"]
		)
		yield at, at["village"], at["township"], None


def as_findings(rows: list[dict]) -> list[Finding]:
	return [
		Finding(
			replace(violation, args={**violation.args, "village": village})
			if row["subject_doctype"] in PLACED_AT_UNITS
			else violation,
			row["subject_doctype"],
			village,
			township,
			category,
		)
		for row, village, township, category in placed(rows)
		for violation in row["violations"]
	]


# -- keeping ------------------------------------------------------------------------------------------


def mark_key(doctype: str, subject: str) -> str:
	return hashlib.sha1(f"{doctype}\x1f{subject}".encode()).hexdigest()


def mark(subjects: dict[str, set[str]]) -> None:
	"""Mark `subjects` (doctype -> names) for recomputation, in the caller's transaction: one statement,
	keys in sorted order (one lock order for every writer)."""
	keyed = sorted(
		(mark_key(doctype, name), doctype, name)
		for doctype, names in subjects.items()
		for name in names
		if name
	)
	if not keyed:
		return
	table, stamp = DocType(MARKS), now()
	for start in range(0, len(keyed), 2000):
		query = frappe.qb.into(table).columns(
			"name", "creation", "modified", "owner", "modified_by", "subject_doctype", "subject", "version"
		)
		for key, doctype, name in keyed[start : start + 2000]:
			query = query.insert(key, stamp, stamp, "Administrator", "Administrator", doctype, name, 1)
		query.on_duplicate_key_update(table.version, table.version + 1).run()


def write(rows: list[dict], language: str) -> None:
	"""Insert `rows`, each with its findings and its report rows shown in `language`."""
	translate = lru_cache(maxsize=None)(lambda text: frappe._(text, lang=language))
	table, stamp = DocType(KEPT), now()
	for start in range(0, len(rows), 2000):
		query = frappe.qb.into(table).columns(
			"name", "creation", "modified", "owner", "modified_by", *PLACE, "warnings", "rules", "findings",
			"rendered",
		)  # fmt: skip
		for row in rows[start : start + 2000]:
			place = {key: row[key] for key in PLACE}
			violations = [[v.rule, v.unit, v.message, v.action, v.args, v.doctype] for v in row["violations"]]
			findings = as_findings([row])
			report = shown(rendered(findings, translate), translate=translate)
			query = query.insert(
				frappe.generate_hash(length=16), stamp, stamp, "Administrator", "Administrator",
				*place.values(), len(violations), rules_of(row["violations"]),
				json.dumps({**place, "violations": violations}, ensure_ascii=False, default=str),
				json.dumps({**place, "rendered": report}, ensure_ascii=False, default=str),
			)  # fmt: skip
		query.run()


def rules_of(violations: list[Violation]) -> str:
	"""The rules `violations` break, each with how often when more than once: "R01 R08*3"."""
	counts = Counter(violation.rule for violation in violations)
	return " ".join(rule if counts[rule] == 1 else f"{rule}*{counts[rule]}" for rule in sorted(counts))


def counted_rules(rules: str | None) -> Counter:
	"""rules_of read back: "R01 R08*3" -> {R01: 1, R08: 3}."""
	counts = Counter()
	for part in (rules or "").split():
		rule, _times, times = part.partition("*")
		counts[rule] += int(times or 1)
	return counts


def site_language() -> str:
	return frappe.db.get_single_value("System Settings", "language") or "en"


def rebuilt_language() -> str:
	"""The language the kept report rows are rendered in (that of the last rebuild)."""
	return frappe.db.get_value(MARKS, REBUILT, "language") or site_language()


def clear_marks(marks: dict[tuple[str, str], int]) -> None:
	"""Clear the marks recomputed, each only at the version read: a save made since keeps its mark."""
	table = DocType(MARKS)
	cleared = [
		Tuple(*pair)
		for pair in sorted(
			(mark_key(doctype, subject), version)
			for (doctype, subject), version in marks.items()
			if doctype != MARKS
		)
	]
	for start in range(0, len(cleared), 2000):
		frappe.qb.from_(table).delete().where(
			Tuple(table.name, table.version).isin(cleared[start : start + 2000])
		).run()


def refresh(subjects: dict[str, set[str]]) -> None:
	"""Recompute the kept rows of `subjects`."""
	rows = judge(subjects)
	kept = DocType(KEPT)
	for doctype, names in subjects.items():
		names = sorted(names)
		for start in range(0, len(names), 1000):
			frappe.qb.from_(kept).delete().where(
				(kept.subject_doctype == doctype) & kept.subject.isin(names[start : start + 1000])
			).run()
	write(rows, rebuilt_language())


def rebuild() -> None:
	"""Recompute every record's findings and record today as the day of the rebuild."""
	marks = current_marks()  # read first: the recomputation below sees every save these marks stand for
	language = site_language()
	frappe.db.delete(KEPT)
	write(judge(None), language)
	table, stamp = DocType(MARKS), now()
	query = (
		frappe.qb.into(table)
		.columns(
			"name", "creation", "modified", "owner", "modified_by", "subject_doctype", "subject", "version",
			"language",
		)
		.insert(REBUILT, stamp, stamp, "Administrator", "Administrator", MARKS, today(), 0, language)
	)  # fmt: skip
	for field in ("subject", "language", "modified"):
		query = query.on_duplicate_key_update(table[field], Values(table[field]))
	query.run()
	clear_marks(marks)


def recompute_marked() -> None:
	"""Recompute the marked records and clear their marks; every record on a new day, after a settings
	change or in another site language."""
	marks = current_marks()
	if rebuilt_on(marks) is None or marks[REBUILT_KEY][1] != site_language():
		rebuild()
		return
	subjects = marked_subjects(marks)
	if subjects:
		refresh(subjects)
		clear_marks(marks)


def flush() -> None:
	"""Scheduled every few minutes: recompute the marked records (every record on a new day or after a
	settings change), one run at a time."""
	if not frappe.db.sql("select get_lock('gongjian_compliance_findings', 0)")[0][0]:
		return
	try:
		recompute_marked()
		frappe.db.commit()  # before the lock goes: the next run must see the marks this one cleared
	finally:
		frappe.db.sql("select release_lock('gongjian_compliance_findings')")


def forget_rebuild(doc=None, method=None) -> None:
	"""on_update of Gongjian Settings: the thresholds changed, so every record is judged afresh until the
	next rebuild."""
	frappe.db.delete(MARKS, {"name": REBUILT})


# -- what a save concerns -----------------------------------------------------------------------------


def mark_for_doc(doc, method=None) -> None:
	"""on_update and after_delete of the records the rules read: mark the records whose findings they can
	change, as the record was before this change and as it is now."""
	before = doc.get_doc_before_save() if method == "on_update" else None
	subjects: dict[str, set[str]] = defaultdict(set)
	for version in (doc, before):
		if version is not None:
			for doctype, names in concerned(version).items():
				subjects[doctype] |= set(names)
	if doc.doctype == "Trade Union" and (before is None or before.union_kind != doc.union_kind):
		subjects["Enterprise"] |= employers_in_union(doc.name)  # R11 counts members held in a members' home
	mark(subjects)


def concerned(doc) -> dict[str, list[str]]:
	doctype = doc.doctype
	if doctype == "Enterprise":
		return {
			"Enterprise": [doc.name],
			"Trade Union": unions_covering([doc.name]).distinct().run(pluck=True),
			"Union Organizer": organizers_assigned(doc.name),
		}
	if doctype == "Trade Union":
		return {
			"Trade Union": [doc.name],
			"Enterprise": [row.enterprise for row in doc.get("covered_units") or []],
			"Village": [doc.village] if doc.get("village") else [],
		}
	if doctype == "Collective Contract":
		return {
			"Enterprise": [doc.get("enterprise"), *(row.enterprise for row in doc.get("covered_units") or [])]
		}
	if doctype == "Union Election":
		return {"Trade Union": [doc.union], "Enterprise": units_covered_by(doc.union)}
	if doctype == "Union Organizer":
		return {
			"Union Organizer": [doc.name],
			"Enterprise": [row.enterprise for row in doc.get("assignments") or []],
		}
	if doctype == "Demonstration Site":
		return {"Enterprise": [doc.get("sponsor_unit")], "Township": [doc.get("township")]}
	if doctype == "Village":
		return {
			"Village": [doc.name],
			"Trade Union": frappe.get_all("Trade Union", filters={"village": doc.name}, pluck="name"),
		}
	if doctype == "Township":
		return {"Township": [doc.name]}
	return {}


def organizers_assigned(unit: str) -> list[str]:
	assignment = DocType("Organizer Assignment")
	return (
		frappe.qb.from_(assignment)
		.select(assignment.parent)
		.distinct()
		.where((assignment.parenttype == "Union Organizer") & (assignment.enterprise == unit))
		.run(pluck=True)
	)


def units_covered_by(union: str | None) -> list[str]:
	cover = DocType("Trade Union Unit")
	return (
		frappe.qb.from_(cover)
		.select(cover.enterprise)
		.where((cover.parenttype == "Trade Union") & (cover.parent == (union or "")))
		.run(pluck=True)
	)


def employers_in_union(union: str) -> set[str]:
	count = DocType("Unit Member Count")
	return set(
		frappe.qb.from_(count).select(count.employer).distinct().where(count.union == union).run(pluck=True)
	) - {""}


# -- consistency --------------------------------------------------------------------------------------


def signature(rows: list[dict]) -> set[tuple]:
	return {
		(
			*(row[key] for key in ("subject_doctype", "subject", "unit", "village", "township", "category")),
			json.dumps(
				[[v.rule, v.unit, v.message, v.action, v.args, v.doctype] for v in row["violations"]],
				ensure_ascii=False,
				default=str,
				sort_keys=True,
			),
		)
		for row in rows
	}


def drift() -> dict[str, set[tuple]]:
	"""What the table holds for unmarked records that a recomputation of every record does not, and the
	reverse; empty when the kept findings are right."""
	marks = current_marks()
	marked = {(doctype, subject) for doctype, subject in marks if doctype != MARKS}
	fresh = {row for row in signature(judge(None)) if (row[0], row[1]) not in marked}
	held = {row for row in signature(kept_rows({}, "findings")) if (row[0], row[1]) not in marked}
	return {"kept_only": held - fresh, "recomputed_only": fresh - held}


def reconcile_hourly() -> None:
	"""Hourly: report any drift in the Error Log (a save path that marks nothing) and rebuild. (The first
	flush of a day rebuilds by the new day's date.)"""
	from frappe import _

	if frappe.db.sql("select get_lock('gongjian_compliance_findings', 60)")[0][0]:
		try:
			if rebuilt_on(current_marks()):
				found = drift()
				if found["kept_only"] or found["recomputed_only"]:
					frappe.log_error(
						title=_("Kept compliance warnings drifted and were corrected"),
						message="\n".join(
							str(row) for row in sorted(found["kept_only"] | found["recomputed_only"])[:1000]
						),
					)
			rebuild()
			frappe.db.commit()  # before the lock goes, as in flush
		finally:
			frappe.db.sql("select release_lock('gongjian_compliance_findings')")
