import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.reporting import SUMMARY_LINES


def pytest_terminal_summary(terminalreporter):
	for line in SUMMARY_LINES:
		terminalreporter.write_line(line)


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


@pytest.fixture(scope="session")
def gunicorn():
	"""The bench served by gunicorn on a free local port, every site of it (the site is chosen by the
	request's host or X-Frappe-Site-Name). Shared by the HTTP and the browser tests."""
	from tests.site import site_paths

	sites_path, site = site_paths()
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
	deadline = time.monotonic() + 60
	while True:
		try:
			requests.get(f"{base}/api/method/ping", headers={"X-Frappe-Site-Name": site}, timeout=5)
			break
		except (requests.ConnectionError, requests.Timeout):  # not listening yet, or a worker still booting
			if process.poll() is not None or time.monotonic() > deadline:
				pytest.fail(f"gunicorn did not serve {site} on {base}; see {log.name}", pytrace=False)
			time.sleep(0.3)
	yield base
	process.terminate()
	process.wait(timeout=30)
	log.close()
