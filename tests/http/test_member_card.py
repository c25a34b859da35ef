"""Member cards (会员证) as PDFs, through the desk's own download door on the served site: the PDF
renderer fetches the print styles from the site, as it does for users."""

import io

import frappe
import pytest
from pypdf import PdfReader

from tests import factories


def pdf_text(pdf: bytes) -> str:
	return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def cards(site):
	village = factories.village()
	unit = factories.enterprise(village)
	union = factories.union("Base Union Committee", village, [unit])
	member = factories.member(union, unit, member_name="王秀英", card_number="GH99990001")
	rows = [
		{"member_name": name, "id_number": factories.resident_id(), "employment_kind": "1"}
		for name in ("李春梅", "张建国")
	]
	batch = frappe.get_doc(
		{"doctype": "Enrollment Batch", "title": "集中入会", "union": union, "village": village, "rows": rows}
	).insert()
	batch.submit()
	# Through the API the batch keeps only the rows that need attention: none here.
	from gongjian.enrollment import enroll

	api_batch = enroll(
		union,
		village,
		[
			{"member_name": name, "id_number": factories.resident_id(), "employment_kind": "1"}
			for name in ("赵海燕", "孙志强")
		],
	)["batch"]
	frappe.db.commit()
	return {"member": member, "batch": batch.name, "api_batch": api_batch}


def download_pdf(client, doctype, name, print_format) -> bytes:
	assert client.login("Administrator", frappe.conf.get("gongjian_test_admin_password")).status_code == 200
	response = client.get(
		"/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": doctype, "name": name, "format": print_format, "_lang": "zh"},
	)
	assert response.status_code == 200, response.text[:500]
	assert response.content.startswith(b"%PDF")
	return response.content


def test_member_card_pdf_has_the_name_card_number_and_title(client, cards):
	text = pdf_text(download_pdf(client, "Union Member", cards["member"], "Member Card"))
	assert "王秀英" in text
	assert "GH99990001" in text
	assert "会员证" in text


def test_a_batch_prints_one_card_per_enrolled_row(client, cards):
	text = pdf_text(download_pdf(client, "Enrollment Batch", cards["batch"], "Batch Member Cards"))
	assert "李春梅" in text and "张建国" in text


def test_a_batch_enrolled_through_the_api_prints_every_card(client, cards):
	assert not frappe.get_all("Enrollment Row", filters={"parent": cards["api_batch"]})
	text = pdf_text(download_pdf(client, "Enrollment Batch", cards["api_batch"], "Batch Member Cards"))
	assert "赵海燕" in text and "孙志强" in text
	assert text.count("GH") == 2  # two cards, each with its number
