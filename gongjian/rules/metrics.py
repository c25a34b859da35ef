"""Metrics of DESIGN.md §5 (and R09, R18): each rate kept as numerator and denominator."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date

from gongjian.rules.settings import PolicySettings

# The unions a 职工之家 rating is for: base unions and the village union committees (R18).
WORKERS_HOME_KINDS = frozenset(
	{
		"Base Union Committee",
		"Joint Base Union",
		"Village Union Committee",
		"Village Joint Union",
		"Township Joint Union",
		"Park Joint Union",
	}
)


@dataclass(frozen=True)
class Rate:
	numerator: int
	denominator: int

	@property
	def percent(self) -> float:
		return round(100.0 * self.numerator / self.denominator, 2) if self.denominator else 0.0

	def __add__(self, other: "Rate") -> "Rate":
		return Rate(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class UnitFigures:
	"""One unit as the metrics see it (closed units are left out by the caller)."""

	group: str  # the village, township or category the unit is counted under
	staff: int = 0  # R09: everyone with a labour relation, each person once
	staff_migrant: int = 0  # 其中 (of which): parts of `staff`, never added to it
	staff_dispatched: int = 0
	staff_temporary: int = 0
	covered: bool = False
	own_union: bool = False
	contract: bool = False
	members: int = 0  # active members employed here, as registered
	above_scale_non_public: bool = False  # 规上非公企业

	@property
	def counted_members(self) -> int:
		"""The members a rate counts: never more than the staff. More members than staff is a register
		error (a data-quality warning), and counting them would lift the rate of the other units."""
		return min(self.members, self.staff)


@dataclass(frozen=True)
class UnionFigures:
	group: str
	kind: str
	workers_home: bool


@dataclass
class Metrics:
	units: int = 0
	required: int = 0
	staff: int = 0
	staff_migrant: int = 0
	staff_dispatched: int = 0
	staff_temporary: int = 0
	members: int = 0  # members counted at their units (each unit's at most its staff)
	members_registered: int = 0  # members registered at their units, as many as there are
	units_over_staff: int = 0  # units with more members registered than staff (data quality)
	members_without_unit: int = 0  # e.g. in the 会员之家 with no employer: by where they live, in no rate
	formation: Rate = field(default_factory=lambda: Rate(0, 0))
	formation_above_scale: Rate = field(default_factory=lambda: Rate(0, 0))
	own_union: Rate = field(default_factory=lambda: Rate(0, 0))
	membership: Rate = field(default_factory=lambda: Rate(0, 0))
	membership_all_units: Rate = field(default_factory=lambda: Rate(0, 0))
	contract: Rate = field(default_factory=lambda: Rate(0, 0))
	workers_home: Rate = field(default_factory=lambda: Rate(0, 0))

	def __add__(self, other: "Metrics") -> "Metrics":
		return Metrics(*(getattr(self, name) + getattr(other, name) for name in METRIC_FIELDS))

	def rates(self) -> dict[str, Rate]:
		return {f.name: getattr(self, f.name) for f in fields(self) if f.type in (Rate, "Rate")}


# The fields in their order, read once: a county's survey adds thousands of Metrics.
METRIC_FIELDS = tuple(f.name for f in fields(Metrics))


@dataclass(frozen=True)
class UnitClass:
	"""Units alike in everything a rate asks of them (counted together by the set-based survey query):
	`units` of them, with their figures summed."""

	group: str
	units: int
	required: bool  # staff > 0
	large: bool  # staff >= base_union_min_staff
	over_staff: bool  # more members registered than staff
	covered: bool
	own_union: bool
	contract: bool
	above_scale_non_public: bool
	staff: int = 0
	staff_migrant: int = 0
	staff_dispatched: int = 0
	staff_temporary: int = 0
	members: int = 0  # registered
	counted_members: int = 0  # each unit's at most its staff

	@classmethod
	def of(cls, unit: UnitFigures, settings: PolicySettings) -> "UnitClass":
		return cls(
			group=unit.group,
			units=1,
			required=unit.staff > 0,
			large=unit.staff >= settings.base_union_min_staff,
			over_staff=unit.members > unit.staff,
			covered=unit.covered,
			own_union=unit.own_union,
			contract=unit.contract,
			above_scale_non_public=unit.above_scale_non_public,
			staff=unit.staff,
			staff_migrant=unit.staff_migrant,
			staff_dispatched=unit.staff_dispatched,
			staff_temporary=unit.staff_temporary,
			members=unit.members,
			counted_members=unit.counted_members,
		)


def unit_metrics(unit: UnitFigures, settings: PolicySettings) -> Metrics:
	"""One unit's share of each rate (UNIT_SUMS)."""
	return class_metrics(UnitClass.of(unit, settings))


# Each unit figure of Metrics as a sum over units: of which of UnitClass's figures ("units" counts
# them), over the units with which of its flags. One table for both readings: class_metrics sums it for
# one class of like units, and the set-based survey sums it per village in SQL
# (gongjian/survey_figures.py, unit_sums). 组建率 counts every unit with workers (R01, R02); 入会率 is
# given over the unionised units (the ACFTU forms' 已建会单位入会率) and over all of them.
UNIT_SUMS: dict[str, tuple[str, tuple[str, ...]]] = {
	"units": ("units", ()),
	"required": ("units", ("required",)),
	"staff": ("staff", ()),
	"staff_migrant": ("staff_migrant", ()),
	"staff_dispatched": ("staff_dispatched", ()),
	"staff_temporary": ("staff_temporary", ()),
	"members": ("counted_members", ()),
	"members_registered": ("members", ()),
	"units_over_staff": ("units", ("over_staff",)),
	"formation.numerator": ("units", ("required", "covered")),
	"formation.denominator": ("units", ("required",)),
	"formation_above_scale.numerator": ("units", ("required", "covered", "above_scale_non_public")),
	"formation_above_scale.denominator": ("units", ("required", "above_scale_non_public")),
	"own_union.numerator": ("units", ("large", "own_union")),
	"own_union.denominator": ("units", ("large",)),
	"membership.numerator": ("counted_members", ("covered",)),
	"membership.denominator": ("staff", ("covered",)),
	"membership_all_units.numerator": ("counted_members", ()),
	"membership_all_units.denominator": ("staff", ()),
	"contract.numerator": ("units", ("covered", "contract")),
	"contract.denominator": ("units", ("covered",)),
}


def metrics_of_sums(sums: Mapping[str, int | None]) -> Metrics:
	"""Metrics from the sums UNIT_SUMS names ("formation.numerator": 12, ...)."""
	plain: dict[str, int] = {}
	rates: dict[str, dict[str, int]] = defaultdict(dict)
	for key, value in sums.items():
		name, _dot, part = key.partition(".")
		if part:
			rates[name][part] = int(value or 0)
		else:
			plain[name] = int(value or 0)
	return Metrics(
		**plain,
		**{
			name: Rate(parts.get("numerator", 0), parts.get("denominator", 0))
			for name, parts in rates.items()
		},
	)


def class_metrics(c: UnitClass) -> Metrics:
	"""The share of each rate of `c.units` like units (unit_metrics for one)."""
	return metrics_of_sums(
		{
			key: getattr(c, figure) if all(getattr(c, flag) for flag in flags) else 0
			for key, (figure, flags) in UNIT_SUMS.items()
		}
	)


def union_metrics(union: UnionFigures) -> Metrics:
	if union.kind not in WORKERS_HOME_KINDS:
		return Metrics()
	return workers_home_metrics(int(union.workers_home), 1)


def workers_home_metrics(rated: int, unions: int) -> Metrics:
	"""R18's 职工之家 rate: `rated` of `unions` base unions and village committees rated this year."""
	return Metrics(workers_home=Rate(rated, unions))


def in_office(status: str, founded_on: date | None, dissolved_on: date | None, on: date) -> bool:
	"""Whether a union was in office at the end of day `on`: founded by then (or of unknown date) and
	active, or dissolved only later. A dissolved union without its date is out of office."""
	if founded_on and founded_on > on:
		return False
	return status == "Active" or bool(dissolved_on and dissolved_on > on)


def workers_home_rated(rated: bool, rated_year: int | None, period_year: int) -> bool:
	"""A 职工之家 rating is the town's, for one year: it counts in that year's periods and lapses unless
	renewed for the next."""
	return bool(rated) and rated_year == period_year


def metrics_by_group(
	units: list[UnitFigures],
	unions: list[UnionFigures],
	settings: PolicySettings,
	members_without_unit: dict[str, int] | None = None,
) -> dict[str, Metrics]:
	"""Metrics per group (village), in one pass over the units and unions. `members_without_unit`:
	members with no employer (the 会员之家's flexible workers) by the group where they live."""
	return metrics_by_group_of_classes(
		[UnitClass.of(unit, settings) for unit in units], unions, members_without_unit
	)


def metrics_by_group_of_classes(
	classes: list[UnitClass], unions: list[UnionFigures], members_without_unit: dict[str, int] | None = None
) -> dict[str, Metrics]:
	"""metrics_by_group over classes of like units."""
	groups: dict[str, Metrics] = defaultdict(Metrics)
	for c in classes:
		groups[c.group] = groups[c.group] + class_metrics(c)
	for union in unions:
		if union.kind in WORKERS_HOME_KINDS:  # the others count towards no rate
			groups[union.group] = groups[union.group] + union_metrics(union)
	for group, count in (members_without_unit or {}).items():
		groups[group] = groups[group] + Metrics(members_without_unit=count)
	return dict(groups)


def total(groups: dict[str, Metrics]) -> Metrics:
	result = Metrics()
	for metrics in groups.values():
		result = result + metrics
	return result


TARGETS = {
	"formation": "formation_rate_target",
	"membership": "membership_rate_target",
	"workers_home": "workers_home_target",
	"contract": "contract_rate_target",
}
WEIGHTS = {
	"formation": "weight_formation",
	"membership": "weight_membership",
	"workers_home": "weight_workers_home",
	"contract": "weight_contract",
}
FIVE_SYNC_ITEMS = 5


def score(metrics: Metrics, settings: PolicySettings) -> dict[str, tuple[float, float, bool]]:
	"""R18: each targeted rate against its target: (percent, target, met)."""
	result = {}
	for rate_name, setting in TARGETS.items():
		percent, target = getattr(metrics, rate_name).percent, float(getattr(settings, setting))
		result[rate_name] = (percent, target, percent >= target)
	return result


def work_rates(units: list, settings: PolicySettings, counts: list[int] | None = None) -> dict[str, Rate]:
	"""Organizer coverage (R15), full-time chairs (R13) and party coverage of new social orgs (R16),
	over gongjian.rules.units.UnitFacts of open units (each standing for `counts` units, when given)."""
	from gongjian.rules.coverage import party_org_required

	rates = {"organizer": Rate(0, 0), "fulltime_chair": Rate(0, 0), "party_org": Rate(0, 0)}
	for unit, n in zip(units, counts or [1] * len(units), strict=True):
		if unit.closed:
			continue
		if unit.above_scale_non_public or (
			unit.new_social_org and unit.staff_total >= settings.organizer_min_staff
		):
			rates["organizer"] += Rate(n * int(unit.has_organizer), n)
		if unit.staff_total >= settings.fulltime_chair_min_staff:
			rates["fulltime_chair"] += Rate(n * int(unit.has_fulltime_chair), n)
		if party_org_required(unit, settings):
			rates["party_org"] += Rate(n * int(unit.has_party_org), n)
	return rates


def five_sync_done(items: list[tuple[date | None, bool]], start: date, end: date) -> int:
	"""R19: the 五同步 items done within the period: dated inside it, with evidence (a note or a file)."""
	return sum(1 for held_on, evidence in items if held_on and start <= held_on <= end and evidence)


def weighted_score(metrics: Metrics, settings: PolicySettings, five_sync: int) -> float:
	"""The evaluation's score out of 100: each targeted rate earns its weight in proportion to how near
	it is to its target (full at or above it), and 五同步 its weight by items done. A rate over nothing
	(no unit to organise, no union yet) is left out, with its weight."""
	earned, possible = 0.0, 0
	for rate_name, setting in TARGETS.items():
		rate, weight = getattr(metrics, rate_name), getattr(settings, WEIGHTS[rate_name])
		if not rate.denominator or not weight:
			continue
		target = float(getattr(settings, setting)) or 100.0
		earned += weight * min(1.0, rate.percent / target)
		possible += weight
	if settings.weight_five_sync:
		earned += settings.weight_five_sync * min(five_sync, FIVE_SYNC_ITEMS) / FIVE_SYNC_ITEMS
		possible += settings.weight_five_sync
	return round(100.0 * earned / possible, 2) if possible else 0.0
