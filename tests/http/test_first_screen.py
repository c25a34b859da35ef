"""The 工建 workspace's number cards for a scoped user: listed, and each computed (issue 9, item 2)."""

import re

import pytest

from tests.http.conftest import SiteClient
from tests.http.world import PASSWORD, build_world

CARDS = (
	"Gongjian Formation Rate",
	"Gongjian Membership Rate",
	"Gongjian Workers Home Rate",
	"Gongjian Open Warnings",
)


@pytest.fixture(scope="module")
def world(site):
	return build_world()


@pytest.mark.parametrize("role", ["Village User", "Enterprise User", "Union Organizer", "Gongjian Viewer"])
def test_every_role_gets_the_number_cards_of_its_first_screen(server, site, world, role):
	with SiteClient(server, site) as client:
		assert client.login(world["users"][role], PASSWORD).ok
		listed = client.get("/api/resource/Number Card", params={"limit_page_length": 0}).json()["data"]
		assert set(CARDS) <= {row["name"] for row in listed}
		for card in CARDS:
			doc = client.get(f"/api/resource/Number Card/{card}").json()["data"]
			# A custom card calls its own method, as the desk's number card widget does.
			result = client.post(f"/api/method/{doc['method']}", data={"filters": "{}"})
			assert result.ok, (card, result.text[:300])
			answer = result.json()["message"]
			assert isinstance(answer["value"], int | float), card
			# what the figure counts and when, in Chinese (issue 9, item 20)
			assert "截至" in answer["detail"] and re.search(r"\d", answer["detail"]), (card, answer)


@pytest.mark.parametrize("role", ["Village User", "Enterprise User", "Union Organizer"])
def test_scoped_roles_are_not_offered_the_town_policy_settings(server, site, world, role):
	"""The policy parameters are the town's to set: a scoped user's workspace does not offer them, and
	the record is not theirs to open (issue 9, item 5)."""
	with SiteClient(server, site) as client:
		assert client.login(world["users"][role], PASSWORD).ok
		page = client.post(
			"/api/method/frappe.desk.desktop.get_desktop_page",
			data={"page": '{"name": "Gongjian", "title": "Gongjian", "public": 1}'},
		)
		assert page.ok, page.text[:300]
		shortcuts = page.json()["message"]["shortcuts"]["items"]
		assert shortcuts and "Gongjian Settings" not in {item.get("link_to") for item in shortcuts}
		settings = client.get("/api/resource/Gongjian Settings/Gongjian Settings")
		assert settings.status_code == 403
