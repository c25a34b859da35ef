"""The test site served by gunicorn on a free local port, for tests that go through real HTTP."""

import json

import pytest
import requests

from tests.site import connect_site


@pytest.fixture(scope="session")
def site():
	import frappe

	name = connect_site()
	yield name
	frappe.destroy()


@pytest.fixture(scope="session")
def server(gunicorn, site):
	# PDFs (member cards) fetch their styles from the site's own address.
	from frappe.installer import update_site_config

	update_site_config("host_name", gunicorn)
	return gunicorn


class SiteClient(requests.Session):
	"""A requests session bound to the served test site."""

	def __init__(self, base: str, site: str):
		super().__init__()
		self.base = base
		self.headers["X-Frappe-Site-Name"] = site

	def request(self, method, url, *args, **kwargs):
		kwargs.setdefault("timeout", 60)
		return super().request(method, self.base + url, *args, **kwargs)

	def login(self, user: str, password: str) -> requests.Response:
		return self.post("/api/method/login", data={"usr": user, "pwd": password})


def open_sessions(server: str, site: str, users: dict[str, str], password: str) -> dict[str, SiteClient]:
	"""A signed-in session per key of `users` (role -> user); close them with close_sessions."""
	sessions = {}
	for key, user in users.items():
		session = SiteClient(server, site)
		assert session.login(user, password).status_code == 200, (key, user)
		sessions[key] = session
	return sessions


def signed_in(server: str, site: str, user: str, password: str = "") -> SiteClient:
	"""A session signed in as `user` (the tests' shared password by default); usable with `with`."""
	from tests.http.world import PASSWORD

	session = SiteClient(server, site)
	assert session.login(user, password or PASSWORD).ok, user
	return session


def close_sessions(sessions: dict[str, SiteClient]) -> None:
	for session in sessions.values():
		session.close()


def server_messages(response) -> str:
	"""The messages Frappe sends with an error response (msgprint), joined."""
	body = response.json()
	return " ".join(json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages", "[]")))


@pytest.fixture
def client(server, site):
	with SiteClient(server, site) as session:
		yield session


# A module's own world of villages A and B (tests/http/world.py) and a signed-in session per role; a
# module that needs more in its world defines its own `world`.
@pytest.fixture(scope="module")
def world(site):
	from tests.http.world import build_world

	return build_world()


@pytest.fixture(scope="module")
def sessions(server, site, world):
	from tests.http.world import PASSWORD

	opened = open_sessions(server, site, world["users"], PASSWORD)
	yield opened
	close_sessions(opened)
