"""/my-card: a worker opens their electronic member card (gongjian.join.open_card)."""

from frappe import _

no_cache = 1


def get_context(context):
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.title = _("My Member Card")
	return context
