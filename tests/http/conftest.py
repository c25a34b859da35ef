"""The test site served by gunicorn on a free local port, for tests that go through real HTTP."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.site import connect_site, site_paths


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site():
	import frappe

	name = connect_site()
	yield name
	frappe.destroy()


@pytest.fixture(scope="session")
def server(site):
	sites_path, _site = site_paths()
	port = free_port()
	gunicorn = Path(sys.executable).parent / "gunicorn"
	log = open(sites_path.parent / "logs" / "gongjian-test-http.log", "w")  # noqa: SIM115
	process = subprocess.Popen(
		[
			str(gunicorn),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			"2",
			"-t",
			"120",
			"frappe.app:application_with_statics()",
		],
		cwd=sites_path,
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	base = f"http://127.0.0.1:{port}"
	# PDFs (member cards) fetch their styles from the site's own address.
	from frappe.installer import update_site_config

	update_site_config("host_name", base)
	deadline = time.monotonic() + 60
	while True:
		try:
			requests.get(f"{base}/api/method/ping", headers={"X-Frappe-Site-Name": site}, timeout=5)
			break
		except requests.ConnectionError:
			if process.poll() is not None or time.monotonic() > deadline:
				pytest.fail(f"gunicorn did not serve {site} on {base}; see {log.name}", pytrace=False)
			time.sleep(0.3)
	yield base
	process.terminate()
	process.wait(timeout=30)
	log.close()


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


@pytest.fixture
def client(server, site):
	with SiteClient(server, site) as session:
		yield session
