import frappe
import pytest

from tests.http.world import build_world


@pytest.fixture(scope="module")
def world(site):
	return build_world()


def test_guest_gets_the_login_page_and_nothing_else(client, world):
	login = client.get("/login")
	assert login.status_code == 200 and "login" in login.text.lower()
	assert client.get("/app", allow_redirects=False).status_code in (301, 302, 303, 307, 308)
	for path in ("/me", "/contact", "/blog", "/private/files/x.txt"):
		assert client.get(path, allow_redirects=False).status_code in (401, 403, 404), path
	# A public file that does not exist: Frappe's static file server answers with an error, not content.
	assert client.get("/files/x.txt", allow_redirects=False).status_code != 200
	for doctype in ("Enterprise", "Union Member", "Village", "File", "User"):
		assert client.get(f"/api/resource/{doctype}").status_code == 403, doctype
	for method in (
		"gongjian.api.compliance",
		"frappe.client.get_count?doctype=Enterprise",
		"frappe.desk.search.search_link?doctype=Village&txt=",
	):
		assert client.get(f"/api/method/{method}").status_code == 403, method
	url = world["files"]["A"]["Enterprise"]
	assert client.get(url, allow_redirects=False).status_code != 200


def test_api_token_user_sees_only_its_scope(client, world):
	user = frappe.get_doc("User", world["users"]["Village User"])
	secret = frappe.generate_hash(length=15)
	user.api_key = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.flags.ignore_permissions = True
	user.save()
	frappe.db.commit()
	headers = {"Authorization": f"token {user.api_key}:{secret}"}

	listing = client.get("/api/resource/Enterprise", params={"limit_page_length": 0}, headers=headers)
	assert listing.status_code == 200
	names = {row["name"] for row in listing.json()["data"]}
	assert world["A"]["Enterprise"] in names
	assert world["B"]["Enterprise"] not in names
	assert (
		client.get(f"/api/resource/Enterprise/{world['B']['Enterprise']}", headers=headers).status_code == 403
	)
	assert (
		client.get(f"/api/resource/Enterprise/{world['A']['Enterprise']}", headers=headers).status_code == 200
	)
	compliance = client.get("/api/method/gongjian.api.compliance", headers=headers).json()["message"]
	assert world["B"]["Enterprise"] not in {row["unit"] for row in compliance}
	bad = {"Authorization": f"token {user.api_key}:wrong-secret"}
	assert client.get("/api/resource/Enterprise", headers=bad).status_code in (401, 403)
