"""The unit-level flag rules in catalogue order, and one call that applies them all."""

from datetime import date

from gongjian.rules.coverage import check_r01, check_r02, check_r03, check_r04, check_r06, check_r07
from gongjian.rules.leadership import check_r12, check_r13
from gongjian.rules.organization import check_r15, check_r16, check_r17, check_r21_unit
from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import UnitFacts
from gongjian.rules.violations import Violation

UNIT_RULES = (
	check_r01,
	check_r02,
	check_r03,
	check_r04,
	check_r06,
	check_r07,
	check_r12,
	check_r13,
	check_r15,
	check_r16,
	check_r17,
	check_r21_unit,
)


def unit_violations(units: list[UnitFacts], settings: PolicySettings, today: date) -> list[Violation]:
	return [v for unit in units for check in UNIT_RULES if (v := check(unit, settings, today))]
