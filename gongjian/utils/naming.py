"""Readable record names: a pinyin prefix and a counter of its own (HY-000123 for a member), in place
of Frappe's random hash, which a clerk would read as English and could not tell apart."""

import frappe
from frappe.model.naming import make_autoname
from frappe.query_builder import DocType

# DocType: naming series. `.YYYY.` is the year the record is made; each prefix counts on its own.
READABLE_SERIES = {
	"Union Member": "HY-.######",  # 会员
	"Union Organizer": "ZDY-.####",  # 指导员
	"Collective Contract": "HT-.YYYY.-.####",  # 合同
	"Union Activity": "HD-.YYYY.-.#####",  # 活动
	"Union Election": "XJ-.YYYY.-.####",  # 选举
	"Party Recommendation": "TY-.YYYY.-.####",  # 推优
}


def set_readable_name(doc) -> None:
	"""`autoname` of the DocTypes in READABLE_SERIES."""
	doc.name = make_autoname(READABLE_SERIES[doc.doctype], doc=doc)


def series_prefix(doctype: str, year: int | str | None = None) -> str:
	"""The counter key of a DocType's series, e.g. "HT-2026-" (the year defaults to this year)."""
	series = READABLE_SERIES[doctype].rsplit(".", 1)[0]
	year = str(year or frappe.utils.nowdate()[:4])
	return series.replace(".YYYY.", year).replace(".", "")


def ensure_series(prefix: str) -> None:
	"""Create a counter row once, at install: made inside concurrent inserts, it deadlocks."""
	series = DocType("Series")
	frappe.qb.into(series).columns(series.name, series.current).insert(prefix, 0).ignore().run()


def raise_counter(key: str, count: int) -> int:
	"""Raise a Series counter by `count` and return its new value. The update locks the row until the
	transaction ends, so concurrent callers never share a number; a rollback gives the numbers back."""
	series = DocType("Series")
	frappe.qb.update(series).set(series.current, series.current + count).where(series.name == key).run()
	last = frappe.qb.from_(series).select(series.current).where(series.name == key).run()
	if not last:
		frappe.throw(frappe._("The counter {0} is missing: run bench migrate").format(key))
	return last[0][0]


def allocate_names(doctype: str, count: int) -> list[str]:
	"""`count` new names of a DocType at once, for bulk inserts."""
	if count <= 0:
		return []
	prefix = series_prefix(doctype)
	digits = len(READABLE_SERIES[doctype].rsplit(".", 1)[1])
	last = raise_counter(prefix, count)
	return [f"{prefix}{number:0{digits}d}" for number in range(last - count + 1, last + 1)]
