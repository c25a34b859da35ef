"""Real Chromium (Debian's, through Playwright) against the demo town on a served site that
scripts/test made: GONGJIAN_BROWSER_SITE, with the demo accounts' password in
GONGJIAN_BROWSER_PASSWORD. Screenshots go to GONGJIAN_SCREENSHOTS."""

import os
from pathlib import Path

import pytest

from tests.browser.desk import Desk, Tally
from tests.browser.known_problems import KNOWN_SEEN
from tests.reporting import SUMMARY_LINES

CHROMIUM = os.environ.get("GONGJIAN_CHROMIUM", "/usr/bin/chromium")
# Headless, and quiet: this machine has no network but its own, and Chromium's background calls fail.
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
ACCOUNTS = {
	"Gongjian Manager": "manager@qingshan.example",
	"Gongjian Viewer": "viewer@qingshan.example",
	"Village User": "village@qingshan.example",
	"Enterprise User": "enterprise@qingshan.example",
	"Union Organizer": "organizer@qingshan.example",
}
TALLY = Tally()


def required_env(name: str) -> str:
	value = os.environ.get(name)
	if not value:
		pytest.fail(f"{name} is not set: run the browser tests through scripts/test", pytrace=False)
	return value


@pytest.fixture(scope="session")
def browser_base(request) -> str:
	"""The demo site's address. Chromium resolves *.localhost to this machine by itself, and the
	host name tells Frappe which site to serve."""
	if os.environ.get("GONGJIAN_BROWSER_BASE"):  # an already served site, when trying the suite by hand
		return os.environ["GONGJIAN_BROWSER_BASE"]
	site = required_env("GONGJIAN_BROWSER_SITE")
	port = request.getfixturevalue("gunicorn").rsplit(":", 1)[1]
	return f"http://{site}:{port}"


@pytest.fixture(scope="session")
def password() -> str:
	return required_env("GONGJIAN_BROWSER_PASSWORD")


@pytest.fixture(scope="session")
def shots() -> Path:
	folder = Path(
		os.environ.get("GONGJIAN_SCREENSHOTS") or Path(__file__).resolve().parents[2] / ".ci/logs/browser"
	)
	folder.mkdir(parents=True, exist_ok=True)
	for old in folder.glob("*.png"):
		old.unlink()
	return folder


@pytest.fixture(scope="session")
def chromium():
	from playwright.sync_api import sync_playwright

	if not Path(CHROMIUM).exists():
		pytest.fail(f"no Chromium at {CHROMIUM}: scripts/test installs Debian's chromium", pytrace=False)
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		yield browser
		browser.close()
	SUMMARY_LINES.append(
		f"browser journeys: {len(TALLY.roles)} roles, {TALLY.pages} pages, {TALLY.errors} errors, "
		f"{TALLY.english} English; {len(KNOWN_SEEN)} known problem lines (tests/browser/known_problems.py)  "
		f"(screenshots: {os.environ.get('GONGJIAN_SCREENSHOTS', '.ci/logs/browser')})"
	)


@pytest.fixture
def desk_as(chromium, browser_base, password, shots):
	"""desk_as(role) -> a Desk logged in as that role's demo account, in a browser of its own."""
	contexts = []

	def open_desk(role: str) -> Desk:
		context = chromium.new_context(
			viewport={"width": 1366, "height": 900}, locale="en-US", accept_downloads=True
		)
		contexts.append(context)
		desk = Desk(context.new_page(), browser_base, role, shots, TALLY)
		desk.login(ACCOUNTS[role], password)
		return desk

	yield open_desk
	for context in contexts:
		context.close()
