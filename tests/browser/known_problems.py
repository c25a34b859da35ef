"""English the browser suite still finds and that is known, each with the open work it waits for.

A word matching one of these patterns does not fail a journey; every page where one is met is
counted and printed in the summary (`… known`), so the figure can only go down. Any other word, and
any console error, failed request or dialog, fails. Remove a line when its work lands; never add one
to make a new problem pass."""

import re

# (page pattern, word pattern, the open work)
KNOWN_ENGLISH: list[tuple[str, str, str]] = []  # none known now
KNOWN_SEEN: list[str] = []  # the pages where known English was met in this run, for the summary


def split_known(problems: list[str]) -> tuple[list[str], list[str]]:
	"""(new problems, known problems). An English line is known when each of its words is."""
	new, known = [], []
	for problem in problems:
		page, sep, words = problem.partition(": english: ")
		if not sep:
			new.append(problem)
			continue
		unknown = [
			word
			for word in words.split()
			if not any(re.search(on, page) and re.search(known, word) for on, known, _why in KNOWN_ENGLISH)
		]
		if unknown:
			new.append(f"{page}: english: {' '.join(unknown)}")
		if len(unknown) < len(words.split()):
			known.append(problem)
	return new, known
