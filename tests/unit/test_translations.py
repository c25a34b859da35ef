import csv
import importlib.util
import re
from pathlib import Path

from tests.translatable import ZH_CSV, all_strings, zh_translations


def test_every_user_facing_string_has_a_chinese_translation():
	translations = zh_translations()
	missing = sorted(s for s in all_strings() if s not in translations)
	assert not missing, "missing in gongjian/translations/zh.csv:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
	import re

	placeholder = re.compile(r"\{[a-z_0-9]*\}")
	for source, target in zh_translations().items():
		assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(target)), source


def test_translations_are_chinese():
	for source, target in zh_translations().items():
		assert target and target != source, source


# ---- Frappe's own strings, as the app's zh.csv corrects and completes them (issue 9, items 6, 19) ----

FRAPPE_ZH = Path(importlib.util.find_spec("frappe").origin).parent / "translations" / "zh.csv"
FRAPPE_JS = FRAPPE_ZH.parent.parent / "public" / "js" / "frappe"
# Frappe 15.7x and later keep most of their Chinese in gettext's zh.po, which wins over zh.csv.
FRAPPE_PO = FRAPPE_ZH.parent.parent / "locale" / "zh.po"
# Frappe 15.44's Chinese that misleads a clerk: it must not come back (source: the wrong Chinese).
KNOWN_BAD = {
	"Home": "家",
	"Clear": "明确",
	"Share": "占比",
	"{0} m": "{0}米",
	"{0} d": "{0} d",
	"Draft": "草案",
	"Owner": "业主",
	"Remove": "拆除",
	"Reset": "重启",
	"Group By": "通过...分组",
	"Pick Columns": "摘列",
	"Collapse": "坍方",
	"Linked With": "挂具",
	"Jump to field": "跳到现场",
	"Not In": "在不",
	"Parent": "父母",
	"Public": "公",
	"Role": "职务",
}
# App lines that give a Frappe word another Chinese everywhere, reviewed: the gongjian meaning is also
# right where Frappe shows the word to a clerk. A domain meaning that is wrong elsewhere goes on a line
# with its DocType as context (`Role,职务,Enterprise Person`) or gets its own source string.
REVIEWED_OVERRIDES = frozenset(
	{
		*KNOWN_BAD,
		"Active", "Amended From", "Annual", "Confirmed", "Description", "Full Name", "Invalid", "Male", "No",
		"Not Set", "Pending", "Period", "Position", "Rejected", "Revoked", "Row", "Row Status", "Total",
		"Year", "Search for anything", "Logout", "Reload",
		"Filters applied for {0}", "Adding System Manager to this User as there must be atleast one System Manager",
		"{0} d", "{0} w", "{0} M", "{0} y", "New", "Cancelled", "like", "Like", "Liked", "Liked By", "Expand",
		"Collapse All", "In", "Equals", "Not Like", "Descendants Of", "Ancestors Of", "Assigned By", "Previous",
		"Follow", "Attach", "home", "Public", "Private", "renamed from {0} to {1}",
		"Bar", "Orange", "Missing Fields", "Mandatory fields required in {0}",  # 酒吧, 橙子, 丢失的字段
		"Sr",  # 锶 (strontium), in the No. column of exports and prints
		"No permission for {0}",  # 对于无许可{0}: garbled
		"{0} {1} not found",  # "{0} {1}未找到" in 15.44, "未找到{0}{1}" in 15.101: one wording, the name apart
		"Use of sub-query or function is restricted",  # 功能 (a feature) for a SQL function
	}
)  # fmt: skip
# The desk pages a clerk opens every day: lists, forms, filters, report view, sidebar, timeline,
# comments, search bar, notifications, workspace.
DESK_JS = (
	"list", "form", "ui/filters", "ui/group_by", "ui/toolbar", "ui/notifications", "views/reports",
	"views/workspace", "ui/sort_selector.js", "ui/page.js", "ui/dialog.js", "ui/messages.js",
	"ui/tags.js", "ui/tag_editor.js", "ui/like.js", "ui/field_group.js", "utils/pretty_date.js",
	"views/communication.js", "views/breadcrumbs.js", "views/formview.js", "widgets", "model",
)  # fmt: skip
NOT_TRANSLATED = frozenset({"Frappe Insights", "Frappe Light"})  # product names
LATIN = re.compile("[A-Za-z]")


def read_zh(path: Path) -> dict[str, str]:
	"""Translations without context (those with a context apply to one DocType only)."""
	with path.open(encoding="utf-8", newline="") as fh:
		return {row[0]: row[1] for row in csv.reader(fh) if len(row) == 2 or (len(row) == 3 and not row[2])}


def read_po(path: Path) -> dict[str, str]:
	if not path.exists():
		return {}
	from babel.messages.pofile import read_po as parse_po

	with path.open("rb") as fh:
		catalog = parse_po(fh)
	return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.context}


def frappe_translations() -> dict[str, str]:
	"""Frappe's own Chinese as the desk gets it: zh.csv, then zh.po where the version has one."""
	return {**read_zh(FRAPPE_ZH), **read_po(FRAPPE_PO)}


def desk_translations() -> dict[str, str]:
	return {**frappe_translations(), **read_zh(ZH_CSV)}  # an app's translations override Frappe's


def test_known_bad_frappe_chinese_does_not_come_back():
	merged = desk_translations()
	wrong = {source: bad for source, bad in KNOWN_BAD.items() if merged.get(source, bad) == bad}
	assert not wrong, wrong
	assert merged["Share"] in ("分享", "共享") and merged["Home"] == "首页" and merged["{0} m"] == "{0}分钟"


def test_app_gives_frappe_words_another_chinese_only_on_purpose():
	# Against zh.csv, which every version has: 15.7x's zh.po words many of the same strings differently,
	# and the app's reviewed Chinese wins over both.
	frappe_zh, app_zh = read_zh(FRAPPE_ZH), read_zh(ZH_CSV)
	overrides = {s for s, zh in app_zh.items() if s in frappe_zh and frappe_zh[s] != zh}
	assert not overrides - REVIEWED_OVERRIDES, sorted(overrides - REVIEWED_OVERRIDES)


def test_frappe_desk_strings_a_clerk_meets_are_chinese():
	from frappe.translate import extract_messages_from_javascript_code

	merged = desk_translations()
	missing = set()
	for part in DESK_JS:
		root = FRAPPE_JS / part
		for path in [root] if root.is_file() else sorted(root.rglob("*")):
			if path.suffix not in (".js", ".html"):
				continue
			for _line, message, context in extract_messages_from_javascript_code(path.read_text("utf-8")):
				if not context and "${" not in message and LATIN.search(message) and message not in merged:
					missing.add(message)
	missing -= NOT_TRANSLATED
	assert not missing, f"{len(missing)} Frappe desk strings without Chinese:\n" + "\n".join(sorted(missing))
