"""Helpers for print formats (registered as Jinja methods in hooks.py)."""

import io

import pyqrcode


def card_qr_svg(card_number: str, scale: int = 3) -> str:
	"""The member card number as an inline SVG QR code (no image files, renders in PDFs)."""
	out = io.BytesIO()
	pyqrcode.create(card_number or "", error="M").svg(out, scale=scale, xmldecl=False, svgns=True)
	return out.getvalue().decode()


def batch_member_cards(batch_name: str) -> list[dict]:
	"""The cards of an enrollment batch: every member it enrolled, as the user may read them. A batch
	made through the API keeps only the rows that need attention, so the members are the source."""
	import frappe

	return frappe.get_list(
		"Union Member",
		filters={"enrollment_batch": batch_name, "card_number": ["is", "set"]},
		fields=["member_name", "union", "card_number", "joined_on"],
		order_by="card_number asc",
		limit_page_length=0,
	)
