"""Compliance facts gathered set-based from the registers, then judged by gongjian.rules.

Every query is scoped: the units, villages, organizers and townships come from frappe.get_list
(which applies the session user's permissions), and the detail queries are limited to those names.
"""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Max
from frappe.utils import cint, getdate, today

from gongjian import member_counts
from gongjian.people import management_by_unit
from gongjian.people import person as register_person
from gongjian.personal_data import key_field
from gongjian.policy import get_policy_settings
from gongjian.rules.catalogue import unit_violations
from gongjian.rules.leadership import (
	check_r08_chair,
	check_r14_officer,
	check_term_expired,
	unions_with_recommended_chair,
)
from gongjian.rules.membership import check_enrollment_builds_union
from gongjian.rules.organization import OrganizerFacts, check_r15_organizer, demonstration_violation
from gongjian.rules.settings import PolicySettings
from gongjian.rules.territory import VILLAGE_UNION_KINDS, check_village_covered
from gongjian.rules.units import CLOSED_STATUSES, UnitFacts
from gongjian.rules.violations import Violation
from gongjian.utils.names import MANY_NAMES, among, name_filter

OWN_UNION_KIND = "Base Union Committee"
FALLBACK_KIND = "Members' Home"
# The township fallback and federation hold members, not units: they cover nobody for R01/R02.
NON_COVERING_KINDS = (FALLBACK_KIND, "Township Federation")
SYSTEM_FIELDS = {
	"Equal Consultation": "equal_consultation_on",
	"Workers' Congress": "workers_congress_on",
	"Affairs Openness": "affairs_openness_on",
	"Member Evaluation of the Union": "member_evaluation_on",
	"Dues Collection and Use Rules": "dues_rules_on",
}
# Where a unit is counted: its place in the township and its category.
PLACE_FIELDS = ["name", "village", "township", "category"]
UNIT_FIELDS = [
	"name",
	"village",
	"township",
	"status",
	"category",
	"above_scale",
	"founded_on",
	"staff_total",
	"party_org",
	"party_member_count",
	"union_reconfirmed_on",
	"town_level",
	*SYSTEM_FIELDS.values(),
]


def union_coverage(on: date | None = None, units: set[str] | None = None) -> dict[str, dict]:
	"""unit -> {own, covered, unions}: the unions covering each unit (of `units`, or every unit), in one
	query: those active now, or, `on` a past day, those founded by then and not yet dissolved."""
	union, row = DocType("Trade Union"), DocType("Trade Union Unit")
	query = (
		frappe.qb.from_(row)
		.join(union)
		.on(row.parent == union.name)
		.select(row.parent, row.enterprise, union.union_kind)
		.where(row.parenttype == "Trade Union")
		.where(union_in_office(union, on))
		.where(union.union_kind.notin(NON_COVERING_KINDS))
	)
	if units is not None:
		query = query.where(row.enterprise.isin(list(units) or [""]))
	rows = query.run(as_dict=True)
	own_kind = {r.parent for r in rows if r.union_kind == OWN_UNION_KIND}
	if units is None:
		size = Counter(
			parent for parent, _unit in {(r.parent, r.enterprise) for r in rows if r.parent in own_kind}
		)
	else:  # the rows hold only the units asked about: count the rest of each union's units
		size = union_sizes(own_kind)
	coverage = defaultdict(lambda: {"own": False, "covered": False, "unions": set()})
	for r in rows:
		entry = coverage[r.enterprise]
		entry["covered"] = True
		entry["unions"].add(r.parent)
		entry["own"] |= r.parent in own_kind and size.get(r.parent) == 1
	return dict(coverage)


def union_sizes(unions: set[str]) -> dict[str, int]:
	"""union -> how many units it covers (an own base union covers one)."""
	row = DocType("Trade Union Unit")
	query = (
		frappe.qb.from_(row)
		.select(row.parent, Count(row.enterprise).distinct())
		.where(row.parenttype == "Trade Union")
		.groupby(row.parent)
	)
	if len(unions) <= MANY_NAMES:
		query = query.where(row.parent.isin(list(unions) or [""]))
	return {union: units for union, units in query.run() if union in unions}


# The lookups below return facts for every record, in one query each and without IN lists of
# thousands of names; callers keep the facts of the units they were given, which frappe.get_list
# has already scoped to the user.


def chairs_of_unions(unions: set[str] | None = None) -> dict[str, dict]:
	officer = DocType("Trade Union Officer")
	rows = among(
		frappe.qb.from_(officer)
		.select(officer.parent, officer.full_time, officer.party_member)
		.where((officer.parenttype == "Trade Union") & (officer.position == "Chair")),
		officer.parent,
		unions,
	).run(as_dict=True)
	return {r.parent: r for r in rows}


def fulltime_chair_units():
	"""The units covered by an active union whose chair is full-time (R13), as a query to join."""
	union, row, officer = DocType("Trade Union"), DocType("Trade Union Unit"), DocType("Trade Union Officer")
	return (
		frappe.qb.from_(row)
		.join(union)
		.on(row.parent == union.name)
		.join(officer)
		.on((officer.parent == union.name) & (officer.parenttype == "Trade Union"))
		.select(row.enterprise)
		.distinct()
		.where(row.parenttype == "Trade Union")
		.where(union_in_office(union, None))
		.where(union.union_kind.notin(NON_COVERING_KINDS))
		.where((officer.position == "Chair") & (officer.full_time == 1))
	)


def unions_with_recommended_candidates(on: date | None = None, unions: set[str] | None = None) -> set[str]:
	"""Unions whose latest election by `on` had a party-recommended candidate for chair (R12): a
	candidate for another seat, or of an earlier term, does not count."""
	election, candidate = DocType("Union Election"), DocType("Election Candidate")
	rows = among(
		frappe.qb.from_(election)
		.left_join(candidate)
		.on(
			(candidate.parent == election.name)
			& (candidate.parenttype == "Union Election")
			& (candidate.position == "Chair")
			& (candidate.party_recommended == 1)
		)
		.select(election.union, election.election_date, candidate.name)
		.where(election.election_date <= (on or getdate(today()))),
		election.union,
		unions,
	).run()
	return unions_with_recommended_chair(rows)


def units_with_organizer(on: date, units: set[str] | None = None) -> set[str]:
	assignment = DocType("Organizer Assignment")
	return set(among(organized_units(on), assignment.enterprise, units).run(pluck=True))


def organized_units(on: date):
	"""The units an organizer is assigned to on `on`, as a query."""
	assignment = DocType("Organizer Assignment")
	return (
		frappe.qb.from_(assignment)
		.select(assignment.enterprise)
		.distinct()
		.where(assignment.parenttype == "Union Organizer")
		.where(assignment.assigned_on.isnull() | (assignment.assigned_on <= on))
		.where(assignment.ended_on.isnull() | (assignment.ended_on >= on))
	)


def union_in_office(union, on: date | None):
	"""rules.metrics.in_office as SQL: active now, or on a past day `on` founded by then and dissolved
	after."""
	if on is None or on >= getdate(today()):
		return union.status == "Active"
	founded = union.founded_on.isnull() | (union.founded_on <= on)
	return founded & ((union.status == "Active") | (union.dissolved_on > on))


def units_with_contract(on: date) -> set[str]:
	"""Units with a collective contract in force on `on`."""
	return set(contracts_in_force(on))


def contracts_in_force(on: date, units: set[str] | None = None) -> dict[str, date]:
	"""unit -> the last expiry of its collective contracts in force on `on`, in one query."""
	contract, row = DocType("Collective Contract"), DocType("Collective Contract Unit")
	in_force = (contract.signed_on <= on) & (contract.expires_on >= on)
	own = among(
		frappe.qb.from_(contract)
		.select(contract.enterprise, Max(contract.expires_on))
		.where(in_force & contract.enterprise.isnotnull())
		.groupby(contract.enterprise),
		contract.enterprise,
		units,
	)
	covering = among(  # regional and industry contracts, by the units they cover
		frappe.qb.from_(row)
		.join(contract)
		.on((row.parent == contract.name) & (row.parenttype == "Collective Contract"))
		.select(row.enterprise, Max(contract.expires_on))
		.where(in_force)
		.groupby(row.enterprise),
		row.enterprise,
		units,
	)
	found: dict[str, date] = {}
	for unit, expires in [*own.run(), *covering.run()]:
		found[unit] = max(found.get(unit, getdate(expires)), getdate(expires))
	return found


def demonstration_counts(field: str, owners: list[str] | None = None) -> dict[str, int]:
	"""Active demonstration sites per township (made by the town itself) or per sponsoring unit, of the
	last `demo_site_years` years: an old site is reviewed again before it counts."""
	settings = get_policy_settings()
	site = DocType("Demonstration Site")
	query = (
		frappe.qb.from_(site)
		.select(site[field], Count(site.name))
		.where(site.status == "Active")
		.where(site.year.isnull() | (site.year >= getdate(today()).year - settings.demo_site_years + 1))
		.where(site[field].notnull())
		.groupby(site[field])
	)
	if field == "township":
		query = query.where(site.sponsor_unit.isnull() | (site.sponsor_unit == ""))
	if owners is not None:
		query = query.where(site[field].isin(owners or [""]))
	return dict(query.run())


def unit_facts(
	units: list[dict], on: date, coverage: dict[str, dict] | None = None, few: bool = False
) -> list[UnitFacts]:
	"""The facts the rules judge `units` by. With `few`, each lookup reads only these units' rows
	(a few records recomputed); otherwise every record's, without IN lists of thousands of names."""
	if not units:
		return []
	coverage = union_coverage() if coverage is None else coverage
	names = {u.name for u in units} if few else None
	unions = {union for entry in coverage.values() for union in entry["unions"]} if few else None
	chairs = chairs_of_unions(unions)
	recommended = unions_with_recommended_candidates(unions=unions)
	organized = units_with_organizer(on, names)
	contract_expiry = contracts_in_force(on, names)
	contracted = set(contract_expiry)
	sites = demonstration_counts("sponsor_unit", sorted(names) if few else None)
	members = member_counts.members_by_unit(["Member"], units=names)  # kept counts
	funds = funds_of_year([u.name for u in units], on.year - 1)
	facts = []
	for u in units:
		cover = coverage.get(u.name, {"own": False, "covered": False, "unions": set()})
		unit_chairs = [chairs[name] for name in cover["unions"] if name in chairs]
		held_on = {system: getdate(u[field]) for system, field in SYSTEM_FIELDS.items() if u.get(field)}
		systems = set(held_on)
		if u.name in contracted:
			systems.add("Collective Contract")
		facts.append(
			UnitFacts(
				unit=u.name,
				staff_total=u.staff_total or 0,
				category=u.category,
				status=u.status,
				above_scale=bool(u.above_scale),
				founded_on=getdate(u.founded_on) if u.founded_on else None,
				has_own_base_union=cover["own"],
				covered_by_union=cover["covered"],
				has_party_org=bool(u.party_org),
				party_member_count=u.party_member_count or 0,
				union_reconfirmed_on=getdate(u.union_reconfirmed_on) if u.union_reconfirmed_on else None,
				chair_is_party_member=any(c.party_member for c in unit_chairs),
				party_recommended_candidate=bool(cover["unions"] & recommended),
				has_fulltime_chair=any(c.full_time for c in unit_chairs),
				has_organizer=u.name in organized,
				democratic_systems=frozenset(systems),
				town_level=bool(u.town_level),
				demonstration_sites=sites.get(u.name, 0),
				members=members.get(u.name, 0),
				systems_held_on=held_on,
				contract_expires_on=contract_expiry.get(u.name),
				funds_last_year=funds.get(u.name),
			)
		)
	return facts


def funds_of_year(units: list[str], year: int) -> dict[str, tuple[float, float]]:
	"""unit -> (due, paid) of the union funds recorded for `year`, in one query."""
	rows = frappe.get_all(
		"Union Funds Payment",
		filters={"parenttype": "Enterprise", "year": year, **name_filter("parent", units)},
		fields=["parent", "amount_due", "amount_paid"],
		as_list=True,
	)
	wanted = set(units)
	return {unit: (float(due or 0), float(paid or 0)) for unit, due, paid in rows if unit in wanted}


def village_violations(villages: list[str]) -> list[Violation]:
	"""R08: every village has a village union committee or village joint union."""
	if not villages:
		return []
	rows = frappe.get_all(
		"Trade Union",
		filters={
			"village": ["in", villages],
			"union_kind": ["in", list(VILLAGE_UNION_KINDS)],
			"status": "Active",
		},
		fields=["village", "count(name) as unions"],
		group_by="village",
	)
	counts = {r.village: r.unions for r in rows}
	return [v for village in villages if (v := check_village_covered(village, counts.get(village, 0)))]


def fallback_violations(
	units: list[dict], coverage_of: dict, settings: PolicySettings, few: bool = False
) -> list[Violation]:
	"""以入会促建会 (R11): members held in the township members' home, counted per employer."""
	names = {u.name for u in units}
	closed = {u.name for u in units if u.status in CLOSED_STATUSES}
	if not names:
		return []
	held = member_counts.members_by_unit_in_unions(["Member"], [FALLBACK_KIND], names if few else None)
	return [
		v
		for employer, members in held.items()
		if employer in names
		and (
			v := check_enrollment_builds_union(
				employer, members, coverage_of.get(employer, False), settings, employer in closed
			)
		)
	]


def organizer_violations(on: date, name_of: dict[str, str] | None = None) -> list[Violation]:
	"""R15 on the organizers of `name_of` (name -> organizer name), or on those the user may list."""
	if name_of is None:
		# fields, not pluck: pluck prefixes the table name, and Frappe's SQL guard rejects " Union " in it
		name_of = {
			o.name: o.organizer_name
			for o in frappe.get_list(
				"Union Organizer", fields=["name", "organizer_name"], limit_page_length=0
			)
		}
	organizers = list(name_of)
	if not organizers:
		return []
	trainings = frappe.get_all(
		"Organizer Training",
		filters={"parenttype": "Union Organizer", "parent": ["in", organizers]},
		fields=["parent", "training_date"],
	)
	assessments = frappe.get_all(
		"Organizer Assessment",
		filters={"parenttype": "Union Organizer", "parent": ["in", organizers], "year": on.year - 1},
		pluck="parent",
	)
	# Trained in the past twelve months: a calendar year would flag every organizer each January.
	trained = {t.parent for t in trainings if 0 <= (on - getdate(t.training_date)).days < 366}
	return [
		v
		for name in organizers
		if (
			v := check_r15_organizer(
				OrganizerFacts(name, name in trained, name in assessments, name_of[name]), on
			)
		)
	]


def assigned_units(on: date, organizers) -> dict[str, list[str]]:
	"""organizer -> the units it is assigned to on `on`, by name, in one query."""
	assignment = DocType("Organizer Assignment")
	rows = among(organized_units(on).select(assignment.parent), assignment.parent, set(organizers)).run()
	found: dict[str, list[str]] = defaultdict(list)
	for unit, organizer in sorted(rows, key=lambda row: (row[1], row[0])):
		if organizer in organizers:
			found[organizer].append(unit)
	return found


def placed_organizer_violations(on: date, units: dict[str, dict], filtered: bool) -> list[Violation]:
	"""R15 on the organizers the user may list, each at the village of the first unit of `units` it is
	assigned to, as a union is placed at its units: under filters (`filtered`), only those assigned to
	one of `units`."""
	violations = organizer_violations(on)
	at = assigned_units(on, {v.unit for v in violations})
	placed = []
	for violation in violations:
		first = next((unit for unit in at.get(violation.unit, ()) if unit in units), None)
		if first is None and filtered:
			continue
		village = units[first].village if first else None
		placed.append(replace(violation, args={**violation.args, "village": village}))
	return placed


def township_violations(settings: PolicySettings, townships: list[str] | None = None) -> list[Violation]:
	"""R21 on `townships`, or on those the user may list."""
	if townships is None:
		townships = frappe.get_list("Township", pluck="name", limit_page_length=0)
	counts = demonstration_counts("township", townships)
	return [v for t in townships if (v := demonstration_violation(t, counts.get(t, 0), settings))]


def collect(filters: dict | None = None, on: date | None = None) -> tuple[list[Violation], dict[str, dict]]:
	"""The violations in the user's scope, and the units they were judged on (name -> row)."""
	on = on or getdate(today())
	settings = get_policy_settings()
	units = frappe.get_list(
		"Enterprise", filters=filters or {}, fields=UNIT_FIELDS, limit_page_length=0, order_by="name asc"
	)
	coverage = union_coverage()
	facts = unit_facts(units, on, coverage)
	violations = unit_violations(facts, settings, on)
	violations += fallback_violations(units, {f.unit: f.covered_by_union for f in facts}, settings)
	if set(filters or {}) <= {"village", "township"}:
		places = {"name" if key == "village" else key: value for key, value in (filters or {}).items()}
		villages = frappe.get_list("Village", filters=places, pluck="name", limit_page_length=0)
		violations += village_violations(villages)
	if set(filters or {}) <= {"village", "township", "category"}:
		violations += placed_organizer_violations(on, {u.name: u for u in units}, bool(filters))
	if not filters:
		violations += township_violations(settings)
	open_units = [u for u in units if u.status not in CLOSED_STATUSES]
	violations += sitting_officer_violations({u.name: u.village for u in open_units}, filters or {}, coverage)
	return violations, {u.name: u for u in units}


def sitting_officer_violations(
	units: dict[str, str], filters: dict, coverage: dict[str, dict] | None = None
) -> list[Violation]:
	"""R14 and R08 again on the officers in office of the active unions covering `units` (name ->
	village) and of the village union committees the user may read: the checks at the union's save do
	not see a unit's management, its declared relatives or a village's secretaries change afterwards.
	Five queries, and one more without the units' `coverage`."""
	coverage = union_coverage() if coverage is None else coverage
	units_of: dict[str, list[str]] = defaultdict(list)
	village_of: dict[str, str] = {}
	for unit, village in units.items():
		for union in coverage.get(unit, {}).get("unions", ()):
			units_of[union].append(unit)
			village_of.setdefault(union, village)
	where = {key: filters[key] for key in ("village", "township") if filters.get(key)}
	if set(filters) - {"village", "township"}:  # asked about units: no village's committee is theirs
		union_rows = []
	else:
		union_rows = frappe.get_list(
			"Trade Union",
			filters={**where, "union_kind": "Village Union Committee", "status": "Active"},
			fields=["name", "village"],
			limit_page_length=0,
			order_by="name asc",
		)
	village_unions = {row.name: row.village for row in union_rows if row.village}
	village_of.update(village_unions)
	return officer_violations(units_of, village_unions, village_of)


def officer_violations(
	units_of: dict[str, list[str]], village_unions: dict[str, str], village_of: dict[str, str]
) -> list[Violation]:
	"""R14 and R08 on the officers in office of the unions of `units_of` (union -> the open units it
	covers) and of the village union committees `village_unions` (union -> village), and R14 on their
	terms; each finding carries the union's village (`village_of`). Five queries."""
	if not units_of and not village_unions:
		return []
	unions = {*units_of, *village_unions}
	officers = [
		officer
		for officer in frappe.get_all(
			"Trade Union Officer",
			filters={"parenttype": "Trade Union", **name_filter("parent", unions)},
			fields=["parent", "position", "person_name", "id_number", key_field("id_number"), "foreign"],
			order_by="parent asc, idx asc",
		)
		if officer.parent in unions
	]
	management = management_by_unit(sorted({unit for units in units_of.values() for unit in units}))
	secretaries = {
		row.name: (row.party_secretary, row.party_deputy_secretary)
		for row in frappe.get_all(
			"Village",
			filters={"name": ["in", list(set(village_unions.values())) or [""]]},
			fields=["name", "party_secretary", "party_deputy_secretary"],
		)
	}
	found = []
	for officer in officers:
		person = register_person(officer.person_name, officer, foreign=officer.foreign)
		roles, relatives = [], []
		for unit in units_of.get(officer.parent, ()):
			unit_roles, unit_relatives = management.get(unit, ([], []))
			roles, relatives = roles + unit_roles, relatives + unit_relatives
		if violation := check_r14_officer(officer.parent, officer.position, person, roles, relatives):
			found.append(violation)
		if officer.parent in village_unions and officer.position == "Chair":
			secretary, deputy = secretaries.get(village_unions[officer.parent], (None, None))
			if violation := check_r08_chair(officer.parent, officer.person_name, secretary, deputy):
				found.append(violation)
	found += expired_terms([*units_of, *village_unions])
	return [
		replace(v, doctype="Trade Union", args={**v.args, "village": village_of.get(v.unit)}) for v in found
	]


def expired_terms(unions: list[str]) -> list[Violation]:
	"""R14: committees of `unions` past their term (换届), from their latest election held, or their
	founding when none is on record. Two queries."""
	on = getdate(today())
	founded = dict(
		frappe.get_all(
			"Trade Union",
			filters=name_filter("name", unions),
			fields=["name", "founded_on"],
			as_list=True,
		)
	)
	latest: dict[str, tuple] = {}
	for union, held_on, term_years in frappe.get_all(
		"Union Election",
		filters={**name_filter("union", unions), "election_date": ["<=", on]},
		fields=["union", "election_date", "term_years"],
		order_by="election_date asc",
		as_list=True,
	):
		latest[union] = (held_on, cint(term_years))
	return [
		v
		for union in sorted(set(unions))
		if (v := check_term_expired(union, founded.get(union), *latest.get(union, (None, None)), on))
	]


# Findings that are not on a unit: on the village (R08), the organizer (R15) or the township (R21).
RECORD_OF_RULE = {"R08": "Village", "R15": "Union Organizer", "R21": "Township"}


def findings(filters: dict | None = None) -> list:
	"""Each rule each record the session user may read breaks (compliance_findings.Finding): from the
	kept findings for an unrestricted town account, judged from the registers for the others."""
	from gongjian import compliance_findings

	filters = filters or {}
	if compliance_findings.serves(filters):
		frappe.has_permission("Enterprise", "read", throw=True)
		return compliance_findings.read(filters)
	return live_findings(filters)


def counted_findings(filters: dict | None = None) -> list[dict]:
	"""findings summed by place ({subject_doctype, village, township, category, warnings, records}), for
	counts: from the kept findings' sums for an unrestricted town account."""
	from gongjian import compliance_findings

	filters = filters or {}
	if compliance_findings.serves(filters):
		frappe.has_permission("Enterprise", "read", throw=True)
		return compliance_findings.counted(filters)
	return summed(live_findings(filters))


def summed(findings: list) -> list[dict]:
	"""findings summed by place, as counted_findings gives them."""
	counts: dict[tuple, list[int]] = {}
	records: dict[tuple, set] = defaultdict(set)
	for finding in findings:
		place = (finding.doctype, finding.village, finding.township, finding.category)
		counts.setdefault(place, [0])[0] += 1
		records[place].add(finding.violation.unit)
	keys = ("subject_doctype", "village", "township", "category")
	return [
		{**dict(zip(keys, place, strict=True)), "warnings": count[0], "records": len(records[place])}
		for place, count in counts.items()
	]


def live_findings(filters: dict) -> list:
	from gongjian.compliance_findings import Finding

	violations, units = collect(filters)
	villages = {v.args["village"] for v in violations if v.args.get("village")}
	villages |= {v.unit for v in violations if v.unit not in units and v.rule in RECORD_OF_RULE}
	township_of = dict(
		frappe.get_all(
			"Village",
			filters={"name": ["in", sorted(villages) or [""]]},
			fields=["name", "township"],
			as_list=True,
		)
	)
	found = []
	for violation in violations:
		unit = units.get(violation.unit)
		if unit:
			found.append(Finding(violation, "Enterprise", unit.village, unit.township, unit.category))
			continue
		doctype = violation.doctype or RECORD_OF_RULE.get(violation.rule)
		village = violation.unit if doctype == "Village" else violation.args.get("village")
		township = violation.unit if doctype == "Township" else township_of.get(village)
		found.append(Finding(violation, doctype, village, township, None))
	return found


def compliance_rows(filters: dict | None = None) -> list[dict]:
	"""Each rule each record the session user may read breaks, with a Chinese message and action, and
	the record it is on (unit_doctype, unit, unit_title) for a link."""
	from gongjian.compliance_findings import rendered

	return rendered(findings(filters))


def warnings_report(filters: dict, rule: str | None = None, most: int | None = None):
	"""The Compliance Warnings report (compliance_findings.WarningsReport): its rows (those of the first
	villages when there are more than `most`) and the counts of every warning, kept ready for an
	unrestricted town account."""
	from gongjian import compliance_findings
	from gongjian.rules.catalogue import RULE_NAMES

	if rule and rule not in RULE_NAMES:
		return compliance_findings.WarningsReport([], Counter(), 0, 0)
	if compliance_findings.serves(filters):
		frappe.has_permission("Enterprise", "read", throw=True)
		return compliance_findings.warnings_report(filters, rule, most)
	return compliance_findings.report_of(live_findings(filters), rule, most)
