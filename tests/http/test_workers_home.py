"""职工之家 (issue 11): only the town rates a union a workers' home, for one year, over REST as in the desk."""

from datetime import date

import frappe

from tests.http.conftest import server_messages

RATING = {"workers_home": 1, "workers_home_year": date.today().year, "workers_home_criteria": "组织健全"}


def rating(union: str) -> tuple:
	frappe.db.rollback()  # what the server committed
	return frappe.db.get_value("Trade Union", union, ["workers_home", "workers_home_year"])


def test_a_village_user_cannot_rate_their_own_union(sessions, world):
	union = world["A"]["Trade Union"]
	before = rating(union)
	response = sessions["Village User"].put(f"/api/resource/Trade Union/{union}", json=RATING)
	assert response.status_code in (200, 403, 417), response.text[:300]
	assert rating(union) == before  # Frappe keeps the town's fields as they were


def test_the_town_rates_a_union_for_one_year(sessions, world):
	union = world["A"]["Trade Union"]
	response = sessions["Gongjian Manager"].put(f"/api/resource/Trade Union/{union}", json=RATING)
	assert response.ok, response.text[:300]
	assert rating(union) == (1, date.today().year)
	lapsed = sessions["Gongjian Manager"].put(
		f"/api/resource/Trade Union/{union}", json={**RATING, "workers_home_year": 1990}
	)
	assert lapsed.status_code == 417 and "职工之家评定年度" in server_messages(lapsed)
