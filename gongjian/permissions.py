"""Row-level access: who may see and change which records (DESIGN.md §6).

A user's scope is a set of villages and a set of units (enterprises):
- Gongjian Manager, Gongjian Viewer, System Manager and Administrator see everything (what they may
  do with it is the DocType permissions' business: the viewer only reads);
- Village User: the villages of their User Permissions on Village;
- Enterprise User: the units of their User Permissions on Enterprise;
- Union Organizer: the units of their current assignments (Union Organizer.user = them).

Each scoped DocType has one rule, below, which gives both the SQL condition for lists, counts,
searches, reports and exports (permission_query_conditions) and the answer for one document
(has_permission), so the two can never disagree. An empty link matches nothing: a record with no
village or unit is visible only to those who see everything.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import Criterion, DocType
from frappe.utils import getdate, today
from pypika.terms import ValueWrapper

from gongjian.scoped_doctypes import CHILD_PARENTS, SCOPED_DOCTYPES, SIMPLE_RULES

EVERYTHING_ROLES = frozenset({"System Manager", "Gongjian Manager", "Gongjian Viewer"})
SCOPE_DOCTYPES = ("Village", "Enterprise")
# Unions that may span villages: kept by the town, whatever units they cover.
TOWNSHIP_UNION_KINDS = frozenset(
	{"Industry Union", "Township Federation", "Members' Home", "Township Joint Union", "Park Joint Union"}
)


@dataclass(frozen=True)
class Scope:
	everything: bool = False
	villages: frozenset[str] = frozenset()
	enterprises: frozenset[str] = frozenset()


def get_scope(user: str | None = None) -> Scope:
	user = user or frappe.session.user
	# Per request: frappe.local is new for each request and job.
	cache = getattr(frappe.local, "gongjian_scopes", None)
	if cache is None:
		cache = frappe.local.gongjian_scopes = {}
	if user not in cache:
		cache[user] = compute_scope(user)
	return cache[user]


def unrestricted(user: str | None = None) -> bool:
	"""A town account without User Permissions reads every record: reviews then need no list of names."""
	user = user or frappe.session.user
	return get_scope(user).everything and not frappe.db.exists("User Permission", {"user": user})


def clear_scope_cache():
	frappe.local.gongjian_scopes = {}


def compute_scope(user: str) -> Scope:
	if user == "Administrator":
		return Scope(everything=True)
	roles = set(frappe.get_roles(user))
	if roles & EVERYTHING_ROLES:
		return Scope(everything=True)
	villages, enterprises = set(), set()
	if "Village User" in roles:
		villages |= permitted_values(user, "Village")
	if "Enterprise User" in roles:
		enterprises |= permitted_values(user, "Enterprise")
	if "Union Organizer" in roles:
		enterprises |= assigned_units(user)
	return Scope(villages=frozenset(villages), enterprises=frozenset(enterprises))


def permitted_values(user: str, allow: str) -> set[str]:
	permission = DocType("User Permission")
	return set(
		frappe.qb.from_(permission)
		.select(permission.for_value)
		.where((permission.user == user) & (permission.allow == allow))
		.run(pluck=True)
	)


def assigned_units(user: str) -> set[str]:
	organizer, assignment = DocType("Union Organizer"), DocType("Organizer Assignment")
	on = getdate(today())
	rows = (
		frappe.qb.from_(assignment)
		.join(organizer)
		.on(assignment.parent == organizer.name)
		.select(assignment.enterprise)
		.where(assignment.parenttype == "Union Organizer")
		.where(organizer.user == user)
		.where(assignment.assigned_on.isnull() | (assignment.assigned_on <= on))
		.where(assignment.ended_on.isnull() | (assignment.ended_on >= on))
	).run(pluck=True)
	return set(rows)


# ---- the rule of each scoped DocType, as a pypika criterion over its table ----


def _in(field, values) -> Criterion:
	# An empty scope matches nothing (and pypika cannot render an empty IN list).
	return field.isin(sorted(values)) if values else ValueWrapper(1) == 0


def unions_covering(enterprises):
	unit = DocType("Trade Union Unit")
	return (
		frappe.qb.from_(unit)
		.select(unit.parent)
		.where((unit.parenttype == "Trade Union") & _in(unit.enterprise, enterprises))
	)


def units_in(villages):
	enterprise = DocType("Enterprise")
	return frappe.qb.from_(enterprise).select(enterprise.name).where(_in(enterprise.village, villages))


def villages_of(enterprises):
	enterprise = DocType("Enterprise")
	return frappe.qb.from_(enterprise).select(enterprise.village).where(_in(enterprise.name, enterprises))


def party_orgs_of(enterprises):
	enterprise = DocType("Enterprise")
	return frappe.qb.from_(enterprise).select(enterprise.party_org).where(_in(enterprise.name, enterprises))


def organizers_reaching(villages, enterprises):
	assignment = DocType("Organizer Assignment")
	return (
		frappe.qb.from_(assignment)
		.select(assignment.parent)
		.where(assignment.parenttype == "Union Organizer")
		.where(_in(assignment.village, villages) | _in(assignment.enterprise, enterprises))
	)


def rule(doctype: str, scope: Scope, user: str) -> Criterion:
	"""The rows of `doctype` that `scope` reaches, as a condition on the DocType's table."""
	t = DocType(doctype)
	v, e = scope.villages, scope.enterprises
	if doctype in CHILD_PARENTS:
		parent = CHILD_PARENTS[doctype]
		table = DocType(parent)
		of_parent = t.parent.isin(frappe.qb.from_(table).select(table.name).where(rule(parent, scope, user)))
		if doctype == "Organizer Assignment":
			# An organizer's other assignments are not the village's business (as on the form).
			own = frappe.qb.from_(table).select(table.name).where(table.user == user)
			return of_parent & (
				_in(t.enterprise, e) | _in(t.village, v) | t.enterprise.isin(units_in(v)) | t.parent.isin(own)
			)
		return of_parent
	if doctype == "Village":
		return _in(t.name, v) | t.name.isin(villages_of(e))
	if doctype == "Party Organization":
		return _in(t.village, v) | t.name.isin(party_orgs_of(e))
	if doctype == "Union Organizer":
		return (t.user == user) | t.name.isin(organizers_reaching(v, e))
	if doctype in ("Survey Round", "Enrollment Campaign"):  # the town's, read in the user's townships
		return _in(t.township, townships_in_scope(user))
	village_field, unit_fields, union_fields = SIMPLE_RULES[doctype]
	grants = [_in(t[village_field], v)] if village_field else []
	grants += [_in(t[field], e) for field in unit_fields]
	grants += [t[field].isin(unions_covering(e)) for field in union_fields]
	if doctype == "Membership Transfer":  # the receiving village answers a submitted one (accept or return)
		grants.append(_in(t.to_village, v) & (t.docstatus == 1))
	if doctype == "Collective Contract":  # a regional or industry contract, by the units it covers
		row = DocType("Collective Contract Unit")
		grants.append(
			t.name.isin(
				frappe.qb.from_(row)
				.select(row.parent)
				.where(
					(row.parenttype == "Collective Contract")
					& (_in(row.enterprise, e) | row.enterprise.isin(units_in(v)))
				)
			)
		)
	return Criterion.any(grants)


def townships_in_scope(user: str) -> set[str]:
	"""The townships of a scoped user's villages and units."""
	scope = get_scope(user)
	village = DocType("Village")
	villages = set(scope.villages) | set(villages_of(scope.enterprises).run(pluck=True))
	if not villages:
		return set()
	return set(
		frappe.qb.from_(village).select(village.township).where(_in(village.name, villages)).run(pluck=True)
	)


# Unions a member may be transferred to: any active union of the township that is not the town's own.
NOT_TRANSFER_DESTINATIONS = ("Members' Home", "Township Federation")


def is_transfer_destination(union: str, user: str) -> bool:
	"""Whether a scoped user may name `union` as the receiving union of a transfer: an active union of
	their township. The receiving union then accepts or returns the member: naming it changes nothing
	there by itself."""
	row = frappe.db.get_value("Trade Union", union, ["status", "township", "union_kind"], as_dict=True)
	return bool(
		row
		and row.status == "Active"
		and row.union_kind not in NOT_TRANSFER_DESTINATIONS
		and row.township in townships_in_scope(user)
	)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook: the scope rule as SQL ('' when the user sees everything)."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope.everything:
		return ""
	# Qualified with the table name: Report View joins child tables, which have a `name` column too.
	return rule(doctype, scope, user).get_sql(quote_char="`", with_namespace=True)


def in_scope(doctype: str, name: str, user: str) -> bool:
	"""Whether the stored record `name` is in the user's scope: the list rule, run for one row."""
	t = DocType(doctype)
	found = (
		frappe.qb.from_(t).select(t.name).where(t.name == name).where(rule(doctype, get_scope(user), user))
	).run()
	return bool(found)


def values_in_scope(doc, user: str) -> bool:
	"""Whether the record as it would be saved lies in the user's scope (for creates and updates)."""
	doctype = doc.doctype
	scope = get_scope(user)
	if doctype in CHILD_PARENTS:
		return True  # children are saved through their parent, which is checked
	if doctype == "Village":
		return doc.name in scope.villages
	if doctype == "Party Organization":
		return doc.village in scope.villages
	if doctype in ("Union Organizer", "Survey Round", "Enrollment Campaign"):
		return False  # only managers create or change organizers, survey rounds and campaigns
	village_field, unit_fields, union_fields = SIMPLE_RULES[doctype]
	# Records about a member (transfers, recommendations) follow the member; their village and
	# units are filled from it only during validation, after this check. Another scope's member is
	# never theirs to name: its values would be fetched into the record.
	if doc.get("member"):
		return in_scope("Union Member", doc.member, user)
	if doctype == "Trade Union" and (
		str(doc.get("union_kind")) in TOWNSHIP_UNION_KINDS or not covers_only_units_in_scope(doc, scope)
	):
		return False
	# A regional or industry contract is read by each unit it covers, kept by whoever keeps them all.
	if doctype == "Collective Contract" and not covers_only_units_in_scope(doc, scope):
		return False
	if village_field and doc.get(village_field) in scope.villages:
		return True
	units = {doc.get(field) for field in unit_fields if doc.get(field)}
	if doctype in ("Trade Union", "Collective Contract"):
		units |= {row.enterprise for row in doc.get("covered_units") or []}
	if units & scope.enterprises:
		return True
	if units and scope.villages and set(villages_of(units).run(pluck=True)) & scope.villages:
		return True
	unions = [doc.get(field) for field in union_fields if doc.get(field)]
	if not unions:
		return False
	union = DocType("Trade Union")
	if (
		scope.villages
		and frappe.qb.from_(union)
		.select(union.name)
		.where(union.name.isin(unions) & _in(union.village, scope.villages))
		.run()
	):
		return True
	return bool(scope.enterprises) and bool(
		frappe.qb.from_(union)
		.select(union.name)
		.where(union.name.isin(unions) & union.name.isin(unions_covering(scope.enterprises)))
		.run()
	)


def covers_only_units_in_scope(record, scope: Scope) -> bool:
	"""A union or contract covering a unit changes that unit's figures (R02, the formation and contract
	rates): every unit it covers must be the user's own unit or lie in one of the user's villages."""
	units = {row.enterprise for row in record.get("covered_units") or [] if row.enterprise}
	outside = units - scope.enterprises
	if not outside:
		return True
	village_of = dict(
		frappe.get_all(
			"Enterprise", filters={"name": ["in", sorted(outside)]}, fields=["name", "village"], as_list=True
		)
	)
	return all(village_of.get(unit) in scope.villages for unit in outside)


def scope_not_checked(doc, user: str) -> bool:
	"""A town account, a save the server made without permissions, or a submitted transfer moving a
	member out of the user's scope (that is what it is for, and the transfer was checked in scope)."""
	return bool(
		get_scope(user).everything or doc.flags.ignore_permissions or doc.flags.via_membership_transfer
	)


def check_links_in_scope(doc, method=None):
	"""before_validate hook: a link the client set to another village's record is refused as a link to
	no record, before the controller's rules can answer otherwise about the record linked."""
	user = frappe.session.user
	if scope_not_checked(doc, user):
		return
	if outside := links_outside_scope(doc, user):
		throw_as_missing_link(*outside)


def check_saved_scope(doc, method=None):
	"""validate hook: the record as it will be saved (after the controller filled its village and
	other derived links) must still lie in the user's scope."""
	user = frappe.session.user
	if scope_not_checked(doc, user):
		return
	if not values_in_scope(doc, user):
		frappe.throw(
			_("You may only keep records of your own village or unit here"),
			frappe.PermissionError,
			title=_("Outside Your Scope"),
		)
	check_links_in_scope(doc)  # again: the controller may have filled links meanwhile


def throw_as_missing_link(row, fieldname: str, value: str):
	"""Refuse a link to a record the user may not read as Frappe refuses a link to no record
	(Document._validate_links, 417): the same words, so that the answer does not tell another village's
	record from a made-up name."""
	df = row.meta.get_field(fieldname)
	label = _(df.label, context=df.parent)
	link = f"{_('Row')} #{row.idx}: {label}: {value}" if row.get("parentfield") else f"{label}: {value}"
	frappe.throw(_("Could not find {0}").format(link), frappe.LinkValidationError)


def links_outside_scope(doc, user: str) -> tuple[object, str, str] | None:
	"""The first new or changed link, in the record or its rows, to another village's record, as (row,
	fieldname, value). A link
	changes that record's figures (a member in a union, a unit moved to a village, a party
	organisation's units) or fetches its values: a scoped user links only to records in their scope
	and to the township's own (a union or organisation of no village, the Members' Home among them).
	One query per linked DocType, however many rows link to it."""
	# A transfer's links are all checked each time: which of them may name another village depends on
	# its other fields (destination, receiving union), which may change after a link was saved.
	before = None if doc.doctype == "Membership Transfer" else doc.get_doc_before_save()
	rows = [(doc, before)]
	for table in doc.meta.get_table_fields():
		stored = {row.name: row for row in (before.get(table.fieldname) if before else None) or []}
		rows += [(row, stored.get(row.name)) for row in doc.get(table.fieldname) or []]
	receiving = receiving_links(doc, user)
	links = []  # (row, fieldname, target DocType, value) of each new or changed link
	for row, stored in rows:
		for df in row.meta.get_link_fields():
			target, value = df.options, row.get(df.fieldname)
			if target not in SCOPED_DOCTYPES or target == "Union Organizer" or not value:
				continue
			if row is doc and df.fieldname in receiving:
				continue
			if stored is None or stored.get(df.fieldname) != value:
				links.append((row, df.fieldname, target, value))
	outside = {}
	for target in {link[2] for link in links}:
		outside[target] = of_other_villages(target, {link[3] for link in links if link[2] == target}, user)
	return next(
		((row, fieldname, value) for row, fieldname, target, value in links if value in outside[target]),
		None,
	)


def is_receiving_unit(unit: str, union: str | None) -> bool:
	"""Whether `unit` is covered by `union`: the new employer a transfer names beside its receiving
	union."""
	if not union:
		return False
	row = DocType("Trade Union Unit")
	return bool(
		frappe.qb.from_(row)
		.select(row.name)
		.where((row.parent == union) & (row.parenttype == "Trade Union") & (row.enterprise == unit))
		.run()
	)


def receiving_links(doc, user: str) -> frozenset[str]:
	"""The links of a transfer that name the receiving side, which may lie in another village of the
	township: that side accepts or returns the member (two-sided transfers)."""
	if doc.doctype != "Membership Transfer" or doc.destination != "Transfer to Union":
		return frozenset()
	if not doc.to_union or not is_transfer_destination(doc.to_union, user):
		return frozenset()
	receiving_unit_ok = not doc.to_employer or is_receiving_unit(doc.to_employer, doc.to_union)
	return frozenset({"to_union", "to_village", *(("to_employer",) if receiving_unit_ok else ())})


def of_other_villages(doctype: str, names: set[str], user: str) -> set[str]:
	"""Those of `names` that exist, lie outside the user's scope and belong to a village (a record of
	no village is the township's; a name of nothing is the value check's to report)."""
	t = DocType(doctype)
	village_field = "name" if doctype == "Village" else SIMPLE_RULES.get(doctype, ("village",))[0]
	in_scope_names = (
		frappe.qb.from_(t)
		.select(t.name)
		.where(t.name.isin(sorted(names)))
		.where(rule(doctype, get_scope(user), user))
	)
	return set(
		frappe.qb.from_(t)
		.select(t.name)
		.where(t.name.isin(sorted(names)))
		.where(t.name.notin(in_scope_names))
		.where(t[village_field].notnull() & (t[village_field] != ""))
		.run(pluck=True)
	)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""has_permission hook for every scoped DocType. It can only narrow what the role allows.

	A stored record must be in scope as stored (so nobody takes over another village's record by
	writing their own village into it); a record being created or changed must be in scope as it
	would be saved."""
	user = user or frappe.session.user
	if get_scope(user).everything:
		return True
	stored = not doc.is_new() and frappe.db.exists(doc.doctype, doc.name)
	if stored and not in_scope(doc.doctype, doc.name, user):
		return False
	if ptype in ("read", "select", "print", "email", "report", "export", "share") and stored:
		return True
	return values_in_scope(doc, user)


def record_readable(doctype, name, ptype: str = "read") -> bool:
	"""Whether the current user may `ptype` the record: False alike for one that does not exist, so that
	a caller learns nothing of names they may not read. Frappe's reasons (which name the record) are
	not shown."""
	if not isinstance(doctype, str) or not isinstance(name, str | int) or name == "":
		return False
	try:
		return (
			bool(frappe.db.exists("DocType", doctype))
			and bool(frappe.db.exists(doctype, str(name)))  # Frappe 15.101 allows a missing one by role
			and frappe.has_permission(doctype, ptype, str(name))
		)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()  # "… not found"
		return False


def throw_as_missing(doctype: str, name: str):
	"""Refuse a record the user may not read as Frappe refuses one that does not exist
	(Document.load_from_db): the same words, whichever it is."""
	frappe.throw(_("{0} {1} not found").format(_(doctype), name), frappe.DoesNotExistError)


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Files attached to scoped records are listed only with a record the user can read."""
	user = user or frappe.session.user
	scope = get_scope(user)
	if scope.everything:
		return ""
	file = DocType("File")
	grants = [file.attached_to_doctype.isnull() | file.attached_to_doctype.notin(sorted(SCOPED_DOCTYPES))]
	for scoped in sorted(SCOPED_DOCTYPES):
		table = DocType(scoped)
		readable = frappe.qb.from_(table).select(table.name).where(rule(scoped, scope, user))
		grants.append((file.attached_to_doctype == scoped) & file.attached_to_name.isin(readable))
	return Criterion.any(grants).get_sql(quote_char="`", with_namespace=True)


def may_change_attachments(file, user: str) -> bool:
	"""Attaching to a scoped record, or removing its files, is changing the record: Frappe lets anyone
	who may make a File attach it anywhere, and its uploader delete it. A confirmed survey task's
	evidence stays as confirmed until the town sends the task back."""
	if file.attached_to_doctype not in SCOPED_DOCTYPES or not file.attached_to_name:
		return True
	if not frappe.has_permission(file.attached_to_doctype, "write", doc=file.attached_to_name, user=user):
		return False
	if file.attached_to_doctype == "Survey Task":
		return frappe.db.get_value("Survey Task", file.attached_to_name, "status") != "Confirmed"
	return True


def is_roster_file(file) -> bool:
	"""A roster a clerk uploaded holds whole ID numbers and phones (个人信息保护法): its uploader and the
	town manager download it, not everyone who reads the batch (the batch's rows show them masked)."""
	return file.attached_to_doctype == "Enrollment Batch" and file.attached_to_field == "roster"


def file_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""A file attached to a scoped record goes with that record; any other file, as Frappe decides."""
	from frappe.core.doctype.file.file import has_permission as frappe_file_permission

	user = user or frappe.session.user
	if ptype in ("write", "create", "delete") and not may_change_attachments(doc, user):
		return False
	if is_roster_file(doc) and user != doc.owner and "Gongjian Manager" not in frappe.get_roles(user):
		return False
	if get_scope(user).everything:
		return bool(frappe_file_permission(doc, ptype, user))
	if doc.attached_to_doctype in SCOPED_DOCTYPES and doc.attached_to_name:
		if not in_scope(doc.attached_to_doctype, doc.attached_to_name, user):
			return False
	# Frappe makes a new File row when an existing URL is attached again (an Attach field, a user
	# image, upload_file with file_url), and lets anyone who can read any row download the file: a
	# private file goes with the record it was first uploaded to, whatever rows were made later.
	first = first_upload(doc) if doc.is_private and doc.file_url else None
	if first and first.name != doc.name and not file_has_permission(first, "read", user):
		return False
	return bool(frappe_file_permission(doc, ptype, user))


def refuse_reused_private_url(file, method=None):
	"""File validate hook: Frappe makes a new File row when an existing URL is attached again (an
	Attach field, a user image, upload_file with file_url), and its download check accepts any row the
	caller can read. A private file may be attached again only by someone who may read its first row."""
	if not (file.file_url or "").startswith("/private/") or get_scope(frappe.session.user).everything:
		return
	first = first_upload(file)
	if first and first.name != file.name and not file_has_permission(first, "read"):
		frappe.throw(_("This file belongs to a record you may not see"), frappe.PermissionError)


def first_upload(file):
	"""The earliest File row with this file's URL."""
	names = frappe.get_all(
		"File", filters={"file_url": file.file_url}, order_by="creation asc, name asc", limit=1, pluck="name"
	)
	return frappe.get_doc("File", names[0]) if names else None


def user_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Frappe lets every desk user list all accounts (with roles, last login and IP) through the
	Desk User role's select permission: a scoped user lists only their own."""
	user = user or frappe.session.user
	if get_scope(user).everything:
		return ""
	return (DocType("User").name == user).get_sql(quote_char="`", with_namespace=True)


def user_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	user = user or frappe.session.user
	return bool(get_scope(user).everything or doc.name == user)


# Frappe records that point at any record (ToDo, Document Follow, an Event's participants): created
# through frappe.client.insert they are checked against the DocType only, not the record they point
# at, and a ToDo writes the assignee into that record (_assign) and its timeline.
REFERENCES = {
	"ToDo": ("reference_type", "reference_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Event Participants": ("reference_doctype", "reference_docname"),
}


def check_references_readable(doc, method=None):
	"""validate (ToDo, Document Follow, Event): a record pointed at must be readable by the user who
	points at it; Frappe's own jobs (Administrator) are left alone."""
	if frappe.session.user == "Administrator" or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	rows = [doc] if doc.doctype in REFERENCES else []
	rows += [row for row in doc.get("event_participants") or []]
	before = doc.get_doc_before_save()
	for row in rows:
		doctype_field, name_field = REFERENCES[row.doctype]
		doctype, name = row.get(doctype_field), row.get(name_field)
		if not (doctype and name):
			continue
		if row is doc and before and (before.get(doctype_field), before.get(name_field)) == (doctype, name):
			continue  # e.g. the assignee closing their to-do
		if not frappe.has_permission(doctype, "read", doc=name):
			throw_as_missing_link(row, name_field, name)


# Shared lists of Frappe that name records and people: a scoped user sees only their own.
OWN_ROWS = {"Tag Link": "owner", "Document Follow": "user", "List Filter": "for_user"}


def own_rows_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if get_scope(user).everything or doctype not in OWN_ROWS:
		return ""
	table = DocType(doctype)
	condition = table[OWN_ROWS[doctype]] == user
	if doctype == "List Filter":  # a filter saved for everyone: its maker's only
		condition = condition | (table.owner == user)
	return condition.get_sql(quote_char="`", with_namespace=True)


def own_rows_has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool:
	user = user or frappe.session.user
	if get_scope(user).everything:
		return True
	return bool(doc.get(OWN_ROWS[doc.doctype]) == user or doc.owner == user)
