"""Which DocTypes are scoped by village or unit. Plain data, imported by hooks.py and permissions.py."""

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
}
SCOPED_DOCTYPES = frozenset({*SIMPLE_RULES, "Village", "Party Organization", "Union Organizer"})
# Child tables are reachable through frappe.client.get_list: they follow their parent.
CHILD_PARENTS = {
	"Trade Union Unit": "Trade Union",
	"Trade Union Officer": "Trade Union",
	"Enterprise Person": "Enterprise",
	"Enterprise Relative": "Enterprise",
	"Organizer Assignment": "Union Organizer",
	"Organizer Training": "Union Organizer",
	"Organizer Assessment": "Union Organizer",
	"Election Candidate": "Union Election",
	"Enrollment Row": "Enrollment Batch",
}
