"""Party building and union work in units: R15 (organizers), R16 (party members and organizations),
R17 (democratic systems), R21 (demonstration sites)."""

from dataclasses import dataclass
from datetime import date

from gongjian.rules.coverage import party_org_required
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import DEMOCRATIC_SYSTEMS, UnitFacts
from gongjian.rules.violations import Violation, flag


def check_r15(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	eligible = unit.above_scale_non_public or (
		unit.new_social_org and unit.staff_total >= settings.organizer_min_staff
	)
	if unit.closed or not eligible or unit.has_organizer:
		return None
	return flag(
		"R15",
		unit.unit,
		"R15: {unit} has no union organizer (工建指导员) assigned",
		"Assign a union organizer to this unit",
	)


def check_r16(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed:
		return None
	if party_org_required(unit, settings) and not unit.has_party_org:
		message = "R16: {unit} should have a party organization and has none"
	elif (
		unit.new_social_org
		and unit.staff_total >= settings.party_member_min_staff
		and unit.party_member_count <= 0
	):
		message = "R16: {unit} should have party members and has none"
	else:
		return None
	return flag(
		"R16",
		unit.unit,
		message,
		"Recommend backbone union members to the party (推优入党)",
	)


def check_r17(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not unit.covered_by_union:
		return None
	missing = [system for system in DEMOCRATIC_SYSTEMS if system not in unit.democratic_systems]
	if not missing:
		return None
	return flag(
		"R17",
		unit.unit,
		"R17: {unit} lacks these democratic management systems: {missing}",
		"Set up the missing systems and record their dates",
		missing=missing,
	)


# R17 systems held again and again, and the setting that says how often (months).
RECURRING_SYSTEMS = {
	"Workers' Congress": "workers_congress_months",
	"Equal Consultation": "equal_consultation_months",
	"Member Evaluation of the Union": "member_evaluation_months",
}


def months_later(day: date, months: int) -> date:
	month = day.month - 1 + months
	year, month = day.year + month // 12, month % 12 + 1
	for last_day in (31, 30, 29, 28):
		try:
			return date(year, month, min(day.day, last_day))
		except ValueError:
			continue
	raise ValueError(day)


def check_r17_lapsed(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	"""R17: a recurring system (the workers' congress every year, …) not held again within its period."""
	if unit.closed or not unit.covered_by_union:
		return None
	lapsed = [
		system
		for system, setting in RECURRING_SYSTEMS.items()
		if (held := unit.systems_held_on.get(system))
		and months_later(held, getattr(settings, setting)) < today
	]
	if not lapsed:
		return None
	return flag(
		"R17",
		unit.unit,
		"R17: {unit} has not held these again within their period: {lapsed}",
		"Hold them again and record the date",
		lapsed=lapsed,
	)


def check_r17_contract_expiry(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	"""R17: the collective contract in force expires within the notice period."""
	expires = unit.contract_expires_on
	if unit.closed or not expires or (expires - today).days > settings.contract_notice_days:
		return None
	return flag(
		"R17",
		unit.unit,
		"R17: the collective contract of {unit} expires on {expires}",
		"Start equal consultation on a new collective contract",
		expires=expires.isoformat(),
	)


def check_r17_funds(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	"""R17: the past year's union funds (2 % of payroll) recorded as paid short."""
	if unit.closed or not unit.covered_by_union or not unit.funds_last_year:
		return None
	due, paid = unit.funds_last_year
	if paid >= due:
		return None
	return flag(
		"R17",
		unit.unit,
		"R17: {unit} paid {paid} of the {due} union funds due for {year}",
		"Pay the union funds due (2 % of the payroll) and record the payment",
		paid=f"{paid:.2f}",
		due=f"{due:.2f}",
		year=today.year - 1,
	)


def check_r21_unit(unit: UnitFacts, settings: PolicySettings, today: date) -> Violation | None:
	if unit.closed or not unit.town_level:
		return None
	return demonstration_violation(unit.unit, unit.demonstration_sites, settings)


def demonstration_violation(owner: str, sites: int, settings: PolicySettings) -> Violation | None:
	"""R21: the town and each town-level unit create demo_sites_min to demo_sites_max sites."""
	if sites > settings.demo_sites_max:
		return flag(
			"R21",
			owner,
			"R21: {unit} has {sites} demonstration sites; the policy asks for {low} to {high}",
			"Keep the best sites and revoke the others",
			sites=sites,
			low=settings.demo_sites_min,
			high=settings.demo_sites_max,
		)
	if settings.demo_sites_min <= sites:
		return None
	return flag(
		"R21",
		owner,
		"R21: {unit} has {sites} demonstration sites; it should create {low} to {high}",
		"Create a 党建带工建 demonstration site",
		sites=sites,
		low=settings.demo_sites_min,
		high=settings.demo_sites_max,
	)


@dataclass(frozen=True)
class OrganizerFacts:
	organizer: str
	trained_this_year: bool
	assessed_last_year: bool
	organizer_name: str = ""  # the person's name, which the message shows in place of the record name


def check_r15_organizer(organizer: OrganizerFacts, today: date) -> Violation | None:
	"""R15: organizers are trained every year (in the past twelve months) and assessed for the past year."""
	if organizer.trained_this_year and organizer.assessed_last_year:
		return None
	return flag(
		"R15",
		organizer.organizer,
		"R15: organizer {organizer_name} lacks this year's training or last year's assessment",
		"Record the organizer's training and yearly assessment",
		organizer_name=organizer.organizer_name or organizer.organizer,
	)
