"""Enrollment benchmark: `bench --site SITE gongjian-benchmark-enrollment [--rows 10000]`.

Enrolls the same kind of roster twice on one machine, each time with fresh people: once through an
Enrollment Batch (every row checked, members and card numbers created) and once through Frappe's
own Data Import into Union Member, and prints rows per second and the ratio. Use a scratch site.
"""

import contextlib
import csv
import io
import os
import tempfile
import time

import frappe

from gongjian.rules.identifiers import id_check_char

PREFIX = "ER"


def people(start: int, count: int) -> list[tuple[str, str]]:
	"""(name, resident ID) pairs, unique by construction: birth date and sequence from the serial."""
	out = []
	for serial in range(start, start + count):
		day, seq = divmod(serial, 1000)
		year, rest = divmod(day, 336)
		first17 = f"110101{1960 + year:04d}{rest // 28 + 1:02d}{rest % 28 + 1:02d}{seq:03d}"
		out.append((f"会员{serial}", first17 + id_check_char(first17)))
	return out


def setting_up() -> tuple[str, str, str]:
	township = f"{PREFIX}镇"
	if not frappe.db.exists("Township", township):
		frappe.get_doc({"doctype": "Township", "township_name": township}).insert()
		frappe.get_doc({"doctype": "Village", "village_name": f"{PREFIX}村", "township": township}).insert()
		frappe.get_doc(
			{
				"doctype": "Enterprise",
				"enterprise_name": f"{PREFIX}单位",
				"category": "Non-public Enterprise",
				"village": f"{PREFIX}村",
				"staff_total": 100,
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Trade Union",
				"union_name": f"{PREFIX}工会",
				"union_kind": "Base Union Committee",
				"village": f"{PREFIX}村",
				"covered_units": [{"enterprise": f"{PREFIX}单位"}],
			}
		).insert()
		frappe.db.commit()
	return f"{PREFIX}村", f"{PREFIX}单位", f"{PREFIX}工会"


def time_batch(rows: list[tuple[str, str]], village: str, unit: str, union: str) -> float:
	"""The roster as the API takes it (gongjian.enrollment.enroll): checked, enrolled, card numbers."""
	from gongjian.enrollment import enroll

	start = time.perf_counter()
	result = enroll(
		union,
		village,
		[
			{"member_name": name, "id_number": number, "employment_kind": "1", "employer": unit}
			for name, number in rows
		],
		title="benchmark",
	)
	frappe.db.commit()
	elapsed = time.perf_counter() - start
	enrolled = sum(row["status"] == "Enrolled" for row in result["rows"])
	assert enrolled == len(rows), enrolled
	return elapsed


def time_data_import(rows: list[tuple[str, str]], village: str, unit: str, union: str) -> float:
	from frappe.core.doctype.data_import.data_import import import_file

	path = os.path.join(tempfile.mkdtemp(), "union_member.csv")
	with open(path, "w", newline="", encoding="utf-8") as fh:
		writer = csv.writer(fh)
		writer.writerow(
			["Name", "ID Number", "Trade Union", "Employer", "Village", "Employment Kind", "Join Channel"]
		)
		for name, number in rows:
			writer.writerow([name, number, union, unit, village, "Formal", "Batch"])
	before = frappe.db.count("Union Member")
	start = time.perf_counter()
	with contextlib.redirect_stdout(io.StringIO()):  # its progress bar
		import_file("Union Member", path, "Insert", console=True)
	frappe.db.commit()
	elapsed = time.perf_counter() - start
	imported = frappe.db.count("Union Member") - before
	assert imported == len(rows), imported
	return elapsed


def run(rows: int = 10_000) -> tuple[float, float]:
	village, unit, union = setting_up()
	offset = frappe.db.count("Union Member") + 1_000_000
	ours = time_batch(people(offset, rows), village, unit, union)
	theirs = time_data_import(people(offset + rows, rows), village, unit, union)
	ours_rate, theirs_rate = rows / ours, rows / theirs
	print(f"enrollment batch: {rows} rows in {ours:.1f} s = {ours_rate:.0f} rows/s")
	print(f"Frappe Data Import: {rows} rows in {theirs:.1f} s = {theirs_rate:.0f} rows/s")
	print(f"ratio: {ours_rate / theirs_rate:.1f}x")
	return ours_rate, theirs_rate
