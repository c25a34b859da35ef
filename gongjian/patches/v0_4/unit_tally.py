"""Each unit's kept figures start from a recount of the registers."""

from gongjian import unit_tally


def execute():
	unit_tally.rebuild()
