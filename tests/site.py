"""Connect pytest to the real test site that scripts/test made. Never skipped: without a site, fail."""

import os
from pathlib import Path

import pytest

HOW_TO_RUN = "run the tests through scripts/test, which makes the bench and the test site (see README)"


def site_paths() -> tuple[Path, str]:
	bench, site = os.environ.get("GONGJIAN_BENCH"), os.environ.get("GONGJIAN_TEST_SITE")
	if not bench or not site:
		pytest.fail(f"GONGJIAN_BENCH and GONGJIAN_TEST_SITE are not set: {HOW_TO_RUN}", pytrace=False)
	return Path(bench) / "sites", site


def connect_site(site: str | None = None) -> str:
	"""Connect to the test site, or to `site` of the same bench (the browser suite's demo site)."""
	try:
		import frappe
	except ImportError:
		pytest.fail(f"frappe is not importable: {HOW_TO_RUN}", pytrace=False)
	sites_path, test_site = site_paths()
	site = site or test_site
	os.chdir(sites_path)
	if getattr(frappe.local, "initialised", False) and frappe.local.site != site:
		frappe.destroy()  # frappe.init keeps the site it was first given
	frappe.init(site=site, sites_path=str(sites_path))
	frappe.connect()
	frappe.set_user("Administrator")
	return site


def reset_caches():
	import frappe

	frappe.clear_document_cache("Gongjian Settings", "Gongjian Settings")
	frappe.local.document_cache = {}
