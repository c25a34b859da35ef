"""Helpers for print formats (registered as Jinja methods in hooks.py)."""

import io

import pyqrcode


def card_qr_svg(card_number: str, scale: int = 3) -> str:
	"""The member card number as an inline SVG QR code (no image files, renders in PDFs)."""
	out = io.BytesIO()
	pyqrcode.create(card_number or "", error="M").svg(out, scale=scale, xmldecl=False, svgns=True)
	return out.getvalue().decode()
