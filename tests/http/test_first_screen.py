"""The 工建 workspace's number cards for a scoped user: listed, and each computed (issue 9, item 2)."""

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
			assert isinstance(result.json()["message"]["value"], int | float), card
