"""Errors raised by gongjian; each is a ValidationError so the save stops and nothing is written."""

import frappe


class GongjianValidationError(frappe.ValidationError):
	pass


class InvalidIdentifierError(GongjianValidationError):
	"""A unified social credit code or resident ID that fails its check."""


class PolicyViolationError(GongjianValidationError):
	"""A 'blocks' rule of the catalogue (DESIGN.md §3) stopped the save; the message names the rule."""


class InvalidValueError(GongjianValidationError):
	"""A value of the wrong type, out of range, linking to nothing, oversize or with markup."""


class StaffFiguresError(GongjianValidationError):
	"""Staff figures whose 其中 subsets do not fit in the staff total (R09)."""
