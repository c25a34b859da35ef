"""Digests keyed with the site's secret: links nobody can forge, and personal numbers compared without
keeping them readable."""

import hashlib
import hmac

from frappe.utils.password import get_encryption_key


def site_digest(message: str) -> str:
	"""HMAC-SHA256 of `message` under the site's encryption key, as hex."""
	return hmac.new(get_encryption_key().encode(), message.encode(), hashlib.sha256).hexdigest()
