"""Filtering by a list of record names that may hold thousands."""

# Above this many names, reading every row and keeping the wanted ones in Python is faster than an IN
# list: Frappe escapes each name, and MariaDB looks each one up.
MANY_NAMES = 2000


def name_filter(field: str, names) -> dict:
	"""`{field: ["in", names]}` for a short list, else no filter: the caller keeps the rows of `names`
	(the rows are then every record's, never more than a full read of the table)."""
	names = list(names)
	return {field: ["in", names or [""]]} if len(names) <= MANY_NAMES else {}


def among(query, column, names):
	"""A query builder `query` limited to `names` of `column` when they are few (name_filter's rule): the
	caller keeps the rows it asked for."""
	if names is None or len(names) > MANY_NAMES:
		return query
	return query.where(column.isin(sorted(names) or [""]))
