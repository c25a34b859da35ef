"""The member card's check (issue 14): the QR code on a printed or electronic card opens a public page
that says only whether the card is valid, with the holder's name masked, the union and the status, for
use at 送温暖 and other member services.

The link carries the card number and a signature made with the site's secret, so that nobody can walk
through card numbers: a number without its signature checks nothing. Guests are also limited per address.
"""

import hmac
from urllib.parse import urlencode

import frappe
from frappe.utils import get_url

from gongjian.utils.signing import site_digest

CHECK_PATH = "/card-check"
# Checks one address may make in a window: a desk at a 送温暖 event scans a queue of cards.
CHECKS_PER_WINDOW = 60
WINDOW_SECONDS = 600
# A card holds while the membership goes on (in transfer, or kept in the Members' Home).
VALID_STATUSES = ("Member", "Transferring", "Retained")


def card_signature(card_number: str) -> str:
	return site_digest(f"gongjian member card {card_number}")[:20]


def card_check_url(card_number: str) -> str:
	"""The link the card's QR code holds."""
	query = urlencode({"n": card_number, "s": card_signature(card_number)})
	return get_url(f"{CHECK_PATH}?{query}")


def masked_name(name: str) -> str:
	"""周晓梅 → 周*梅, 李雷 → 李*: enough to tell the card is the holder's, not enough to name them."""
	name = (name or "").strip()
	if len(name) <= 1:
		return name
	if len(name) == 2:
		return name[0] + "*"
	return name[0] + "*" * (len(name) - 2) + name[-1]


def check(card_number: str, signature: str) -> dict | None:
	"""What the check page shows for a card, or None when the link is not a card's."""
	if not isinstance(card_number, str) or not isinstance(signature, str) or len(card_number) > 40:
		return None
	if not hmac.compare_digest(card_signature(card_number), signature):
		return None
	member = frappe.db.get_value(
		"Union Member", {"card_number": card_number}, ["member_name", "union", "status"], as_dict=True
	)
	if not member:
		return None
	return {
		"name": masked_name(member.member_name),
		"union": member.union,
		"status": member.status,
		"valid": member.status in VALID_STATUSES,
	}


def over_limit(page: str = "card-check") -> bool:
	"""Whether this address has opened a guest `page` more often than a desk at an event would check
	cards (www pages are not whitelisted methods, which Frappe's rate_limit decorator is for)."""
	key = f"gongjian:{page}:{frappe.local.request_ip}"
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, WINDOW_SECONDS)
	return count > CHECKS_PER_WINDOW
