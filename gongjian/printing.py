"""Helpers for print formats (registered as Jinja methods in hooks.py)."""

import io

import pyqrcode


def card_qr_svg(card_number: str, scale: int = 3) -> str:
	"""The card's check link (gongjian/member_card.py) as an inline SVG QR code (no image files, renders
	in PDFs): scanned at a member service, it says whether the card is valid."""
	import frappe

	from gongjian.member_card import card_check_url

	# Signed only for a card the user may read: a document given to a print view as JSON could name any.
	readable = card_number and frappe.get_list(
		"Union Member", filters={"card_number": card_number}, pluck="name", limit_page_length=1
	)
	return qr_svg(card_check_url(card_number) if readable else "", scale)


def qr_svg(link: str, scale: int = 3) -> str:
	"""`link` as an inline SVG QR code."""
	out = io.BytesIO()
	pyqrcode.create(link, error="M").svg(out, scale=scale, xmldecl=False, svgns=True)
	return out.getvalue().decode()


def batch_member_cards(batch_name: str) -> list[dict]:
	"""The cards of an enrollment batch: every member it enrolled, as the user may read them. A batch
	made through the API keeps only the rows that need attention, so the members are the source."""
	import frappe

	return frappe.get_list(
		"Union Member",
		filters={"enrollment_batch": batch_name, "card_number": ["is", "set"]},
		fields=["member_name", "union", "card_number", "joined_on", "creation"],
		order_by="card_number asc",
		limit_page_length=0,
	)


def card_issuer(village: str | None) -> str:
	"""Who issues a member's card: the township federation of trade unions (镇总工会) of the member's
	village, by its union record where the township has one, else by the township's name."""
	import frappe
	from frappe import _

	township = village and frappe.db.get_value("Village", village, "township")
	if not township:
		return ""
	federation = frappe.db.get_value(
		"Trade Union", {"union_kind": "Township Federation", "township": township, "status": "Active"}, "name"
	)
	return federation or _("{0} Federation of Trade Unions").format(township)
