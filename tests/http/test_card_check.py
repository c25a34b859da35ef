"""The member card's check page (issue 14, gongjian/member_card.py), over real HTTP as a guest: a card's
signed link says whether it is valid with the name masked; a forged or unsigned link, or too many
checks from one address, say nothing of anyone; guests reach nothing else through it."""

import random
from urllib.parse import urlsplit

import frappe
import pytest

from gongjian.member_card import CHECKS_PER_WINDOW, card_check_url, card_signature, masked_name
from tests import factories


@pytest.fixture(scope="module")
def cards(site):
	village = factories.village()
	unit = factories.enterprise(village)
	union = factories.union("Base Union Committee", village, [unit])
	valid = factories.member(union, unit, member_name="王秀英", card_number="GH99980001")
	left = frappe.get_doc(
		"Union Member", factories.member(union, unit, member_name="陈志远", card_number="GH99980002")
	)
	left.update({"status": "Withdrawn", "exit_reason": "Retired", "exit_on": "2026-01-31"})
	left.save()
	frappe.db.commit()
	return frappe._dict(union=union, valid=valid)


def check_page(client, number: str, signature: str | None = None, address: str | None = None):
	link = urlsplit(card_check_url(number))
	params = (
		{"n": number, "s": signature}
		if signature is not None
		else dict(part.split("=", 1) for part in link.query.split("&"))
	)
	headers = {"X-Forwarded-For": address or f"203.0.113.{random.randint(1, 254)}"}
	return client.get(link.path, params=params, headers=headers, allow_redirects=False)


def test_a_cards_link_says_it_is_valid_with_the_name_masked(client, cards):
	page = check_page(client, "GH99980001")
	assert page.status_code == 200, page.text[:300]
	assert "会员证有效" in page.text and masked_name("王秀英") in page.text and cards.union in page.text
	assert "王秀英" not in page.text
	assert "<dd>会员</dd>" in page.text  # the status, in Chinese
	assert ">GH99980001<" not in page.text  # the card number is in the link only


def test_a_withdrawn_members_card_is_no_longer_valid(client, cards):
	page = check_page(client, "GH99980002")
	assert "会员证已失效" in page.text and masked_name("陈志远") in page.text and "陈志远" not in page.text


@pytest.mark.parametrize(
	"number, signature",
	[
		("GH99980001", "0" * 20),  # forged
		("GH99980001", ""),  # unsigned
		("GH99989999", None),  # signed, but no such card
		("GH99980001" * 10, "x"),  # oversized
	],
)
def test_a_link_that_is_not_a_cards_says_nothing_of_anyone(client, cards, number, signature):
	if signature is None:
		signature = card_signature(number)
	page = check_page(client, number, signature)
	assert page.status_code == 200 and "不是会员证" in page.text, page.text[:300]
	assert masked_name("王秀英") not in page.text and cards.union not in page.text


def test_one_address_is_limited(client, cards):
	address = f"192.0.2.{random.randint(1, 254)}"
	statuses = [
		check_page(client, "GH99980001", address=address).status_code for _ in range(CHECKS_PER_WINDOW + 1)
	]
	assert set(statuses[:CHECKS_PER_WINDOW]) == {200} and statuses[-1] == 429, statuses[-5:]
	limited = check_page(client, "GH99980001", address=address)
	assert "核验次数过多" in limited.text and masked_name("王秀英") not in limited.text
	# another address still checks
	assert check_page(client, "GH99980001").status_code == 200


def test_the_cards_qr_code_holds_its_check_link(cards):
	from gongjian.printing import card_qr_svg

	link = card_check_url("GH99980001")
	assert urlsplit(link).path == "/card-check" and card_signature("GH99980001") in link
	assert card_qr_svg("GH99980001") != card_qr_svg("GH99980002")


def test_guests_reach_nothing_else_under_the_check_path(client, cards):
	for path in ("/card-check/../app", "/card-check.py", "/api/method/gongjian.member_card.check"):
		response = client.get(path, allow_redirects=False)
		assert response.status_code != 200 or "会员证核验" in response.text, (path, response.status_code)
	assert (
		client.get(
			"/api/resource/Union Member", params={"filters": '{"card_number": "GH99980001"}'}
		).status_code
		== 403
	)


def test_a_print_view_signs_only_cards_its_user_may_read(server, site):
	"""Attacker review: a village user printed a member card from a document given as JSON with another
	village's card number, and its QR code held that card's signed link. A print view now prints the
	stored record, and a card's QR code is signed only for a member its user may read."""
	import json

	from gongjian.printing import card_qr_svg
	from tests.http.conftest import SiteClient
	from tests.http.world import PASSWORD, build_world

	world = build_world()
	own, other = world["A"]["Union Member"], world["B"]["Union Member"]
	other_card = frappe.db.get_value("Union Member", other, "card_number")
	view = "/api/method/frappe.www.printview.get_html_and_style"
	with SiteClient(server, site) as client:
		assert client.login(world["users"]["Village User"], PASSWORD).ok
		stored = client.post(view, data={"doc": "Union Member", "name": own, "print_format": "Member Card"})
		forged = client.post(
			view,
			data={
				"doc": json.dumps({"doctype": "Union Member", "name": own, "card_number": other_card}),
				"print_format": "Member Card",
			},
		)
		assert stored.ok and forged.ok, forged.text[:300]
		assert forged.json()["message"]["html"] == stored.json()["message"]["html"]
		unsaved = client.post(
			view,
			data={
				"doc": json.dumps(
					{
						"doctype": "Union Member",
						"name": "new-union-member-1",
						"__islocal": 1,
						"card_number": other_card,
					}
				),
				"print_format": "Member Card",
			},
		)
		assert unsaved.status_code == 403 and other_card not in unsaved.text, unsaved.text[:300]
	frappe.set_user(world["users"]["Village User"])
	try:
		nothing = card_qr_svg("")
		assert card_qr_svg(other_card) == nothing
		assert card_qr_svg(frappe.db.get_value("Union Member", own, "card_number")) != nothing
	finally:
		frappe.set_user("Administrator")
