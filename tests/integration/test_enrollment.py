import threading

import frappe
import pytest

from gongjian.enrollment import enroll
from gongjian.rules.identifiers import id_check_char
from tests import factories
from tests.site import site_paths


def person(seed: int) -> str:
	first17 = f"33018219{80 + seed % 20:02d}{seed % 12 + 1:02d}{seed % 28 + 1:02d}{seed % 1000:03d}"
	return first17 + id_check_char(first17)


@pytest.fixture
def town():
	village = factories.village()
	unit = factories.enterprise(village, staff=40)
	return frappe._dict(
		village=village, unit=unit, union=factories.union("Base Union Committee", village, [unit])
	)


def row(name: str, id_number: str, **fields) -> dict:
	return {"member_name": name, "id_number": id_number, "employment_kind": "2 农民工", **fields}


def batch(town, rows: list[dict]):
	return frappe.get_doc(
		{
			"doctype": "Enrollment Batch",
			"title": "春节返乡入会",
			"campaign": "春节返乡",
			"union": town.union,
			"village": town.village,
			"rows": rows,
		}
	).insert()


def batch_with_roster(town, file_name: str, content: bytes):
	"""An empty batch with `content` attached as its roster, as the desk's upload leaves it."""
	doc = batch(town, [])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": "Enrollment Batch",
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": content,
		}
	).insert()
	doc.db_set("roster", file.file_url)
	return doc


def test_every_kind_of_bad_row_is_reported_and_nothing_is_written(town):
	good = person(1)
	rows = [
		row("甲", good, employer=town.unit),
		row("乙", good[:-1] + ("0" if good[-1] != "0" else "1")),  # bad check digit
		row("丙", "330182198502290013"),  # no 29 February in 1985
		row("", person(2)),  # missing name
		row("丁", person(3), employer="不存在的单位"),  # unknown employer
		row("戊", person(4), employment_kind="9 其他"),  # not a template code
		row("己", good),  # repeats row 1
		row("庚", person(5), union="不存在的工会"),  # unknown union
		row("辛", person(6)),
	]
	before = frappe.db.count("Union Member")
	frappe.local.lang = "zh"
	doc = batch(town, rows)
	statuses = [r.row_status for r in doc.rows]
	assert statuses == ["Valid"] + ["Invalid"] * 7 + ["Valid"]
	assert "校验码不符" in doc.rows[1].errors
	assert "出生日期" in doc.rows[2].errors
	assert "重复" in doc.rows[6].errors
	assert (doc.total_rows, doc.valid_rows, doc.invalid_rows) == (9, 2, 7)
	assert frappe.db.count("Union Member") == before

	doc.submit()
	assert frappe.db.count("Union Member") == before + 2
	enrolled = [r for r in doc.rows if r.row_status == "Enrolled"]
	assert {r.member_name for r in enrolled} == {"甲", "辛"}
	assert all(
		r.card_number and frappe.db.get_value("Union Member", r.member, "card_number") == r.card_number
		for r in enrolled
	)
	member = frappe.get_doc("Union Member", enrolled[0].member)
	assert (member.employment_kind, member.village, member.enrollment_batch) == (
		"Migrant Worker",
		town.village,
		doc.name,
	)


def test_a_resubmitted_roster_creates_nobody_twice(town):
	rows = [row("甲", person(11)), row("乙", person(12))]
	batch(town, rows).submit()
	count = frappe.db.count("Union Member")
	again = batch(town, rows)
	assert [r.row_status for r in again.rows] == ["Already Enrolled", "Already Enrolled"]
	# every row read is counted once: valid, invalid, offered as a transfer or already a member
	assert (again.total_rows, again.member_rows, again.valid_rows, again.invalid_rows) == (2, 2, 0, 0)
	with pytest.raises(frappe.ValidationError):
		again.submit()
	assert frappe.db.count("Union Member") == count


def test_a_member_elsewhere_is_offered_as_a_transfer(town):
	elsewhere = factories.member(
		factories.union("Joint Base Union", town.village, [factories.enterprise(town.village)])
	)
	id_number = factories.whole_number("Union Member", elsewhere)
	doc = batch(town, [row("甲", id_number)])
	assert doc.rows[0].row_status == "Transfer Offered"
	assert doc.rows[0].member == elsewhere


def test_rest_enroll_returns_per_row_results(town):
	result = enroll(town.union, town.village, [row("甲", person(21)), row("乙", "123")])
	outcome = {r["id_number"]: r["status"] for r in result["rows"]}
	assert outcome[person(21)] == "Enrolled"
	assert outcome["123"] == "Invalid"


def test_concurrent_batches_never_share_a_card_number(town):
	frappe.db.commit()  # the threads' own connections must see the town
	sites_path, site = site_paths()
	numbers, errors = [], []
	ids = [[factories.resident_id() for _ in range(25)] for _ in range(2)]  # people nobody has enrolled

	def submit(offset: int):
		frappe.init(site=site, sites_path=str(sites_path))
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			doc = batch(
				town, [row(f"并发{offset}-{i}", id_number) for i, id_number in enumerate(ids[offset])]
			)
			doc.submit()
			frappe.db.commit()
			numbers.extend(r.card_number for r in doc.rows)
		except Exception as error:  # reported below
			errors.append(error)
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=submit, args=(k,)) for k in range(2)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	assert not errors, errors
	assert len(numbers) == 50 and len(set(numbers)) == 50


def test_a_filled_template_is_read_checked_and_reported(town):
	import io

	from openpyxl import load_workbook

	from gongjian.enrollment import download_error_report, download_template, load_roster

	frappe.local.lang = "zh"
	download_template()
	book = load_workbook(io.BytesIO(frappe.response["filecontent"]))
	sheet = book.active
	assert [c.value for c in sheet[1]][:2] == ["姓名", "身份证号码"]
	# what is typed under ID number and phone stays text (clerk review: Excel made an ID a number)
	assert sheet.column_dimensions["B"].number_format == "@"
	sheet.append(["甲", person(31), "", "2 农民工", "5 本科", "", "1 是", "2 源头入会", town.unit])
	sheet.append(["乙", "110105194912310021", "", "1 正式职工"])  # bad check digit
	sheet.append(["丙", float(person(32)), "", "1 正式职工"])  # typed into a general cell elsewhere
	out = io.BytesIO()
	book.save(out)
	doc = batch_with_roster(town, "花名册.xlsx", out.getvalue())
	assert load_roster(doc.name) == {"total": 3, "valid": 1, "invalid": 2, "transfer": 0}
	doc.reload()
	first = doc.rows[0]
	assert (first.row_no, first.employment_kind, first.education, first.migrant, first.join_channel) == (
		2,
		"Migrant Worker",
		"Bachelor",
		1,
		"At Source",
	)
	download_error_report(doc.name)
	report = load_workbook(io.BytesIO(frappe.response["filecontent"])).active
	lines = [[c.value for c in row] for row in report.iter_rows(min_row=2)]
	# the report names the wrong number masked, as every export does (the row number finds it)
	assert lines[0] == [3, "乙", "110105********0021", "身份证号码: 校验码不符"]
	assert lines[1][::3] == [4, "身份证号码: 被表格存成了数字，末几位已丢失：请把该列设为文本后重新输入"]
	assert len(lines) == 2
	doc.reload()
	doc.submit()
	with pytest.raises(frappe.ValidationError) as refused:  # a submitted batch's rows stay as enrolled
		load_roster(doc.name)
	assert "已提交的批次不能重新读取花名册" in str(refused.value)


def test_a_roster_longer_than_a_batch_holds_is_refused_before_it_is_read(town):
	"""Attacker review: reading a 10,000-row roster into a batch of 10,000 rows ended in a server error."""
	from gongjian.enrollment import MOST_ROSTER_ROWS, header_labels, load_roster

	frappe.local.lang = "zh"
	lines = [",".join(header_labels())]
	lines += [f"人{i},{person(i)},,1" for i in range(MOST_ROSTER_ROWS + 1)]
	doc = batch_with_roster(town, "花名册.csv", "\n".join(lines).encode())
	with pytest.raises(frappe.ValidationError) as refused:
		load_roster(doc.name)
	assert f"一份花名册最多{MOST_ROSTER_ROWS}行，这份有{MOST_ROSTER_ROWS + 1}行" in str(refused.value)
	assert frappe.db.count("Enrollment Row", {"parent": doc.name}) == 0
