"""The kept member counts start from a recount of the members already registered."""

from gongjian.member_counts import rebuild


def execute():
	rebuild()
