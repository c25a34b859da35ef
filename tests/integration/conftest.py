import pytest

from tests.site import connect_site, reset_caches


@pytest.fixture(scope="session", autouse=True)
def site():
	import frappe

	name = connect_site()
	yield name
	frappe.destroy()


@pytest.fixture(autouse=True)
def rollback():
	"""Each test runs in a transaction that is rolled back, so tests leave the site as they found it."""
	import frappe

	frappe.set_user("Administrator")
	frappe.db.rollback()
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	reset_caches()
