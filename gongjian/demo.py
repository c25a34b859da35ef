"""The demo town: one township, its villages, units of every category and their unions.

Deterministic: a fixed seed gives the same names, codes and numbers every run. Some units break
R01 (25+ staff, no own base union) and R02 (under 25, not covered) on purpose.
"""

import random

import frappe

from gongjian.rules.identifiers import USCC_ALPHABET, uscc_check_char

SEED = 20220322
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
		"staff_formal": size - migrant - dispatched - temporary,
		"staff_migrant": migrant,
		"staff_dispatched": dispatched,
		"staff_temporary": temporary,
	}


def build_units(rng: random.Random) -> list[dict]:
	categories = [c for c, weight in CATEGORY_WEIGHTS.items() for _ in range(weight)]
	units, names = [], set()
	for i, category in enumerate(categories):
		prefixes, parts, suffixes = CATEGORIES[category]
		village = VILLAGES[i % len(VILLAGES)]
		name = village.removesuffix("村").removesuffix("社区") + rng.choice(parts) + rng.choice(suffixes)
		while name in names:
			name = (
				village.removesuffix("村").removesuffix("社区")
				+ rng.choice(parts)
				+ str(len(names))
				+ rng.choice(suffixes)
			)
		names.add(name)
		staff = staff_counts(rng, category)
		units.append(
			{
				"doctype": "Enterprise",
				"enterprise_name": name,
				"uscc": make_uscc(rng, rng.choice(prefixes)),
				"category": category,
				"above_scale": int(category == "Non-public Enterprise" and sum(staff.values()) >= 80),
				"village": village,
				"founded_on": f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
				"status": rng.choice(("Operating",) * 18 + ("Restructuring", "Bankrupt")),
				**staff,
			}
		)
	return units


def build_unions(rng: random.Random, units: list[dict]) -> list[dict]:
	unions = []

	def union(name, kind, method, village, members):
		unions.append(
			{
				"doctype": "Trade Union",
				"union_name": name,
				"union_kind": kind,
				"formation_method": method,
				"village": village,
				"township": TOWNSHIP,
				"founded_on": f"{rng.randint(2008, 2024)}-{rng.randint(1, 12):02d}-01",
				"covered_units": [{"enterprise": m["enterprise_name"]} for m in members],
			}
		)

	unions.append(
		{
			"doctype": "Trade Union",
			"union_name": TOWNSHIP + "总工会",
			"union_kind": "Township Federation",
			"township": TOWNSHIP,
		}
	)
	unions.append(
		{
			"doctype": "Trade Union",
			"union_name": TOWNSHIP + "会员之家",
			"union_kind": "Members' Home",
			"township": TOWNSHIP,
		}
	)
	small_by_village: dict[str, list[dict]] = {}
	for i, unit in enumerate(units):
		if unit["status"] == "Bankrupt":
			continue
		staff = sum(unit[f] for f in ("staff_formal", "staff_migrant", "staff_dispatched", "staff_temporary"))
		if staff >= 25:
			if i % 9 != 4:  # every ninth large unit has no union of its own: R01
				union(
					unit["enterprise_name"] + "工会委员会",
					"Base Union Committee",
					"Standalone",
					unit["village"],
					[unit],
				)
		elif i % 7 != 3:  # every seventh small unit is covered by nobody: R02
			small_by_village.setdefault(unit["village"], []).append(unit)
	for village, smalls in small_by_village.items():
		for j in range(0, len(smalls), 4):
			name = f"{village}第{j // 4 + 1}联合基层工会"
			union(
				name,
				"Joint Base Union",
				rng.choice(("Joint", "Village-Enterprise Joint")),
				village,
				smalls[j : j + 4],
			)
	for k, village in enumerate(VILLAGES):
		kind = "Village Union Committee" if k % 3 else "Village Joint Union"
		union(
			village + ("工会委员会" if k % 3 else "联合工会"), kind, "Village-Enterprise Joint", village, []
		)
	return unions


def load_demo(verbose: bool = True) -> bool:
	"""Load the demo town unless it is there already. Returns whether anything was loaded."""
	if frappe.db.exists("Township", TOWNSHIP):
		return False
	rng = random.Random(SEED)
	frappe.get_doc(
		{"doctype": "Township", "township_name": TOWNSHIP, "township_code": TOWNSHIP_CODE}
	).insert()
	for k, village in enumerate(VILLAGES):
		frappe.get_doc(
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
		).insert()
	units = build_units(rng)
	for unit in units:
		frappe.get_doc(unit).insert()
	unions = build_unions(rng, units)
	for union in unions:
		frappe.get_doc(union).insert()
	frappe.db.commit()
	if verbose:
		print(f"demo town {TOWNSHIP}: {len(VILLAGES)} villages, {len(units)} units, {len(unions)} unions")
	return True
