"""The demo town: one township, its villages, units of every category and their unions.

Deterministic: a fixed seed gives the same names, codes and numbers every run. Some records break
each flag rule on purpose (R01-R04, R06-R08, R11-R13, R15-R17, R21), so the compliance warnings
have something to show; the comments at each build step say which.
"""

import random
from collections import Counter

import frappe

from gongjian import compliance_findings
from gongjian.join import CONSENT_TEXT
from gongjian.members import allocate_card_numbers, bulk_insert_members
from gongjian.rules.identifiers import USCC_ALPHABET, id_check_char, uscc_check_char

SEED = 20220322
THIS_YEAR = 2026  # fixed, so the demo is the same every run
FALLBACK_UNION = "青山镇会员之家"
DEMOCRACY_FIELDS = (
	"equal_consultation_on",
	"workers_congress_on",
	"affairs_openness_on",
	"member_evaluation_on",
	"dues_rules_on",
)
RECURRING = ("equal_consultation_on", "workers_congress_on", "member_evaluation_on")
EMPLOYMENT_KINDS = (
	"Formal",
	"Formal",
	"Formal",
	"Migrant Worker",
	"Dispatched",
	"Temporary",
	"New Urban Employee",
)
TOWNSHIP = "青山镇"
TOWNSHIP_CODE = "330182101"
DIVISION = "330182"

VILLAGES = (
	"青山村",
	"石桥村",
	"柳溪村",
	"杨家埠村",
	"东湖社区",
	"南塘村",
	"白沙村",
	"桃源村",
	"凤鸣社区",
	"下洋村",
	"梅岭村",
	"新塘村",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = ("建国", "海燕", "志强", "秀英", "伟", "静", "军", "丽华", "国强", "晓明", "春梅", "德胜")

# category -> (USCC class prefixes, name parts, name suffixes)
CATEGORIES = {
	"Non-public Enterprise": (
		("91", "92"),
		("鑫达", "恒远", "宏发", "金帆", "华益", "利民", "永盛", "天成", "瑞丰", "创新"),
		(
			"机械制造有限公司",
			"纺织有限公司",
			"电子科技有限公司",
			"食品有限公司",
			"建材有限公司",
			"塑胶制品厂",
			"物流有限公司",
		),
	),
	"State-owned Enterprise": (
		("91",),
		("青山", "城投", "水务", "供电"),
		("国有资产经营有限公司", "水务有限公司", "供电服务公司"),
	),
	"Collective Enterprise": (("91", "N1"), ("村办", "联营", "合作"), ("农机站", "砖瓦厂", "农业专业合作社")),
	"Public Institution": (("12",), ("镇", "青山"), ("卫生院", "中心小学", "文化站", "农业技术服务中心")),
	"Government Agency": (("11",), ("镇",), ("人民政府办公室", "财政所", "司法所")),
	"Social Group": (("51",), ("青山镇", "镇"), ("个体劳动者协会", "商会", "老年人协会")),
	"Private Non-enterprise Unit": (
		("52",),
		("阳光", "启明", "康乐", "春晖"),
		("幼儿园", "养老服务中心", "职业培训学校", "社工服务中心"),
	),
	"Foundation": (("53",), ("青山",), ("教育基金会", "慈善基金会")),
	"Other New Social Organization": (
		("Y1", "91"),
		("众创", "邻里", "绿色"),
		("电商服务站", "志愿服务队", "家政服务部"),
	),
}
CATEGORY_WEIGHTS = {
	"Non-public Enterprise": 80,
	"State-owned Enterprise": 5,
	"Collective Enterprise": 8,
	"Public Institution": 10,
	"Government Agency": 5,
	"Social Group": 10,
	"Private Non-enterprise Unit": 20,
	"Foundation": 3,
	"Other New Social Organization": 9,
}


def make_uscc(rng: random.Random, prefix: str) -> str:
	org_code = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
	first17 = prefix + DIVISION + org_code
	return first17 + uscc_check_char(first17)


def person(rng: random.Random) -> str:
	return rng.choice(SURNAMES) + rng.choice(GIVEN)


def staff_counts(rng: random.Random, category: str) -> dict[str, int]:
	size = rng.choice((3, 6, 8, 12, 15, 18, 22, 24, 25, 26, 30, 45, 60, 80, 120, 210, 350))
	if category not in ("Non-public Enterprise", "Collective Enterprise", "Other New Social Organization"):
		size = min(size, 80)
	migrant = size * rng.choice((0, 10, 25, 40)) // 100
	dispatched = size * rng.choice((0, 0, 5, 10)) // 100
	temporary = size * rng.choice((0, 5, 10)) // 100
	return {
		"staff_total": size,  # migrant, dispatched and temporary are parts of it (R09)
		"staff_migrant": migrant,
		"staff_dispatched": dispatched,
		"staff_temporary": temporary,
	}


def workers_home_rating(rng: random.Random) -> dict:
	"""Four in five base unions rated 职工之家; most ratings renewed for this year, some lapsed."""
	if rng.random() >= 0.8:
		return {"workers_home": 0}
	year = THIS_YEAR - (rng.random() < 0.15)
	return {
		"workers_home": 1,
		"workers_home_year": year,
		"workers_home_criteria": "组织健全、制度完善、活动经常、会员满意",
	}


def resident_id(rng: random.Random, year_from: int = 1965, year_to: int = 2004) -> str:
	birth = f"{rng.randint(year_from, year_to)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
	first17 = f"{DIVISION}{birth}{rng.randint(0, 999):03d}"
	return first17 + id_check_char(first17)


def unit_name(place: str, part: str, suffix: str) -> str:
	"""A unit's name: the place, then a part of name that does not say the place again (青山文化站)."""
	return place + part.removeprefix(place) + suffix


def build_units(rng: random.Random) -> list[dict]:
	categories = [c for c, weight in CATEGORY_WEIGHTS.items() for _ in range(weight)]
	units, names = [], set()
	for i, category in enumerate(categories):
		prefixes, parts, suffixes = CATEGORIES[category]
		village = VILLAGES[i % len(VILLAGES)]
		place = village.removesuffix("村").removesuffix("社区")
		name = unit_name(place, rng.choice(parts), rng.choice(suffixes))
		for attempt in range(2, 50):
			if name not in names:
				break
			name = unit_name(place, rng.choice(parts), rng.choice(suffixes))
			if attempt > 20:
				name = (
					place
					+ rng.choice(parts)
					+ rng.choice(("第二", "第三", "城东", "城西"))
					+ rng.choice(suffixes)
				)
		names.add(name)
		staff = staff_counts(rng, category)
		total = staff["staff_total"]
		has_dates = i % 6 != 5  # every sixth unit lacks its democratic systems: R17
		since = f"{rng.randint(2012, 2022)}-0{rng.randint(1, 9)}-01"
		units.append(
			{
				"doctype": "Enterprise",
				"enterprise_name": name,
				"uscc": make_uscc(rng, rng.choice(prefixes)),
				"category": category,
				"above_scale": int(category == "Non-public Enterprise" and total >= 80),
				"town_level": int(category in ("Government Agency", "Public Institution")),
				"village": village,
				"founded_on": f"{rng.randint(1995, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
				"status": rng.choice(("Operating",) * 18 + ("Restructuring", "Bankrupt")),
				"party_member_count": total // 12 if i % 5 else 0,
				"management": [
					{
						"role": "Administrative Head",
						"person_name": person(rng),
						"id_number": resident_id(rng, 1960, 1985),
					},
					{
						"role": "HR Head",
						"person_name": person(rng),
						"id_number": resident_id(rng, 1970, 1995),
					},
				],
				**{field: since if has_dates else None for field in DEMOCRACY_FIELDS},
				# The recurring ones (R17) held again this year, but at every eleventh unit.
				**(
					{
						field: f"{THIS_YEAR - (i % 11 == 0) * 2}-03-{rng.randint(1, 28):02d}"
						for field in RECURRING
					}
					if has_dates
					else {}
				),
				**staff,
			}
		)
	# New units (R04): founded this year or last, past the grace period, without union or party org.
	for unit in units[-6:]:
		unit["founded_on"] = "2025-05-18"
	return units


def union_doc(rng, name, kind, method, village, members, chair_name=None, **extra):
	doc = {
		"doctype": "Trade Union",
		"union_name": name,
		"union_kind": kind,
		"formation_method": method,
		"village": village,
		"township": TOWNSHIP,
		"founded_on": f"{rng.randint(2008, 2024)}-{rng.randint(1, 12):02d}-01",
		"covered_units": [{"enterprise": m["enterprise_name"]} for m in members],
		**extra,
	}
	if chair_name:
		doc["officers"] = [
			{
				"position": "Chair",
				"person_name": chair_name,
				"id_number": resident_id(rng, 1970, 1995),
				"party_member": int(rng.random() < 0.7),
				"full_time": int(sum(m["staff_total"] for m in members) >= 200 and rng.random() < 0.6),
			}
		]
	return doc


def build_unions(rng: random.Random, units: list[dict], villages: list[dict]) -> list[dict]:
	unions = [
		{
			"doctype": "Trade Union",
			"union_name": TOWNSHIP + "总工会",
			"union_kind": "Township Federation",
			"township": TOWNSHIP,
		},
		{
			"doctype": "Trade Union",
			"union_name": FALLBACK_UNION,
			"union_kind": "Members' Home",
			"township": TOWNSHIP,
		},
	]
	small_by_village: dict[str, list[dict]] = {}
	for i, unit in enumerate(units):
		if unit["status"] == "Bankrupt" or unit["founded_on"] == "2025-05-18":
			continue
		if unit["staff_total"] >= 25:
			if i % 9 != 4:  # every ninth large unit has no union of its own: R01
				unions.append(
					union_doc(
						rng,
						unit["enterprise_name"] + "工会委员会",
						"Base Union Committee",
						"Standalone",
						unit["village"],
						[unit],
						chair_name=person(rng),
						**workers_home_rating(rng),
					)
				)
		elif i % 7 != 3:  # every seventh small unit is covered by nobody: R02
			small_by_village.setdefault(unit["village"], []).append(unit)
	for village, smalls in small_by_village.items():
		for j in range(0, len(smalls), 4):
			unions.append(
				union_doc(
					rng,
					f"{village}第{j // 4 + 1}联合基层工会",
					"Joint Base Union",
					rng.choice(("Joint", "Village-Enterprise Joint")),
					village,
					smalls[j : j + 4],
					chair_name=person(rng),
				)
			)
	for village in villages[:-1]:  # the last village has no village union yet: R08
		if village["migrant_outflow"]:
			unions.append(
				union_doc(
					rng,
					village["village_name"] + "工会委员会",
					"Village Union Committee",
					"Village-Enterprise Joint",
					village["village_name"],
					[],
					chair_name=village["party_secretary"],
				)
			)
		else:
			unions.append(
				union_doc(
					rng,
					village["village_name"] + "联合工会",
					"Village Joint Union",
					"Village-Enterprise Joint",
					village["village_name"],
					[],
				)
			)
	return unions


def build_villages(rng: random.Random) -> list[dict]:
	return [
		{
			"doctype": "Village",
			"village_name": village,
			"village_code": f"{TOWNSHIP_CODE}{k + 1:03d}",
			"township": TOWNSHIP,
			"party_branch": f"{village}党总支",
			"party_secretary": person(rng),
			"party_deputy_secretary": person(rng),
			"migrant_outflow": int(k % 3 != 0),
			"economically_weak": int(k % 4 == 0),
		}
		for k, village in enumerate(VILLAGES)
	]


def build_party_orgs(units: list[dict]) -> list[dict]:
	"""A general branch per village; a branch in most units of 30 or more staff (R06, R16 break where not)."""
	orgs = [
		{
			"doctype": "Party Organization",
			"org_name": f"{v}党总支",
			"org_kind": "General Party Branch",
			"village": v,
		}
		for v in VILLAGES
	]
	for i, unit in enumerate(units):
		if unit["staff_total"] >= 30 and i % 4 != 1:
			name = unit["enterprise_name"] + "党支部"
			orgs.append(
				{
					"doctype": "Party Organization",
					"org_name": name,
					"org_kind": "Party Branch",
					"village": unit["village"],
					"parent_organization": f"{unit['village']}党总支",
					"member_count": max(3, unit["party_member_count"]),
				}
			)
			unit["party_org"] = name
	return orgs


def build_members(rng: random.Random, units: list[dict], unions: list[dict]) -> list[dict]:
	union_of = {}
	for union in unions:
		for row in union.get("covered_units", []):
			union_of.setdefault(row["enterprise"], union["union_name"])
	r11_unit = next(
		u["enterprise_name"]
		for u in units
		if u["staff_total"] >= 25 and u["status"] == "Operating" and u["enterprise_name"] not in union_of
	)
	members, seen_ids = [], set()
	for i, unit in enumerate(units):
		union = union_of.get(unit["enterprise_name"])
		if unit["status"] == "Bankrupt" and i % 2 == 0:
			union = FALLBACK_UNION  # members of a bankrupt unit, not yet transferred: at risk (R10)
		if unit["enterprise_name"] == r11_unit:
			union, count = FALLBACK_UNION, 26  # enough members in the members' home for a union (R11)
		elif not union:
			continue
		else:
			count = round(unit["staff_total"] * rng.uniform(0.85, 1.0))  # near the 95 % target
		for _ in range(count):
			kind = rng.choice(EMPLOYMENT_KINDS)
			id_number = resident_id(rng)
			while id_number in seen_ids:
				id_number = resident_id(rng)
			seen_ids.add(id_number)
			members.append(
				{
					"member_name": person(rng),
					"id_number": id_number,
					"union": union,
					"employer": unit["enterprise_name"],
					"employment_kind": kind,
					"migrant": int(kind == "Migrant Worker"),
					"hometown": rng.choice(VILLAGES),
					"join_channel": rng.choice(
						("At Employer", "At Employer", "At Source", "At Destination", "Batch")
					),
					"joined_on": f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
					"party_member": int(rng.random() < 0.08),
					"high_education": int(rng.random() < 0.15),
					"high_skill": int(rng.random() < 0.1),
					"high_income": int(rng.random() < 0.05),
				}
			)
	fit_staff_kinds_to_members(units, members)
	return members


def fit_staff_kinds_to_members(units: list[dict], members: list[dict]) -> None:
	"""A unit's 其中 figures hold at least its members of each kind: 会员统计 counts members by kind, the
	survey counts staff, and members are among the staff (clerk review: 35 dispatched members, 14
	dispatched workers). R09 still holds: each part within the total, dispatched and temporary too."""
	kinds = Counter((member["employer"], member["employment_kind"]) for member in members)
	for unit in units:
		name, total = unit["enterprise_name"], unit["staff_total"]
		migrant, dispatched, temporary = (
			kinds[name, kind] for kind in ("Migrant Worker", "Dispatched", "Temporary")
		)
		unit["staff_migrant"] = min(total, max(unit["staff_migrant"], migrant))
		dispatched = min(total, max(unit["staff_dispatched"], dispatched))
		unit["staff_dispatched"] = dispatched
		unit["staff_temporary"] = min(total - dispatched, max(unit["staff_temporary"], temporary))


def build_organizers(rng: random.Random, units: list[dict]) -> list[dict]:
	eligible = [u for i, u in enumerate(units) if (u["above_scale"] or u["staff_total"] >= 30) and i % 8 != 2]
	sources = ("Government Cadre", "University Graduate", "Cadre Off Post", "Reserve Cadre")
	organizers = []
	for k in range(6):
		organizers.append(
			{
				"doctype": "Union Organizer",
				"organizer_name": person(rng),
				"source": sources[k % 4],
				"township": TOWNSHIP,
				"assignments": [
					{"enterprise": u["enterprise_name"], "assigned_on": "2024-03-01"} for u in eligible[k::6]
				],
				# the last organizer has no training this year: R15
				"trainings": []
				if k == 5
				else [{"training_date": f"{THIS_YEAR}-04-1{k}", "topic": "工会组建实务", "hours": 8}],
				"assessments": [{"year": THIS_YEAR - 1, "result": rng.choice(("Excellent", "Competent"))}],
			}
		)
	return organizers


def build_contracts(rng: random.Random, units: list[dict], unions: list[dict]) -> list[dict]:
	union_of = {row["enterprise"]: u["union_name"] for u in unions for row in u.get("covered_units", [])}
	return [
		{
			"doctype": "Collective Contract",
			"enterprise": unit["enterprise_name"],
			"union": union_of[unit["enterprise_name"]],
			"contract_kind": rng.choice(("Comprehensive", "Wage")),
			"signed_on": f"{THIS_YEAR - 1}-01-01",
			"expires_on": f"{THIS_YEAR + 2}-12-31",
		}
		for i, unit in enumerate(units)
		if unit["enterprise_name"] in union_of and i % 6 != 5
	]


def build_elections(rng: random.Random, unions: list[dict]) -> list[dict]:
	"""Each committee's latest election: most within their five-year term, every eighth past a
	three-year one (R14 换届); a third of the base unions had a party member recommended as chair
	candidate (R12)."""
	committees = [u for u in unions if u["union_kind"] in ELECTED_KINDS]
	base = [u["union_name"] for u in committees if u["union_kind"] == "Base Union Committee"]
	recommended = set(base[::3])
	elections = []
	for i, u in enumerate(committees):
		expired = i % 8 == 7
		candidates = []
		if u.get("officers"):
			chair = u["officers"][0]
			party = u["union_name"] in recommended
			candidates = [
				{
					"position": "Chair",
					"person_name": chair["person_name"],
					"id_number": chair["id_number"],
					"party_recommended": int(party),
					"party_member": 1 if party else chair.get("party_member", 0),
					"elected": 1,
				},
				{
					"position": "Vice Chair",
					"person_name": person(rng),
					"id_number": resident_id(rng),
					"elected": 1,
				},
			]
		elections.append(
			{
				"doctype": "Union Election",
				"union": u["union_name"],
				"election_date": f"{THIS_YEAR - 4 if expired else rng.randint(THIS_YEAR - 4, THIS_YEAR - 1)}-06-15",
				"term_years": "3" if expired else "5",
				"candidates": candidates,
			}
		)
	return elections


# The unions whose committee is elected for a term (Trade Union Law Art. 16).
ELECTED_KINDS = ("Base Union Committee", "Joint Base Union", "Village Union Committee", "Village Joint Union")


def build_sites_and_activities(rng: random.Random, units: list[dict], unions: list[dict]) -> list[dict]:
	town_level = [u for u in units if u["town_level"]]
	docs = [
		{
			"doctype": "Demonstration Site",
			"site_name": f"{TOWNSHIP}党建带工建示范点",
			"township": TOWNSHIP,
			"site_unit": units[0]["enterprise_name"],
			"village": units[0]["village"],
			"year": THIS_YEAR - 1,
		},
	]
	for unit in town_level[1:]:  # the first town-level unit has created none: R21
		docs.append(
			{
				"doctype": "Demonstration Site",
				"site_name": unit["enterprise_name"] + "示范点",
				"township": TOWNSHIP,
				"sponsor_unit": unit["enterprise_name"],
				"site_unit": unit["enterprise_name"],
				"village": unit["village"],
				"year": THIS_YEAR - 1,
			}
		)
	kinds = ("Labour Competition", "Technical Innovation", "Sending Warmth", "Assistance")
	titles = {
		"Labour Competition": "岗位技能比武",
		"Technical Innovation": "五小创新评选",
		"Sending Warmth": "春节送温暖",
		"Assistance": "困难职工帮扶",
	}
	for union in unions[2:40:3]:
		kind = rng.choice(kinds)
		docs.append(
			{
				"doctype": "Union Activity",
				"activity_title": titles[kind],
				"union": union["union_name"],
				"activity_kind": kind,
				"activity_date": f"{THIS_YEAR}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
				"participants": rng.randint(10, 120),
			}
		)
	return docs


def build_campaign() -> dict:
	"""集中入会行动 under way: from a month ago to the Spring Festival season, a target per village."""
	start, end = (
		frappe.utils.add_days(frappe.utils.today(), -30),
		frappe.utils.add_days(frappe.utils.today(), 90),
	)
	return {
		"doctype": "Enrollment Campaign",
		"campaign_name": f"{frappe.utils.getdate(end).year}年春节返乡入会行动",
		"township": TOWNSHIP,
		"start_date": start,
		"end_date": end,
		"targets": [{"village": village, "target": 10 + 5 * k} for k, village in enumerate(VILLAGES)],
	}


def build_applications(rng: random.Random, unions: list[dict]) -> list[dict]:
	"""Workers who applied through their union's join link and wait for the village's approval."""
	first_of_village = {}
	for union in unions:
		if union["union_kind"] == "Base Union Committee" and union["covered_units"]:
			first_of_village.setdefault(union.get("village"), union)
	base = [first_of_village[village] for village in VILLAGES if village in first_of_village][:3]
	return [
		{
			"doctype": "Membership Application",
			"applicant_name": person(rng),
			"id_number": resident_id(rng, 1985, 2004),
			"phone": f"139{rng.randint(10_000_000, 99_999_999)}",
			"employment_kind": "Migrant Worker",
			"hometown": "湖南省平江县",
			"union": union["union_name"],
			"employer": union["covered_units"][0]["enterprise"],
			"consent": 1,
			"consent_on": frappe.utils.now_datetime(),
			"consent_text": frappe._(CONSENT_TEXT),
		}
		for union in base
	]


def load_demo(verbose: bool = True, commit: bool = True) -> bool:
	"""Load the demo town unless it is there already. Returns whether anything was loaded."""
	if frappe.db.exists("Township", TOWNSHIP):
		return False
	rng = random.Random(SEED)
	villages = build_villages(rng)
	units = build_units(rng)
	unions = build_unions(rng, units, villages)
	party_orgs = build_party_orgs(units)
	members = build_members(rng, units, unions)
	docs = [
		{"doctype": "Township", "township_name": TOWNSHIP, "township_code": TOWNSHIP_CODE},
		*villages,
		*[o for o in party_orgs if o["org_kind"] == "General Party Branch"],
		*[o for o in party_orgs if o["org_kind"] != "General Party Branch"],
		*units,
		*unions,
		*build_organizers(rng, units),
		*build_contracts(rng, units, unions),
		*build_elections(rng, unions),
		*build_sites_and_activities(rng, units, unions),
		build_campaign(),
	]
	for doc in docs:
		frappe.get_doc(doc).insert()
	for application in build_applications(rng, unions):
		frappe.get_doc(application).insert(ignore_permissions=True)  # as the join page makes them
	village_of = {u["enterprise_name"]: u["village"] for u in units}
	cards = allocate_card_numbers(len(members))  # numbered as the town's later members are
	bulk_insert_members(
		[
			{**m, "village": village_of[m["employer"]], "card_number": card}
			for m, card in zip(members, cards, strict=True)
		]
	)
	compliance_findings.rebuild()  # the town's warnings, kept from the start
	if commit:
		frappe.db.commit()
	if verbose:
		print(
			f"demo town {TOWNSHIP}: {len(villages)} villages, {len(units)} units, {len(unions)} unions, "
			f"{len(members)} members, {len(docs)} records in all"
		)
	return True


# One account per role, to try the desk from each seat (and for the browser suite). Emails are on a
# reserved domain: nothing is ever sent there.
DEMO_ACCOUNTS = (
	("manager@qingshan.example", "镇总工会", "管理员", "Gongjian Manager"),
	("viewer@qingshan.example", "镇党委", "领导", "Gongjian Viewer"),
	("village@qingshan.example", "青山村", "文书", "Village User"),
	("enterprise@qingshan.example", "企业", "工会干事", "Enterprise User"),
	("organizer@qingshan.example", "工建", "指导员", "Union Organizer"),
)


def demo_account_scopes() -> dict[str, dict]:
	"""The scope each demo account is given: the first village; a unit of that village that has its
	own union; the first organizer with current assignments."""
	village = VILLAGES[0]
	unit = frappe.qb.DocType("Enterprise")
	covered = frappe.qb.DocType("Trade Union Unit")
	enterprise = (
		frappe.qb.from_(unit)
		.join(covered)
		.on(covered.enterprise == unit.name)
		.select(unit.name)
		.where((unit.village == village) & (unit.status == "Operating"))
		.orderby(unit.staff_total, order=frappe.qb.desc)
		.limit(1)
	).run(pluck=True)[0]
	organizer = frappe.get_all(
		"Union Organizer", filters={"township": TOWNSHIP}, pluck="name", order_by="creation"
	)[0]
	return {
		"Gongjian Manager": {},
		"Gongjian Viewer": {},
		"Village User": {"villages": [{"village": village}]},
		"Enterprise User": {"enterprises": [{"enterprise": enterprise}]},
		"Union Organizer": {"organizer": organizer},
	}


def ensure_demo_accounts(password: str) -> list[tuple[str, str, str]]:
	"""Create (or reset) the demo accounts, Chinese-speaking, each with its role and scope through a
	Gongjian User Scope as a manager would grant it. Returns (login, full name, role) rows."""
	from frappe.utils.password import update_password

	scopes = demo_account_scopes()
	rows = []
	for email, first_name, last_name, role in DEMO_ACCOUNTS:
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"last_name": last_name,
					"language": "zh",
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)  # server-chosen demo records
		update_password(email, password)
		scope_name = frappe.db.get_value("Gongjian User Scope", {"user": email})
		scope = (
			frappe.get_doc("Gongjian User Scope", scope_name)
			if scope_name
			else frappe.new_doc("Gongjian User Scope")
		)
		scope.update({"user": email, "role": role, "villages": [], "enterprises": [], "organizer": None})
		scope.update(scopes[role])
		scope.save(ignore_permissions=True)  # server-chosen demo records
		rows.append((email, f"{first_name}{last_name}", role))
	frappe.db.commit()
	return rows
