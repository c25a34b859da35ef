"""Which DocTypes are scoped by village or unit. Plain data, imported by hooks.py and permissions.py."""

import json
from pathlib import Path

# DocType -> (village field or None, unit fields, union fields): a row is in a user's scope when its
# village is one of the user's villages, or a unit field names one of the user's units, or a union
# field names a union that covers one of the user's units.
SIMPLE_RULES: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {
	"Enterprise": ("village", ("name",), ()),
	"Trade Union": ("village", (), ("name",)),
	"Union Member": ("village", ("employer",), ()),
	"Membership Transfer": ("village", ("from_employer", "to_employer"), ()),
	"Collective Contract": ("village", ("enterprise",), ()),
	"Party Recommendation": ("village", ("employer",), ()),
	"Demonstration Site": ("village", ("site_unit", "sponsor_unit"), ()),
	"Union Activity": ("village", (), ("union",)),
	"Union Election": ("village", (), ("union",)),
	"Assessment": ("village", (), ()),
	"Enrollment Batch": ("village", (), ("union",)),
	"Membership Application": ("village", ("employer",), ("union",)),
	"Survey Task": ("village", (), ()),
}
SCOPED_DOCTYPES = frozenset(
	{*SIMPLE_RULES, "Village", "Party Organization", "Union Organizer", "Survey Round", "Enrollment Campaign"}
)


def _child_parents() -> dict[str, str]:
	"""Child DocType -> its scoped parent, read from the DocType files (each Table field), so that a new
	child table is scoped through its parent without being listed anywhere."""
	found = {}
	for path in sorted((Path(__file__).parent / "gongjian" / "doctype").glob("*/*.json")):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") != "DocType" or meta.get("name") not in SCOPED_DOCTYPES:
			continue
		for field in meta.get("fields", []):
			if field.get("fieldtype") in ("Table", "Table MultiSelect"):
				found[field["options"]] = meta["name"]
	return found


# Child tables are reachable through frappe.client.get_list: they follow their parent.
CHILD_PARENTS = _child_parents()


def _app_doctypes() -> frozenset[str]:
	"""The app's DocTypes that hold records of their own (not child tables, not singles)."""
	names = set()
	for path in (Path(__file__).parent / "gongjian" / "doctype").glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") == "DocType" and not meta.get("istable") and not meta.get("issingle"):
			names.add(meta["name"])
	return frozenset(names)


APP_DOCTYPES = _app_doctypes()


# 个人信息保护法 (gongjian/personal_data.py)
ID, PHONE = "id", "phone"  # how a number is masked
# Every DocType that keeps personal numbers, and how each number is masked.
SEALED_FIELDS: dict[str, dict[str, str]] = {
	"Union Member": {"id_number": ID, "phone": PHONE},
	"Membership Application": {"id_number": ID, "phone": PHONE},
	"Enrollment Row": {"id_number": ID, "phone": PHONE},
	"Trade Union Officer": {"id_number": ID},
	"Election Candidate": {"id_number": ID},
	"Enterprise Person": {"id_number": ID},
	"Enterprise Relative": {"id_number": ID, "relative_of_id": ID},
}
# The records that are saved with them, themselves or as rows (hooks.py doc_events): read from the
# DocType files like CHILD_PARENTS, so that a new table of sealed rows is sealed without being listed.
SEALING_DOCTYPES = tuple(sorted({CHILD_PARENTS.get(doctype, doctype) for doctype in SEALED_FIELDS}))

# The records the compliance rules read: saving one marks the records whose findings it can change
# (gongjian/compliance_findings.py).
MARKED_DOCTYPES = (
	"Enterprise",
	"Trade Union",
	"Collective Contract",
	"Union Election",
	"Union Organizer",
	"Demonstration Site",
	"Village",
	"Township",
)
