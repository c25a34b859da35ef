"""Resident ID numbers and phones kept sealed (个人信息保护法, issue 14).

A record keeps such a number masked in its own column (110105********1234, 138****8000), so every list,
report, search, export, REST answer and print shows it masked without a door of its own. Beside it, in
fields of permission level 9 that no role may read, the record keeps the number encrypted with the
site's key (`<field>_secret`) and a keyed digest (`<field>_key`) that finds the same number elsewhere
(duplicates, the same person as head and as chair) without decrypting anything.

- A form saved as shown sends the masked number back: `unseal` (before_validate) takes it as the number
  kept, so every check of the record runs on the whole number. A masked number that is not the one
  kept is refused: the user types the whole number to change it.
- `SealedPersonalData.db_insert`/`db_update` seal the numbers just before a record and each of its rows
  is written. The whole numbers stay in the record's flags for what runs after the save (enrolling a
  batch's rows), and `full_value` reads them back from the secret later.
- Seeing a whole number is a deliberate, logged act (`reveal`); so is a manager's real-name roster
  export (`export_roster`). The town manager reviews both in Personal Data Access Log.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, now_datetime
from frappe.utils.password import decrypt, encrypt
from frappe.utils.xlsxutils import make_xlsx

from gongjian.exceptions import GongjianValidationError
from gongjian.rules.identifiers import is_masked, mask_id_number, mask_phone, normalize_code
from gongjian.scoped_doctypes import ID, SEALED_FIELDS, SEALING_DOCTYPES
from gongjian.utils.signing import site_digest

SEALED_LEVEL = 9  # the permission level of sealed fields and the birth date: no role reads it
FINDS_PER_ADDRESS = 60  # a clerk looking people up, not a script trying numbers
# How many new ID numbers a user may have checked against the township's members, in what window: on
# the member and application forms (a clerk typing people in one by one), and through enrollment rosters.
# Site config may change each allowance; a script trying numbers waits.
ID_CHECK_ALLOWANCES = {
	"form": ("gongjian_id_lookups_per_hour", 120, 3600),
	"roster": ("gongjian_roster_ids_per_day", 5000, 24 * 3600),
}
ROSTER_FIELDS = ("name", "member_name", "id_number", "phone", "union", "employer", "village", "card_number")
ROSTER_STATUSES = ("Member", "Transferring", "Retained")


def key_field(fieldname: str) -> str:
	return f"{fieldname}_key"


def secret_field(fieldname: str) -> str:
	return f"{fieldname}_secret"


def identity_key(kind: str, value: str | None) -> str:
	"""The keyed digest that finds the same number in other records ("" for no number)."""
	text = normalize_code(value) if kind == ID else "".join(ch for ch in (value or "") if ch.isdigit())
	return site_digest(f"gongjian personal {kind} {text}") if text else ""


def person_identity(row, fieldname: str) -> str:
	"""What tells a register row's person apart: the digest kept with a masked number, or made from a
	whole number still in hand (a record being saved)."""
	value = row.get(fieldname) or ""
	if is_masked(value):
		return row.get(key_field(fieldname)) or ""
	return identity_key(ID, value)


def mask(kind: str, value: str | None) -> str:
	return mask_id_number(value) if kind == ID else mask_phone(value)


def rows_with_numbers(doc):
	"""The record and each of its rows that keep personal numbers."""
	if doc.doctype in SEALED_FIELDS:
		yield doc
	for table in doc.meta.get_table_fields():
		if table.options in SEALED_FIELDS:
			yield from doc.get(table.fieldname) or []


def kept_rows(doctype: str, names: list[str]) -> dict[str, dict]:
	"""What is stored for these rows: masked numbers, digests and secrets, by name (one query)."""
	if not names:
		return {}
	fields = ["name"]
	for fieldname in SEALED_FIELDS[doctype]:
		fields += [fieldname, key_field(fieldname), secret_field(fieldname)]
	return {row.name: row for row in frappe.get_all(doctype, filters={"name": ["in", names]}, fields=fields)}


def refuse_masked(row, fieldname: str) -> None:
	frappe.throw(
		_("{0}: type the whole number. A masked number only stands for the number already kept.").format(
			_(row.meta.get_label(fieldname))
		),
		GongjianValidationError,
		title=_("Masked Number"),
	)


def unseal(doc, method=None) -> None:
	"""before_validate: a masked number sent back as shown stands for the number kept, so the record's
	checks see whole numbers; a masked number that is not the one kept is refused."""
	waiting: dict[str, list] = {}
	for row in rows_with_numbers(doc):
		if any(is_masked(row.get(fieldname)) for fieldname in SEALED_FIELDS[row.doctype]):
			waiting.setdefault(row.doctype, []).append(row)
	for doctype, rows in waiting.items():
		stored = kept_rows(doctype, [row.name for row in rows if row.name])
		for row in rows:
			for fieldname in SEALED_FIELDS[doctype]:
				value = row.get(fieldname)
				if not is_masked(value):
					continue
				kept = stored.get(row.name)
				if not kept or kept.get(fieldname) != value or not kept.get(secret_field(fieldname)):
					refuse_masked(row, fieldname)
				row.set(fieldname, decrypt(kept[secret_field(fieldname)]))


def seal(row) -> None:
	"""Just before `row` is written: keep each number masked, with its digest and secret beside it."""
	sealed_before = row.flags.full_values or {}
	full_values = row.flags.full_values = {}
	stored = None
	for fieldname, kind in SEALED_FIELDS[row.doctype].items():
		value = str(row.get(fieldname) or "").strip()
		if not value:
			row.update({fieldname: None, key_field(fieldname): None, secret_field(fieldname): None})
			continue
		whole = sealed_before.get(fieldname)
		if is_masked(value) and whole and mask(kind, whole) == value:
			value = whole  # sealed earlier (Frappe's db_update of a new row calls db_insert): seal again
		if is_masked(value):
			# Saved without before_validate (a cancel, code writing a loaded record): keep what is stored.
			stored = stored or kept_rows(row.doctype, [row.name]).get(row.name)
			if not stored or stored.get(fieldname) != value:
				refuse_masked(row, fieldname)
			row.update({key: stored.get(key) for key in (key_field(fieldname), secret_field(fieldname))})
			continue
		digest = identity_key(kind, value)
		secret = row.get(secret_field(fieldname))
		if row.get(key_field(fieldname)) != digest or not secret:
			secret = encrypt(value)
		row.update(
			{fieldname: mask(kind, value), key_field(fieldname): digest, secret_field(fieldname): secret}
		)
		full_values[fieldname] = value


def sealed_values(doctype: str, values: dict) -> dict:
	"""The columns to write for a record inserted without its controller (bulk enrollment)."""
	out = dict(values)
	for fieldname, kind in SEALED_FIELDS[doctype].items():
		if fieldname not in values:
			continue
		value = str(values.get(fieldname) or "").strip()
		out[fieldname] = mask(kind, value) if value else None
		out[key_field(fieldname)] = identity_key(kind, value) or None
		out[secret_field(fieldname)] = encrypt(value) if value else None
	return out


def sealed_columns(doctype: str) -> list[str]:
	return [
		name
		for fieldname in SEALED_FIELDS[doctype]
		for name in (key_field(fieldname), secret_field(fieldname))
	]


def hide_seals(doc, method=None) -> None:
	"""on_change, after the version is kept: the record goes back to the browser (REST and the desk answer
	a save with the record as saved) without what the user may not read, as Frappe strips it on reads:
	the sealed numbers, and the birth date the masked ID number leaves out."""
	readable = doc.get_permlevel_access("read")
	for row in [
		doc,
		*(child for table in doc.meta.get_table_fields() for child in doc.get(table.fieldname) or []),
	]:
		for df in row.meta.fields:
			if df.permlevel and df.permlevel not in readable:
				row.set(df.fieldname, None)


def full_value(row, fieldname: str) -> str:
	"""The whole number of a record in hand: as just saved, as typed, or decrypted from its secret."""
	saved = (row.flags.full_values or {}).get(fieldname) if row.flags else None
	if saved:
		return saved
	value = row.get(fieldname) or ""
	if not is_masked(value):
		return value
	secret = row.get(secret_field(fieldname))
	if not secret:
		secret = (kept_rows(row.doctype, [row.name]).get(row.name) or {}).get(secret_field(fieldname))
	return decrypt(secret) if secret else ""


class SealedPersonalData:
	"""Controllers of DocTypes in SEALED_FIELDS: numbers are sealed just before they are written."""

	def db_insert(self, *args, **kwargs):
		seal(self)
		return super().db_insert(*args, **kwargs)

	def db_update(self):
		seal(self)
		return super().db_update()


# Seeing whole numbers: deliberate, for whoever may change the record, and logged.


def log_access(action: str, doctype: str, name: str | None = None, detail: str = "", count: int = 0) -> None:
	frappe.get_doc(
		{
			"doctype": "Personal Data Access Log",
			"user": frappe.session.user,
			"accessed_on": now_datetime(),
			"action": action,
			# what the list shows: 查看完整号码 HY-000123, 导出实名花名册 村: 青山村 (322)
			"subject": " ".join(filter(None, (_(action), name or detail, f"({count})" if not name else ""))),
			"reference_doctype": doctype,
			"reference_name": name,
			"detail": detail,
			"record_count": count,
		}
	).insert(ignore_permissions=True)  # a log the server writes of the user's act, never the client's


@frappe.whitelist(methods=["POST"])
def reveal(doctype: str, name: str) -> dict:
	"""The whole ID number and phone of one member or application, for a user who may change it.
	Logged with the user and time; the same refusal for a record one may not change and for none."""
	if doctype not in ("Union Member", "Membership Application") or not isinstance(name, str):
		raise frappe.PermissionError
	if not frappe.db.exists(doctype, name) or not frappe.has_permission(doctype, "write", name):
		raise frappe.PermissionError  # the same bare refusal as Frappe's for a record one may not read
	doc = frappe.get_doc(doctype, name)
	values = {fieldname: full_value(doc, fieldname) for fieldname in SEALED_FIELDS[doctype]}
	shown = [_(doc.meta.get_label(fieldname)) for fieldname, value in values.items() if value]
	log_access("Reveal", doctype, name, ", ".join(shown), 1)
	return values


def may_export_roster() -> bool:
	return "Gongjian Manager" in frappe.get_roles()


@frappe.whitelist(methods=["POST"])
def export_roster(union: str | None = None, village: str | None = None) -> None:
	"""The town manager's real-name roster (实名花名册) as a spreadsheet, whole numbers included. Logged."""
	if not may_export_roster():
		frappe.throw(_("Only the town manager may export the real-name roster."), frappe.PermissionError)
	filters = {"status": ["in", list(ROSTER_STATUSES)]}
	if union:
		filters["union"] = union
	if village:
		filters["village"] = village
	names = frappe.get_list("Union Member", filters=filters, pluck="name", limit=0)
	member = DocType("Union Member")
	rows = []
	if names:
		rows = (
			frappe.qb.from_(member)
			.select(*[member[f] for f in ROSTER_FIELDS], *[member[c] for c in sealed_columns("Union Member")])
			.where(member.name.isin(names))
			.orderby(member.village)
			.orderby(member.union)
			.orderby(member.member_name)
			.run(as_dict=True)
		)
	header = [
		_("Member"),
		_("Member Name"),
		_("ID Number"),
		_("Phone"),
		_("Trade Union"),
		_("Employer"),
		_("Village"),
		_("Card Number"),
	]
	sheet = [header]
	for row in rows:
		whole = {
			f: decrypt(row[secret_field(f)]) if row[secret_field(f)] else "" for f in ("id_number", "phone")
		}
		sheet.append([whole.get(f, row[f]) or "" for f in ROSTER_FIELDS])
	detail = ", ".join(
		f"{label}: {value}" for label, value in ((_("Trade Union"), union), (_("Village"), village)) if value
	)
	log_access("Roster Export", "Union Member", None, detail, len(rows))
	xlsx = make_xlsx(sheet, _("Real-name Roster"))
	frappe.response["filename"] = f"{_('Real-name Roster')}.xlsx"
	frappe.response["filecontent"] = xlsx.getvalue()
	frappe.response["type"] = "binary"


@frappe.whitelist()
@rate_limit(limit=FINDS_PER_ADDRESS, seconds=600)
def find_member(id_number: str) -> str | None:
	"""The member with this whole ID number, among those the user may read (the list's filter sees only
	masked numbers). None for a number nobody the user may read holds, as for a number nobody holds."""
	if not isinstance(id_number, str) or len(id_number) > 30:
		return None
	digest = identity_key(ID, id_number)
	if not digest:
		return None
	found = frappe.get_list(
		"Union Member", filters={key_field("id_number"): digest}, fields=["name"], limit=1
	)
	return found[0].name if found else None


def has_new_id_number(doc) -> bool:
	"""Whether a record being saved holds another ID number than the one it keeps (or is new)."""
	before = doc.get_doc_before_save()
	return not before or before.get(key_field("id_number")) != identity_key(ID, doc.id_number)


def count_id_numbers_checked(how: str, count: int = 1) -> None:
	"""A save that checks new ID numbers against the township's members tells of each whether it is
	registered (a duplicate, a member to transfer), so each user's checks are counted: past the
	allowance (ID_CHECK_ALLOWANCES) the save is refused before any number is looked up, and nothing is
	saved. Saves without a request (imports, the server's own) are not counted, nor the join page's
	(guests), which has limits of its own."""
	if count <= 0 or getattr(frappe.local, "request", None) is None or frappe.flags.in_import:
		return
	if frappe.session.user == "Guest":
		return
	config_key, default, seconds = ID_CHECK_ALLOWANCES[how]
	allowance = cint(frappe.conf.get(config_key)) or default
	counter = frappe.cache.make_key(f"gongjian:id-checks:{how}:{frappe.session.user}")
	if not frappe.cache.get(counter):
		frappe.cache.setex(counter, seconds, 0)
	used = frappe.cache.incrby(counter, count)
	if used <= allowance:
		return
	frappe.cache.decrby(counter, count)  # refused: nothing is looked up
	if how == "roster":
		message = _(
			"A user may check at most {0} ID numbers a day through rosters, and {1} are left today. Please split the roster, or try again tomorrow."
		).format(allowance, max(allowance - (used - count), 0))
	else:
		message = _(
			"More than {0} ID numbers were entered in an hour. Please try again later, or enroll a roster through an Enrollment Batch."
		).format(allowance)
	frappe.throw(message, frappe.RateLimitExceededError)


def unreadable_fields(doctype: str) -> set[str]:
	"""Fields at the level no role reads: sealed numbers, and the birth date the mask leaves out."""
	return {df.fieldname for df in frappe.get_meta(doctype).fields if df.permlevel == SEALED_LEVEL}


def keep_versions_masked(version, method=None) -> None:
	"""Version before_insert (and the patch for older ones): a record's history, readable by whoever
	reads the record, keeps numbers masked and no sealed value or birth date, in its fields or rows."""
	if version.ref_doctype not in SEALING_DOCTYPES or not version.data:
		return
	data = frappe.parse_json(version.data)
	meta = frappe.get_meta(version.ref_doctype)
	row_doctype = {table.fieldname: table.options for table in meta.get_table_fields()}

	def kept(doctype: str | None, changes: list) -> list:
		if not doctype:
			return changes
		hidden, kinds = unreadable_fields(doctype), SEALED_FIELDS.get(doctype, {})
		return [
			[name, *(mask(kinds[name], v) if name in kinds and v else v for v in values)]
			for name, *values in changes
			if name not in hidden
		]

	data["changed"] = kept(version.ref_doctype, data.get("changed") or [])
	for key in ("added", "removed"):
		for table, row in data.get(key) or []:
			doctype = row_doctype.get(table)
			for name, value in kept(doctype, [[k, v] for k, v in row.items()]) if doctype else []:
				row[name] = value
			for fieldname in unreadable_fields(doctype) if doctype else ():
				row.pop(fieldname, None)
	for entry in data.get("row_changed") or []:
		entry[3] = kept(row_doctype.get(entry[0]), entry[3])
	version.data = frappe.as_json(data)
