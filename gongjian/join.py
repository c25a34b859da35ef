"""Workers join from their phones (issue 14, 个人申请): a union's signed join link and its QR poster,
the public application, its status page, approval in the desk through the enrollment path, and the
worker's electronic member card.

A join link names one union and carries a signature made with the site's secret over the union and
its current join key. Stopping the link clears the key; a new link replaces it, and every poster of
the old one stops working.

Guests reach /join, /join-status and /my-card (gongjian/www/) and the two methods below marked
allow_guest. Each is limited per address, and applying also per ID number, with Frappe's rate limiter.
"""

import base64
import binascii
import functools
import hmac
import secrets
import unicodedata
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, get_url, now_datetime, today

from gongjian.exceptions import GongjianValidationError
from gongjian.member_card import VALID_STATUSES, card_check_url, masked_name
from gongjian.permissions import record_readable, throw_as_missing
from gongjian.personal_data import full_value, identity_key, key_field
from gongjian.rules.identifiers import is_mobile, normalize_code, normalize_phone
from gongjian.rules.units import CLOSED_STATUSES
from gongjian.scoped_doctypes import ID, PHONE
from gongjian.utils.signing import site_digest

JOIN_PATH = "/join"
STATUS_PATH = "/join-status"
CARD_PATH = "/my-card"
FALLBACK_KIND = "Members' Home"
# A township federation is a union of unions: workers join a base union or the Members' Home.
NO_JOIN_LINK_KINDS = ("Township Federation",)
APPLICATIONS_PER_ADDRESS = 20  # an hour: a dormitory or a 返乡 event shares one address
APPLICATIONS_PER_ID = 5  # a day
CARD_OPENINGS_PER_ADDRESS = 30  # in ten minutes
CARD_OPENINGS_PER_APPLICATION = 10  # a day
MOST_APPROVED_AT_ONCE = 500
# What the join page tells the worker before they agree (个人信息保护法 §14, §17, §29).
CONSENT_TEXT = (
	"The trade union collects your name, resident ID number, phone, employer, employment kind and "
	"hometown to register your membership, issue your member card and contact you about union "
	"services. Your ID number is sensitive personal information: it is used only to confirm who you "
	"are and that you are not registered twice, and is seen in full only by the staff who approve "
	"your application. You may ask your union to correct or delete your information."
)


class JoinLinkError(GongjianValidationError):
	pass


class DuplicateApplicationError(GongjianValidationError):
	pass


# The join link and its poster


def link_signature(union: str, join_key: str) -> str:
	return site_digest(f"gongjian join link {union} {join_key}")[:24]


def join_token(union: str, join_key: str) -> str:
	encoded = base64.urlsafe_b64encode(union.encode()).decode().rstrip("=")
	return f"{encoded}.{link_signature(union, join_key)}"


def union_of_token(token) -> str | None:
	"""The union a join link belongs to, or None when the link is forged, stopped or replaced."""
	if not isinstance(token, str) or len(token) > 400 or "." not in token:
		return None
	encoded, _dot, signature = token.rpartition(".")
	try:
		union = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
	except (binascii.Error, UnicodeDecodeError, ValueError):
		return None
	row = frappe.db.get_value("Trade Union", union, ["join_key", "status", "union_kind"], as_dict=True)
	if not row or not row.join_key or row.status != "Active" or row.union_kind in NO_JOIN_LINK_KINDS:
		return None
	return union if hmac.compare_digest(link_signature(union, row.join_key), signature) else None


def join_url(union: str) -> str | None:
	"""The union's join link, while it has one."""
	join_key = frappe.db.get_value("Trade Union", union, "join_key")
	return get_url(f"{JOIN_PATH}?{urlencode({'t': join_token(union, join_key)})}") if join_key else None


def writable_union(union: str):
	"""The union, when the user may change it; one refusal for another village's union and for none."""
	if not record_readable("Trade Union", union, "write"):
		raise frappe.PermissionError(_("This record does not exist, or you may not see it"))
	return frappe.get_doc("Trade Union", union)


@frappe.whitelist(methods=["POST"])
def new_join_link(union: str) -> str:
	"""Make the union's join link, or replace it: the old link and its posters stop working."""
	doc = writable_union(union)
	if doc.union_kind in NO_JOIN_LINK_KINDS or doc.status != "Active":
		frappe.throw(
			_("Workers join a base union or the Members' Home, not {0}").format(doc.name), JoinLinkError
		)
	frappe.db.set_value("Trade Union", doc.name, "join_key", secrets.token_urlsafe(12))
	return join_url(doc.name)


@frappe.whitelist(methods=["POST"])
def stop_join_link(union: str) -> None:
	doc = writable_union(union)
	frappe.db.set_value("Trade Union", doc.name, "join_key", None)


def join_poster(union: str, scale: int = 6) -> dict:
	"""Jinja (the Join Poster print format): the union's join link and its QR code, for a union the user
	may read; empty when it has no link."""
	from gongjian.printing import qr_svg

	if not union or not frappe.has_permission("Trade Union", "read", doc=union):
		return {}
	link = join_url(union)
	return {"link": link, "qr": qr_svg(link, scale)} if link else {}


# What the join page offers


def join_choices(union: str) -> dict:
	"""The employers and villages a worker joining `union` may choose: the open units it covers (for
	the Members' Home, the township's open units no union covers: 以入会促建会 counts them), and, when
	the union has no village of its own, the township's villages."""
	row = frappe.db.get_value("Trade Union", union, ["union_kind", "village", "township"], as_dict=True)
	unit = frappe.qb.DocType("Enterprise")
	covered = frappe.qb.DocType("Trade Union Unit")
	covering = frappe.qb.DocType("Trade Union")
	query = (
		frappe.qb.from_(unit)
		.select(unit.name)
		.where(unit.status.notin(sorted(CLOSED_STATUSES)))
		.orderby(unit.name)
	)
	if row.union_kind == FALLBACK_KIND:
		unionized = (
			frappe.qb.from_(covered)
			.join(covering)
			.on(covered.parent == covering.name)
			.select(covered.enterprise)
			.where((covered.parenttype == "Trade Union") & (covering.status == "Active"))
		)
		query = query.where(unit.township == row.township).where(unit.name.notin(unionized))
	else:
		query = query.where(
			unit.name.isin(
				frappe.qb.from_(covered)
				.select(covered.enterprise)
				.where((covered.parent == union) & (covered.parenttype == "Trade Union"))
			)
		)
	villages = []
	if not row.village:
		villages = frappe.get_all(
			"Village", filters={"township": row.township}, pluck="name", order_by="name"
		)
	return {"employers": query.run(pluck=True), "villages": villages, "village": row.village}


# Applying


def plain_code(value: str) -> str:
	"""An ID or application number as stored: full-width characters folded (NFKC), spaces and invisible
	characters dropped, letters upper-case."""
	folded = unicodedata.normalize("NFKC", value)
	return "".join(ch for ch in folded if ch.isalnum()).upper()


CODE_LABELS = {"id_number": "ID Number", "application": "Application Number"}


def codes_as_stored(*fields: str):
	"""Frappe's rate limiter keys on a value as sent: 11010…002x, " 11010…002X" and full-width digits
	are one ID number, and one limit. Runs before the limiter."""

	def decorator(method):
		@functools.wraps(method)
		def wrapper(*args, **kwargs):
			for field in fields:
				value = frappe.form_dict.get(field)
				if isinstance(value, str) and len(value) <= 100:
					frappe.form_dict[field] = kwargs[field] = plain_code(value)
				# the limiter refuses an empty key in English: ask for the value in Chinese first
				if not frappe.form_dict.get(field):
					frappe.throw(
						_("Please fill in {0}").format(_(CODE_LABELS[field])), GongjianValidationError
					)
			return method(*args, **kwargs)

		return wrapper

	return decorator


def text(value, field: str, longest: int) -> str:
	"""A form value as stripped text; anything but short text is refused (saves nothing)."""
	if value is None:
		return ""
	if not isinstance(value, str) or len(value) > longest:
		frappe.throw(_("{0} is not valid").format(_(field)), GongjianValidationError)
	return value.strip()


# xss_safe: the values reach the check of every value, which refuses markup, instead of being
# silently stripped of it (Frappe cleans a guest's values otherwise)
@frappe.whitelist(allow_guest=True, xss_safe=True, methods=["POST"])
@codes_as_stored("id_number")
@rate_limit(limit=APPLICATIONS_PER_ADDRESS, seconds=3600)
@rate_limit(key="id_number", limit=APPLICATIONS_PER_ID, seconds=24 * 3600, ip_based=False)
def apply(
	token: str,
	applicant_name: str,
	id_number: str,
	phone: str,
	employment_kind: str,
	consent: str | None = None,
	employer: str | None = None,
	employer_name: str | None = None,
	village: str | None = None,
	hometown: str | None = None,
) -> dict:
	"""The join page's form: a new application, or a clear Chinese answer with nothing saved."""
	union = union_of_token(token)
	if not union:
		frappe.throw(
			_("This join link is no longer valid. Please ask your union for a new one."), JoinLinkError
		)
	if not cint(consent if isinstance(consent, str | int) else 0):
		frappe.throw(
			_("Please read and agree to how your personal information is used"), GongjianValidationError
		)
	values = {
		"applicant_name": text(applicant_name, "Applicant Name", 40),
		"id_number": normalize_code(text(id_number, "ID Number", 30)),
		"phone": text(phone, "Phone", 30),
		"employment_kind": text(employment_kind, "Employment Kind", 40),
		"employer": text(employer, "Employer", 140) or None,
		"employer_name": text(employer_name, "Employer as Typed", 140) or None,
		"village": text(village, "Village", 140) or None,
		"hometown": text(hometown, "Hometown", 100) or None,
	}
	choices = join_choices(union)
	if values["employer"] and values["employer"] not in choices["employers"]:
		frappe.throw(_("Please choose your employer from the list"), GongjianValidationError)
	if values["village"] and values["village"] not in choices["villages"]:
		frappe.throw(_("Please choose your village from the list"), GongjianValidationError)
	if not values["employer"] and not values["employer_name"]:
		frappe.throw(_("Please choose or type your employer"), GongjianValidationError)
	if not values["employer"] and not choices["village"] and not values["village"]:
		frappe.throw(_("Please choose your village"), GongjianValidationError)
	if not is_mobile_phone(values["phone"]):
		frappe.throw(
			_("Please give your mobile number: it opens your electronic member card"), GongjianValidationError
		)
	reject_duplicate(values["id_number"])
	application = frappe.get_doc(
		{
			"doctype": "Membership Application",
			"union": union,
			**values,
			"consent": 1,
			"consent_on": now_datetime(),
			"consent_text": _(CONSENT_TEXT),
		}
	)
	# A guest makes a new application through this form only; nothing stored is read or changed.
	application.insert(ignore_permissions=True)
	return {"application": application.name, "status_url": status_url(application.name)}


def reject_duplicate(id_number: str) -> None:
	"""An ID already a member, or already waiting, is answered without naming the union that holds it."""
	digest = identity_key(ID, id_number)
	if frappe.db.exists("Union Member", {key_field("id_number"): digest, "status": ["!=", "Withdrawn"]}):
		frappe.throw(
			_(
				"This ID number is already registered as a union member. Please ask your union about your card."
			),
			DuplicateApplicationError,
		)
	if frappe.db.exists(
		"Membership Application", {key_field("id_number"): digest, "status": "Awaiting Approval"}
	):
		frappe.throw(
			_("An application with this ID number is already waiting for approval"), DuplicateApplicationError
		)


def status_url(application: str) -> str:
	return get_url(f"{STATUS_PATH}?{urlencode({'no': application})}")


def application_status(application) -> dict | None:
	"""What the status page shows: nothing personal beyond the masked name."""
	if not isinstance(application, str) or len(application) > 40:
		return None
	row = frappe.db.get_value(
		"Membership Application",
		application,
		["applicant_name", "union", "status", "creation", "reject_reason"],
		as_dict=True,
	)
	if not row:
		return None
	return {
		"application": application,
		"name": masked_name(row.applicant_name),
		"union": row.union,
		"status": row.status,
		"applied_on": row.creation.date(),
		# the clerk writes the reason for the worker
		"reason": row.reject_reason if row.status == "Rejected" else None,
	}


# The electronic member card


@frappe.whitelist(allow_guest=True, methods=["POST"])
@codes_as_stored("application", "id_number")
@rate_limit(limit=CARD_OPENINGS_PER_ADDRESS, seconds=600)
@rate_limit(key="application", limit=CARD_OPENINGS_PER_APPLICATION, seconds=24 * 3600, ip_based=False)
def open_card(application: str, id_number: str, phone: str) -> dict:
	"""The worker's e-card, for the application number, ID number and phone of an approved application;
	one answer for every mismatch, so that it tells nothing of which detail was wrong."""
	not_found = _("No approved application matches these details")
	application = text(application, "Application Number", 40)
	row = frappe.db.get_value("Membership Application", application, ["status", "member"], as_dict=True)
	if not row or row.status != "Approved" or not row.member:
		frappe.throw(not_found, GongjianValidationError)
	# the member's numbers as they are now: a clerk's correction of the ID or phone counts
	row.update(
		frappe.db.get_value(
			"Union Member", row.member, [key_field("id_number"), key_field("phone")], as_dict=True
		)
		or {}
	)
	try:
		typed_phone = identity_key(PHONE, normalize_phone(text(phone, "Phone", 30)))
	except ValueError:
		typed_phone = ""
	same_phone = hmac.compare_digest(typed_phone, row.get(key_field("phone")) or "-")
	typed_id = identity_key(ID, text(id_number, "ID Number", 30))
	same_id = hmac.compare_digest(typed_id, row.get(key_field("id_number")) or "-")
	if not (same_id and same_phone):
		frappe.throw(not_found, GongjianValidationError)
	remember_card(row.member)
	return card_of(row.member)


def is_website_user(user: str) -> bool:
	return user != "Guest" and frappe.db.get_value("User", user, "user_type") == "Website User"


def remember_card(member: str) -> None:
	"""A worker signed in with their own website account keeps the card on it, once they have proved it
	theirs with the application number, ID number and phone (a card already kept stays where it is)."""
	user = frappe.session.user
	if not is_website_user(user) or frappe.db.exists("Union Member", {"website_user": user}):
		return
	if not frappe.db.get_value("Union Member", member, "website_user"):
		frappe.db.set_value("Union Member", member, "website_user", user, update_modified=False)


def card_of_user(user: str) -> dict | None:
	"""The e-card kept on a worker's website account, if any."""
	if not is_website_user(user):
		return None
	member = frappe.db.get_value("Union Member", {"website_user": user})
	return card_of(member) if member else None


def card_of(member_name: str) -> dict:
	"""What the e-card shows."""
	from gongjian.printing import qr_svg

	member = frappe.db.get_value(
		"Union Member",
		member_name,
		["member_name", "union", "card_number", "joined_on", "status"],
		as_dict=True,
	)
	return {
		"name": member.member_name,
		"union": member.union,
		"card_number": member.card_number,
		"joined_on": frappe.utils.formatdate(member.joined_on, "yyyy-mm-dd") if member.joined_on else "",
		"status": _(member.status),
		"valid": member.status in VALID_STATUSES,
		"qr": qr_svg(card_check_url(member.card_number), 5),
		"check_url": card_check_url(member.card_number),
	}


# Approval in the desk


def pending_applications(names) -> tuple[list, dict]:
	"""The applications named that still await approval, each checked writable by the user, and the
	outcome of those decided before (refused when none is left)."""
	if isinstance(names, str) and names.startswith("["):
		try:
			names = frappe.parse_json(names)
		except ValueError:
			names = None
	if isinstance(names, str):
		names = [names]
	if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Choose the applications first"), GongjianValidationError)
	if len(names) > MOST_APPROVED_AT_ONCE:
		frappe.throw(
			_("Decide at most {0} applications at once").format(MOST_APPROVED_AT_ONCE),
			GongjianValidationError,
		)
	docs, decided = [], {}
	for name in dict.fromkeys(names):
		if not record_readable("Membership Application", name, "write"):
			throw_as_missing("Membership Application", name)  # another village's, or none
		doc = frappe.get_doc("Membership Application", name)
		if doc.status != "Awaiting Approval":
			decided[name] = {
				"status": "Already Decided",
				"reason": _("Application {0} was already decided: {1}").format(name, _(doc.status)),
			}
			continue
		docs.append(doc)
	if not docs:  # nothing left to decide: say why
		frappe.throw(next(iter(decided.values()))["reason"], GongjianValidationError)
	return docs, decided


@frappe.whitelist(methods=["POST"])
def approve(names) -> dict:
	"""Approve applications: their members are enrolled through the enrollment path (the same checks,
	card numbers from the same counter), one batch per union. An application that fails a check stays
	pending and is returned with its reasons."""
	docs, outcomes = pending_applications(names)  # those decided before are left as they are, and said
	# One batch per union and village: a batch's village is its members' where no employer names one.
	groups: dict[tuple[str, str], list] = {}
	for doc in docs:
		groups.setdefault((doc.union, doc.village), []).append(doc)
	for (union, village), applications in groups.items():
		outcomes.update(enroll_applications(union, village, applications))
	approved = [name for name, outcome in outcomes.items() if outcome["status"] == "Approved"]
	return {"approved": len(approved), "outcomes": outcomes}


def enroll_applications(union: str, village: str, applications: list) -> dict:
	rows = [
		{
			"row_no": number,
			"member_name": doc.applicant_name,
			"id_number": full_value(doc, "id_number"),
			"employment_kind": doc.employment_kind,
			"migrant": int(doc.employment_kind == "Migrant Worker"),
			"join_channel": "At Employer" if doc.employer else "At Source",
			"employer": doc.employer,
			"union": union,
			"phone": full_value(doc, "phone"),
		}
		for number, doc in enumerate(applications, start=1)
	]
	batch = frappe.get_doc(
		{
			"doctype": "Enrollment Batch",
			"title": _("Membership applications approved on {0}").format(today()),
			"join_channel": rows[0]["join_channel"],
			"union": union,
			"village": village,
			"joined_on": today(),
		}
	)
	batch.flags.roster = rows
	batch.flags.enrolling = True
	frappe.db.savepoint("approve_applications")
	batch.insert()
	if not batch.valid_rows:
		frappe.db.rollback(save_point="approve_applications")  # no batch of nobody
	else:
		batch.submit()  # checks the rows again, then enrolls the valid ones
	outcome_of = {row["row_no"]: row for row in batch.flags.checked}
	outcomes = {}
	for number, doc in enumerate(applications, start=1):
		row = outcome_of[number]
		if row["row_status"] == "Enrolled":
			decide(doc, "Approved", member=row["member"])
			if doc.hometown:
				frappe.db.set_value(
					"Union Member", row["member"], "hometown", doc.hometown, update_modified=False
				)
			outcomes[doc.name] = {
				"status": "Approved",
				"member": row["member"],
				"card_number": row["card_number"],
			}
		else:
			outcomes[doc.name] = {
				"status": "Awaiting Approval",
				"reason": row["errors"] or _(row["row_status"]),
			}
	return outcomes


@frappe.whitelist(methods=["POST"])
def reject(names, reason: str) -> dict:
	if not isinstance(reason, str) or not reason.strip():
		frappe.throw(_("Give the reason for rejecting"), GongjianValidationError)
	docs, decided = pending_applications(names)
	for doc in docs:
		decide(doc, "Rejected", reject_reason=reason.strip())
	return {"rejected": len(docs), "outcomes": decided}


def decide(doc, status: str, **values) -> None:
	doc.update({"status": status, "decided_by": frappe.session.user, "decided_on": now_datetime(), **values})
	doc.flags.deciding = True
	doc.save()


def is_mobile_phone(phone: str) -> bool:
	try:
		return is_mobile(normalize_phone(phone))
	except ValueError:
		return False
