"""The unit-level flag rules in catalogue order, and one call that applies them all."""

from collections.abc import Callable
from datetime import date

from gongjian.rules.coverage import (
	check_r01,
	check_r02,
	check_r03,
	check_r04,
	check_r06,
	check_r07,
	check_r09,
)
from gongjian.rules.leadership import check_r12, check_r13
from gongjian.rules.organization import (
	check_r15,
	check_r16,
	check_r17,
	check_r17_contract_expiry,
	check_r17_funds,
	check_r17_lapsed,
	check_r21_unit,
)
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
	check_r09,
	check_r12,
	check_r13,
	check_r15,
	check_r16,
	check_r17,
	check_r17_lapsed,
	check_r17_contract_expiry,
	check_r17_funds,
	check_r21_unit,
)


def unit_violations(units: list[UnitFacts], settings: PolicySettings, today: date) -> list[Violation]:
	return [v for unit in units for check in UNIT_RULES if (v := check(unit, settings, today))]


# Each flag rule's short name, shown beside its code in reports, filters and charts ("R01 单独建会").
# Four Chinese characters at most, so that a chart of all fourteen keeps them readable.
RULE_NAMES = {
	"R01": "Own base union",
	"R02": "Union coverage",
	"R03": "Above-scale unionised",
	"R04": "Union built in step",
	"R06": "Party org pushes union",
	"R07": "Rebuilt after restructuring",
	"R08": "Village union coverage",
	"R09": "Members within staff",
	"R11": "Enrollment builds union",
	"R12": "Party-member chair candidate",
	"R13": "Full-time union chair",
	"R14": "Officer eligibility",
	"R15": "Organizer assigned and trained",
	"R16": "Recommended to the party",
	"R17": "Democratic management",
	"R21": "Demonstration site count",
}


def rule_title(code: str, translate: Callable[[str], str] = lambda text: text) -> str:
	"""The code and the rule's name, e.g. "R01 单独建会" (the code alone for an unknown rule)."""
	return f"{code} {translate(RULE_NAMES[code])}" if code in RULE_NAMES else code
