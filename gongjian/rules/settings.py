"""Policy parameters (DESIGN.md §2). Defaults are the numbers of the seed document."""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class PolicySettings:
	base_union_min_staff: int = 25
	fulltime_chair_min_staff: int = 200
	chair_candidate_min_staff: int = 30
	organizer_min_staff: int = 30
	party_member_min_staff: int = 20
	party_org_min_staff: int = 30
	formation_rate_target: float = 95.0
	membership_rate_target: float = 95.0
	workers_home_target: float = 85.0
	# The seed: "全镇各类企业都要建立…集体合同制度" (every enterprise keeps a collective contract).
	contract_rate_target: float = 100.0
	sync_grace_days: int = 90
	new_unit_days: int = 1095
	demo_sites_min: int = 1
	demo_sites_max: int = 2
	demo_site_years: int = 3  # a demonstration site counts for this many years (its year included)
	# R17 (企业民主管理规定 Art. 12: the workers' congress meets at least once a year): how many months a
	# recurring system holds after it was last held, and how early an expiring contract is flagged.
	workers_congress_months: int = 12
	equal_consultation_months: int = 12
	member_evaluation_months: int = 12
	contract_notice_days: int = 60
	# The annual evaluation's points (R18, R19): each rate's share of its target, and 五同步 by item.
	weight_formation: int = 30
	weight_membership: int = 30
	weight_workers_home: int = 15
	weight_contract: int = 15
	weight_five_sync: int = 10

	@classmethod
	def from_mapping(cls, values: dict) -> "PolicySettings":
		"""Build from a settings record; a blank value falls back to the seed's default."""
		kwargs = {}
		for field in fields(cls):
			value = values.get(field.name)
			if value not in (None, ""):
				kwargs[field.name] = type(field.default)(value)
		return cls(**kwargs)
