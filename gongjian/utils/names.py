"""Filtering by a list of record names that may hold thousands."""

# Above this many names, reading every row and keeping the wanted ones in Python is faster than an IN
# list: Frappe escapes each name, and MariaDB looks each one up.
MANY_NAMES = 2000


def name_filter(field: str, names) -> dict:
	"""`{field: ["in", names]}` for a short list, else no filter: the caller keeps the rows of `names`
	(the rows are then every record's, never more than a full read of the table)."""
	names = list(names)
	return {field: ["in", names or [""]]} if len(names) <= MANY_NAMES else {}
