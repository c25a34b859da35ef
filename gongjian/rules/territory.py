"""R05: territorial management. A village-level union covers only units of its own village; a
township-level union covers only units of its own township. R08's coverage half: every village has
a village-level union (村级工会委员会 or 村级联合工会)."""

from dataclasses import dataclass

from gongjian.rules.violations import Violation, flag

VILLAGE_LEVEL_KINDS = frozenset(
	{"Base Union Committee", "Joint Base Union", "Village Union Committee", "Village Joint Union"}
)
VILLAGE_UNION_KINDS = frozenset({"Village Union Committee", "Village Joint Union"})
# Joint unions the town runs for units of several of its villages: 镇级联合工会, 园区联合工会.
TOWNSHIP_JOINT_KINDS = frozenset({"Township Joint Union", "Park Joint Union"})


@dataclass(frozen=True)
class PartyOrgPlace:
	name: str
	village: str | None
	township: str | None


@dataclass(frozen=True)
class CoveredUnit:
	unit: str
	village: str
	township: str


def territory_mismatches(
	union_kind: str, village: str | None, township: str | None, units: list[CoveredUnit]
) -> list[tuple[str, dict]]:
	"""R05 (blocks): each covered unit outside the union's territory, as (English template, args)."""
	if union_kind in VILLAGE_LEVEL_KINDS:
		return [
			(
				"R05: unit {unit} is in {unit_area}, outside this union's village {area}",
				{"unit": u.unit, "unit_area": u.village, "area": village},
			)
			for u in units
			if u.village != village
		]
	return [
		(
			"R05: unit {unit} is in {unit_area}, outside this union's township {area}",
			{"unit": u.unit, "unit_area": u.township, "area": township},
		)
		for u in units
		if u.township != township
	]


def affiliation_mismatch(
	union_kind: str, village: str | None, township: str | None, party_org: PartyOrgPlace | None
) -> tuple[str, dict] | None:
	"""R05 (blocks): a union's affiliation follows its party organisation's (隶属关系同党组织一致): a
	village-level union belongs with a party organisation of its village, a township-level one with one
	of its township. As (English template, args), or None."""
	if not party_org:
		return None
	if union_kind in VILLAGE_LEVEL_KINDS:
		if party_org.village and party_org.village != village:
			return (
				"R05: the party organization {org} is in {org_area}, not in this union's village {area}",
				{"org": party_org.name, "org_area": party_org.village, "area": village},
			)
		return None
	if party_org.township and party_org.township != township:
		return (
			"R05: the party organization {org} is in {org_area}, not in this union's township {area}",
			{"org": party_org.name, "org_area": party_org.township, "area": township},
		)
	return None


def check_village_covered(village: str, village_union_count: int) -> Violation | None:
	if village_union_count > 0:
		return None
	return flag(
		"R08",
		village,
		"R08: village {unit} has no village union committee or village joint union",
		"Set up a village union committee led by the party general branch, or a village joint union",
	)
