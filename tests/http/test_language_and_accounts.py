"""The language and the accounts of a township office, through real HTTP (issue 9, items 7, 11, 19):
guests and new accounts speak the site's language, the login page carries the app's own name."""

import frappe
import pytest

from tests import factories
from tests.http.conftest import SiteClient
from tests.http.conftest import server_messages as messages
from tests.http.world import PASSWORD, grant

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}
CHINESE_BROWSER = {"Accept-Language": "zh-CN,zh;q=0.9"}


def has_chinese(text: str) -> bool:
	return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def admin(server, site):
	with SiteClient(server, site) as client:
		assert client.login("Administrator", frappe.conf.get("gongjian_test_admin_password")).ok
		yield client


# ---- item 7: the login page speaks the site's language to any browser ----


def test_login_page_is_chinese_for_an_english_browser(client):
	page = client.get("/login", headers=ENGLISH_BROWSER)
	assert page.status_code == 200
	assert "登录" in page.text, page.text[:500]
	assert "Login to" not in page.text
	assert '<html lang="zh"' in page.text


def test_login_page_carries_the_app_name_and_no_email_link(client):
	page = client.get("/login", headers=ENGLISH_BROWSER).text
	assert "<h4>登录工建</h4>" in page, page[:500]
	assert "Frappe" not in page.split("<h4>", 1)[1].split("</h4>", 1)[0]
	assert 'href="#login-with-email-link"' not in page  # the office sends no mail
	assert "frappeframework.com?source=website_footer" not in page  # footer: "Built on Frappe"


def test_a_guest_who_chose_a_language_keeps_it(client):
	page = client.get("/login", headers=ENGLISH_BROWSER, cookies={"preferred_language": "en"})
	assert '<html lang="en"' in page.text


# ---- item 11: an account made without a language speaks Chinese from its first request ----


def test_account_made_without_a_language_gets_chinese_messages(admin, server, site):
	email = f"{factories.unique('nolang')}@example.com"
	made = admin.post(
		"/api/resource/User",
		json={"email": email, "first_name": "新文书", "send_welcome_email": 0, "new_password": PASSWORD},
	)
	assert made.status_code == 200, made.text[:300]
	assert made.json()["data"]["language"] == "zh"
	frappe.db.commit()  # a fresh snapshot, which sees the user the server just made
	village = factories.village()
	union = factories.union("Base Union Committee", village, [factories.enterprise(village)])
	grant(email, "Village User", villages=[{"village": village}])
	frappe.db.commit()
	with SiteClient(server, site) as clerk:
		clerk.headers.update(ENGLISH_BROWSER)
		assert clerk.login(email, PASSWORD).status_code == 200
		response = clerk.post(
			"/api/resource/Union Member",
			json={
				"member_name": "错证",
				"id_number": "110105194912310021",
				"union": union,
				"village": village,
			},
		)
	assert 400 <= response.status_code < 500, response.text[:300]
	text = messages(response)
	assert has_chinese(text) and "check digit" not in text, text
