"""Unit categories as the policy groups them, and the facts the unit-level flag rules read."""

from dataclasses import dataclass, field
from datetime import date

NON_PUBLIC = "Non-public Enterprise"
NEW_SOCIAL_ORG_CATEGORIES = frozenset(
	{"Social Group", "Private Non-enterprise Unit", "Foundation", "Other New Social Organization"}
)
# Units that have closed need no union; their members go through transfer or retention (R10).
CLOSED_STATUSES = frozenset({"Bankrupt", "Deregistered"})
RESTRUCTURING_STATUSES = frozenset({"Restructuring", "Restructured"})

# R17: the democratic management systems every unit with a union keeps.
DEMOCRATIC_SYSTEMS = (
	"Equal Consultation",
	"Collective Contract",
	"Workers' Congress",
	"Affairs Openness",
	"Member Evaluation of the Union",
	"Dues Collection and Use Rules",
)


@dataclass(frozen=True)
class UnitFacts:
	"""What the unit-level rules need to know of one unit, gathered set-based by the caller."""

	unit: str
	staff_total: int
	category: str = NON_PUBLIC
	status: str = "Operating"
	above_scale: bool = False
	founded_on: date | None = None
	has_own_base_union: bool = False  # a 基层工会委员会 covering this unit alone
	covered_by_union: bool = False  # any active union covers it: own, joint, village or industry
	has_party_org: bool = False
	party_member_count: int = 0
	union_reconfirmed_on: date | None = None  # union rebuilt or confirmed after restructuring (R07)
	chair_is_party_member: bool = False
	party_recommended_candidate: bool = False
	has_fulltime_chair: bool = False
	has_organizer: bool = False
	democratic_systems: frozenset[str] = field(default_factory=frozenset)
	town_level: bool = False  # 镇直单位 (R21)
	demonstration_sites: int = 0
	members: int = 0  # active members registered as employed here
	# R17: when each recurring system was last held, and when the contract in force expires
	systems_held_on: dict[str, date] = field(default_factory=dict)
	contract_expires_on: date | None = None
	# 经费拨缴 of the past year as recorded: (due, paid), or None when not recorded
	funds_last_year: tuple[float, float] | None = None

	@property
	def closed(self) -> bool:
		return self.status in CLOSED_STATUSES

	@property
	def new_social_org(self) -> bool:
		return self.category in NEW_SOCIAL_ORG_CATEGORIES

	@property
	def above_scale_non_public(self) -> bool:
		return self.above_scale and self.category == NON_PUBLIC


def staff_figures_error(total: int, migrant: int, dispatched: int, temporary: int) -> str | None:
	"""R09, as the ACFTU base-union statistical forms count staff: one total of everyone with a labour
	relation, each person once, and 其中 (of which) 农民工, 劳务派遣工 and 临时工. Dispatched and temporary
	are kinds of employment and so together fit in the total; migrant is who the worker is and may
	overlap with either. Returns the English message, or None when the figures hold together."""
	parts = (
		(migrant, "R09: migrant workers are counted within the staff total and cannot exceed it"),
		(dispatched, "R09: dispatched workers are counted within the staff total and cannot exceed it"),
		(temporary, "R09: temporary workers are counted within the staff total and cannot exceed it"),
	)
	for part, message in parts:
		if part > total:
			return message
	if dispatched + temporary > total:
		return "R09: dispatched and temporary workers together cannot exceed the staff total"
	return None


def figures_counted_on(history: list[tuple[date, tuple[int, ...]]], on: date) -> tuple[int, ...] | None:
	"""A unit's staff figures as of day `on`, from its staff history (date counted, figures), in any
	order: the last count made by then; before the first count, the first one, the best that is
	known of a unit registered after that day; None without history."""
	if not history:
		return None
	ordered = sorted(history, key=lambda entry: entry[0])
	counted = [figures for counted_on, figures in ordered if counted_on <= on]
	return counted[-1] if counted else ordered[0][1]
