"""Union leadership: R08 (village chair), R12 (party-member chair candidates), R13 (full-time chair),
R14 (who may not be chair)."""

from dataclasses import dataclass
from datetime import date

from gongjian.rules.identifiers import normalize_code
from gongjian.rules.organization import months_later
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import UnitFacts
from gongjian.rules.violations import Violation, flag

# 民法典 Art. 1045: spouse, parents, children, siblings, grandparents, grandchildren.
NEAR_RELATIONS = frozenset({"Spouse", "Parent", "Child", "Sibling", "Grandparent", "Grandchild"})
# Roles whose holders, and whose near relatives, may not chair the union.
HEAD_ROLES = frozenset({"Administrative Head", "Deputy Administrative Head", "Partner"})
HR_ROLE = "HR Head"


@dataclass(frozen=True)
class Person:
	name: str
	id_number: str = ""
	foreign: bool = False
	# What tells two people apart where the register keeps ID numbers masked (a keyed digest of the
	# whole number); the ID number itself where it is empty.
	identity: str = ""

	def same_as(self, other: "Person") -> bool:
		"""By ID number where both have one; by name otherwise."""
		mine = self.identity or normalize_code(self.id_number)
		theirs = other.identity or normalize_code(other.id_number)
		if mine and theirs:
			return mine == theirs
		return bool(self.name) and self.name.strip() == other.name.strip()


@dataclass(frozen=True)
class UnitRole:
	"""A person in a unit's management (R14): administrative head or deputy, partner, HR head."""

	role: str
	person: Person


@dataclass(frozen=True)
class Relative:
	"""A declared near relative of someone in the unit's management."""

	relative_of: Person
	relation: str
	person: Person


def chair_ineligibility(
	candidate: Person, roles: list[UnitRole], relatives: list[Relative]
) -> tuple[str, dict] | None:
	"""R14: why `candidate` may not chair the union of a unit, as (English template, args), or None."""
	if candidate.foreign or normalize_code(candidate.id_number).startswith("9"):
		return "{name} is foreign staff", {"name": candidate.name}
	for role in roles:
		if role.person.same_as(candidate) and (role.role in HEAD_ROLES or role.role == HR_ROLE):
			return "{name} is the unit's {role}", {"name": candidate.name, "role": role.role}
	return seat_ineligibility(candidate, roles, relatives)


def seat_ineligibility(
	candidate: Person, roles: list[UnitRole], relatives: list[Relative]
) -> tuple[str, dict] | None:
	"""Trade Union Law Art. 10: the near relatives of a unit's principal heads hold no seat on its union
	committee (vice chairs and members too), as (English template, args), or None."""
	heads = [role.person for role in roles if role.role in HEAD_ROLES]
	for relative in relatives:
		if (
			relative.relation in NEAR_RELATIONS
			and relative.person.same_as(candidate)
			and any(head.same_as(relative.relative_of) for head in heads)
		):
			return "{name} is a near relative ({relation}) of {head}", {
				"name": candidate.name,
				"relation": relative.relation,
				"head": relative.relative_of.name,
			}
	return None


def officer_ineligibility(
	position: str, candidate: Person, roles: list[UnitRole], relatives: list[Relative]
) -> tuple[str, dict] | None:
	"""R14 for any seat: the chair rules for the chair, Law Art. 10 for the other seats."""
	if position == "Chair":
		return chair_ineligibility(candidate, roles, relatives)
	return seat_ineligibility(candidate, roles, relatives)


# R14 found again on a sitting officer, once the unit's management or relatives changed: by reason.
SITTING_OFFICER_MESSAGES = {
	"{name} is foreign staff": "R14: {name}, {position} of {unit}, is foreign staff",
	"{name} is the unit's {role}": "R14: {name}, {position} of {unit}, is the unit's {role}",
	"{name} is a near relative ({relation}) of {head}": (
		"R14: {name}, {position} of {unit}, is a near relative ({relation}) of {head}"
	),
}


def check_r14_officer(
	union: str, position: str, officer: Person, roles: list[UnitRole], relatives: list[Relative]
) -> Violation | None:
	"""R14 (flag) on an officer already in office: the save check ran before the unit's management
	or declared relatives changed."""
	found = officer_ineligibility(position, officer, roles, relatives)
	if not found:
		return None
	template, args = found
	# Lists are translated when the message is shown (Violation.render).
	words = {key: [args[key]] for key in ("role", "relation") if key in args}
	return flag(
		"R14",
		union,
		SITTING_OFFICER_MESSAGES[template],
		"Replace the officer at a committee meeting or by-election",
		**{**args, **words, "position": [position]},
	)


# Trade Union Law Art. 16: a base union committee serves three or five years. A union with no election
# on record is counted from its founding, for the longer term.
LONGEST_TERM_YEARS = 5


def term_ends_on(founded_on: date | None, elected_on: date | None, term_years: int | None) -> date | None:
	"""When the sitting committee's term ends: its latest election plus its term, or, with none on
	record, the union's founding plus the longest term; None when neither date is known."""
	if elected_on:
		return months_later(elected_on, 12 * (term_years or LONGEST_TERM_YEARS))
	if founded_on:
		return months_later(founded_on, 12 * LONGEST_TERM_YEARS)
	return None


def check_term_expired(
	union: str, founded_on: date | None, elected_on: date | None, term_years: int | None, today: date
) -> Violation | None:
	"""R14 (flag): a committee past its term (换届) holds office without a mandate until it is renewed."""
	ends = term_ends_on(founded_on, elected_on, term_years)
	if not ends or ends > today:
		return None
	return flag(
		"R14",
		union,
		"R14: the term of {unit} ended on {ended}",
		"Hold the re-election (换届); a postponement needs the approval of the union at the next level up",
		ended=ends.isoformat(),
	)


def check_r08_chair(
	union: str, chair_name: str, secretary: str | None, deputy: str | None
) -> Violation | None:
	"""R08 (flag) on a sitting village union chair, once the village's secretaries changed."""
	if village_chair_allowed(chair_name, secretary, deputy):
		return None
	return flag(
		"R08",
		union,
		"R08: {name}, chair of {unit}, is no longer the village party secretary or deputy",
		"Elect the village party secretary or deputy as chair of the village union committee",
		name=chair_name,
	)


def village_chair_allowed(chair_name: str, secretary: str | None, deputy: str | None) -> bool:
	"""R08: a village union committee's chair is the village party general branch secretary or deputy."""
	chair = (chair_name or "").strip()
	return bool(chair) and chair in {(secretary or "").strip(), (deputy or "").strip()}


def unions_with_recommended_chair(rows) -> set[str]:
	"""R12: from (union, election date, a party-recommended candidate for chair or None) rows, the
	unions whose latest election had one. A candidate for another seat, or of an earlier term, does
	not count."""
	latest: dict[str, object] = {}
	found: dict[str, bool] = {}
	for union, held_on, recommended in rows:
		if union not in latest or held_on > latest[union]:
			latest[union], found[union] = held_on, bool(recommended)
		elif held_on == latest[union]:
			found[union] = found[union] or bool(recommended)
	return {union for union, yes in found.items() if yes}


def needs_party_member_chair_candidate(unit: UnitFacts, settings: PolicySettings) -> bool:
	return unit.above_scale_non_public or (
		unit.new_social_org and unit.staff_total >= settings.chair_candidate_min_staff
	)


def check_r12(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not needs_party_member_chair_candidate(unit, settings):
		return None
	if unit.chair_is_party_member or unit.party_recommended_candidate:
		return None
	return flag(
		"R12",
		unit.unit,
		"R12: {unit} has no party member recommended as union chair candidate",
		"Recommend a party member as candidate for union chair at the next election",
	)


def check_r13(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or unit.staff_total < settings.fulltime_chair_min_staff or unit.has_fulltime_chair:
		return None
	return flag(
		"R13",
		unit.unit,
		"R13: {unit} has {staff} staff (threshold {threshold}) but no full-time union chair",
		"Appoint a full-time union chair (专职工会主席)",
		staff=unit.staff_total,
		threshold=settings.fulltime_chair_min_staff,
	)
