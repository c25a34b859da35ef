"""Union coverage of units: R01, R02, R03, R04, R06, R07 (all flags)."""

from datetime import date, timedelta

from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import RESTRUCTURING_STATUSES, UnitFacts
from gongjian.rules.violations import Violation, flag


def requires_own_union(unit: UnitFacts, settings: PolicySettings) -> bool:
	return unit.staff_total >= settings.base_union_min_staff


def party_org_required(unit: UnitFacts, settings: PolicySettings) -> bool:
	"""R16: above-scale non-public enterprises, and new social orgs at party_org_min_staff."""
	return unit.above_scale_non_public or (
		unit.new_social_org and unit.staff_total >= settings.party_org_min_staff
	)


def check_r01(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not requires_own_union(unit, settings) or unit.has_own_base_union:
		return None
	return flag(
		"R01",
		unit.unit,
		"R01: {unit} has {staff} staff (threshold {threshold}) but no base union committee of its own",
		"Set up a base union committee (单独组建) in this unit",
		staff=unit.staff_total,
		threshold=settings.base_union_min_staff,
	)


def check_r02(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or requires_own_union(unit, settings) or unit.covered_by_union or unit.staff_total <= 0:
		return None
	return flag(
		"R02",
		unit.unit,
		"R02: {unit} has {staff} staff (below {threshold}) and is covered by no union, own or joint",
		"Bring this unit into a joint base union (联合基层工会) or set up its own",
		staff=unit.staff_total,
		threshold=settings.base_union_min_staff,
	)


def check_r03(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not unit.above_scale_non_public or unit.covered_by_union:
		return None
	return flag(
		"R03",
		unit.unit,
		"R03: {unit} is an above-scale non-public enterprise without a union",
		"Organise a union in this enterprise",
	)


def check_r04(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not unit.founded_on:
		return None
	age = (today - unit.founded_on).days
	if age > settings.new_unit_days or age <= settings.sync_grace_days:
		return None
	missing_union = not unit.covered_by_union
	missing_party = party_org_required(unit, settings) and not unit.has_party_org
	if not (missing_union or missing_party):
		return None
	deadline = unit.founded_on + timedelta(days=settings.sync_grace_days)
	return flag(
		"R04",
		unit.unit,
		"R04: {unit} was founded on {founded} and by {deadline} should have set up its union and party organization together",
		"Set up the union and, where eligible, the party organization now",
		founded=unit.founded_on.isoformat(),
		deadline=deadline.isoformat(),
	)


def check_r06(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not unit.has_party_org or unit.covered_by_union:
		return None
	return flag(
		"R06",
		unit.unit,
		"R06: {unit} has a party organization but no union",
		"The unit's party organization should lead the setting up of its union",
	)


def check_r07(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.status not in RESTRUCTURING_STATUSES or unit.union_reconfirmed_on:
		return None
	return flag(
		"R07",
		unit.unit,
		"R07: {unit} is restructuring or restructured and its union has not been rebuilt or confirmed",
		"Rebuild or confirm the union and record the date",
	)


def check_r09(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	"""R09, data quality: more members registered at a unit than it has staff. The rates count the unit
	at its staff; either the staff total or the member register is wrong."""
	if unit.closed or unit.members <= unit.staff_total:
		return None
	return flag(
		"R09",
		unit.unit,
		"R09: {unit} has {members} members registered but {staff} staff",
		"Correct the staff total or the member register: the rates count at most the staff",
		members=unit.members,
		staff=unit.staff_total,
	)
