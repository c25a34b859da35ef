"""Every user-facing string of the app: DocType labels, options and descriptions, _()/__() calls,
and the rules' message templates. Used by the translation test."""

import ast
import csv
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "gongjian"
ZH_CSV = APP / "translations" / "zh.csv"
JS_CALL = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)+)\1""")
HAS_LATIN = re.compile(r"[A-Za-z]")
# Frappe's own vocabulary in report code: field types and indicator colours, never shown as text.
FRAPPE_TOKENS = frozenset(
	{"Data", "Int", "Link", "Percent", "Float", "Check", "Date", "Blue", "Green", "Orange", "Red", "Cyan"}
)


def zh_translations() -> dict[str, str]:
	with ZH_CSV.open(encoding="utf-8", newline="") as fh:
		return {row[0]: row[1] for row in csv.reader(fh) if row}


def doctype_strings() -> set[str]:
	found = set()
	for path in APP.glob("**/doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		found.add(meta["name"])
		if meta.get("description"):
			found.add(meta["description"])
		for field in meta.get("fields", []):
			for key in ("label", "description"):
				if field.get(key):
					found.add(field[key])
			if field.get("fieldtype") == "Select" and field.get("options"):
				found.update(option for option in field["options"].split("\n") if option)
	for path in APP.glob("**/report/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		found.add(meta["name"])
	return found


def python_strings() -> set[str]:
	"""Literal first arguments of _() calls, and string constants in gongjian/rules/ messages."""
	found = set()
	for path in APP.glob("**/*.py"):
		tree = ast.parse(path.read_text(encoding="utf-8"))
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				found.add(node.args[0].value)
			if "rules" in path.parts and isinstance(node, ast.keyword) and node.arg in ("message", "action"):
				if isinstance(node.value, ast.Constant):
					found.add(node.value.value)
	return found


def rule_strings() -> set[str]:
	"""Strings of gongjian/rules/ and of the reports that reach users: message templates, reasons,
	labels, and the names of things they list (systems, roles, statuses). Docstrings, annotations
	and lower-case keys are left out."""
	found = set()
	paths = [*(APP / "rules").glob("*.py"), *(APP / "gongjian" / "report").glob("*/*.py")]
	paths.append(APP / "gongjian" / "doctype" / "assessment" / "assessment.py")
	paths.append(APP / "enrollment.py")
	for path in paths:
		tree = ast.parse(path.read_text(encoding="utf-8"))
		docstrings = {
			id(node.body[0].value)
			for node in ast.walk(tree)
			if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
			and node.body
			and isinstance(node.body[0], ast.Expr)
			and isinstance(node.body[0].value, ast.Constant)
		}
		annotations = {
			id(sub)
			for node in ast.walk(tree)
			for annotation in (
				[getattr(node, "returns", None)]
				+ [a.annotation for a in getattr(node, "args", ast.arguments()).args]
				if isinstance(node, ast.FunctionDef)
				else [getattr(node, "annotation", None)]
			)
			if annotation is not None
			for sub in ast.walk(annotation)
		}
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Constant)
				and isinstance(node.value, str)
				and id(node) not in docstrings | annotations
			):
				text = node.value
				user_facing = text[:1].isupper() or text[:1] == "{" or ("rules" in path.parts and " " in text)
				if (
					HAS_LATIN.search(text)
					and user_facing
					and not text.isupper()
					and text not in FRAPPE_TOKENS
				):
					found.add(text)
	return found


def workspace_strings() -> set[str]:
	found = set()
	for folder in ("workspace", "number_card", "dashboard_chart"):
		for path in (APP / "gongjian" / folder).glob("*/*.json"):
			meta = json.loads(path.read_text(encoding="utf-8"))
			found.update(meta[key] for key in ("label", "title") if meta.get(key))
			for table in ("shortcuts", "charts", "number_cards"):
				found.update(row["label"] for row in meta.get(table, []) if row.get("label"))
	return found


def role_names() -> set[str]:
	tree = ast.parse((APP / "install.py").read_text(encoding="utf-8"))
	for node in ast.walk(tree):
		if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ROLES":
			return {element.value for element in node.value.elts}
	return set()


def js_strings() -> set[str]:
	found = set()
	for path in APP.glob("**/*.js"):
		found.update(match.group(2) for match in JS_CALL.finditer(path.read_text(encoding="utf-8")))
	return found


JINJA_CALL = re.compile(r"""_\(\s*(["'])((?:(?!\1).)+)\1\s*\)""")


def template_strings() -> set[str]:
	"""_("…") in the guest pages and includes, and in the print formats' Jinja."""
	texts = [path.read_text(encoding="utf-8") for path in APP.glob("**/*.html")]
	texts += [
		json.loads(path.read_text(encoding="utf-8")).get("html") or ""
		for path in (APP / "gongjian" / "print_format").glob("*/*.json")
	]
	return {match.group(2) for text in texts for match in JINJA_CALL.finditer(text)}


def all_strings() -> set[str]:
	strings = (
		template_strings()
		| doctype_strings()
		| python_strings()
		| rule_strings()
		| js_strings()
		| role_names()
		| workspace_strings()
	)
	return {s for s in strings if HAS_LATIN.search(s)}
