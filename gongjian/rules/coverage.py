"""Union coverage of units: R01 (own base union at the staff threshold) and R02 (covered below it)."""

from dataclasses import dataclass

from gongjian.rules.settings import PolicySettings
from gongjian.rules.violations import Violation

# Units that have closed need no union (their members go through transfer, R10).
CLOSED_STATUSES = frozenset({"Bankrupt", "Deregistered"})


@dataclass(frozen=True)
class UnitCoverage:
	"""What the coverage rules need to know of one unit."""

	unit: str
	staff_total: int
	status: str = "Operating"
	has_own_base_union: bool = False  # a 基层工会委员会 covering this unit alone
	covered_by_union: bool = False  # any active union covers it: own, joint, village or industry


def requires_own_union(unit: UnitCoverage, settings: PolicySettings) -> bool:
	return unit.staff_total >= settings.base_union_min_staff


def check_r01(unit: UnitCoverage, settings: PolicySettings) -> Violation | None:
	if unit.status in CLOSED_STATUSES or not requires_own_union(unit, settings) or unit.has_own_base_union:
		return None
	return Violation(
		rule="R01",
		unit=unit.unit,
		message="R01: {unit} has {staff} staff (threshold {threshold}) but no base union committee of its own",
		action="Set up a base union committee (单独组建) in this unit",
		args={"unit": unit.unit, "staff": unit.staff_total, "threshold": settings.base_union_min_staff},
	)


def check_r02(unit: UnitCoverage, settings: PolicySettings) -> Violation | None:
	if unit.status in CLOSED_STATUSES or requires_own_union(unit, settings) or unit.covered_by_union:
		return None
	if unit.staff_total <= 0:
		return None  # no staff, nobody to organise
	return Violation(
		rule="R02",
		unit=unit.unit,
		message="R02: {unit} has {staff} staff (below {threshold}) and is covered by no union, own or joint",
		action="Bring this unit into a joint base union (联合基层工会) or set up its own",
		args={"unit": unit.unit, "staff": unit.staff_total, "threshold": settings.base_union_min_staff},
	)


COVERAGE_RULES = (check_r01, check_r02)


def coverage_violations(units: list[UnitCoverage], settings: PolicySettings) -> list[Violation]:
	return [v for unit in units for check in COVERAGE_RULES if (v := check(unit, settings))]
