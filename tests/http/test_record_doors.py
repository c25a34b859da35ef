"""Methods that act on one record (like, follow, linked documents) need that record readable (issue 10,
item 8): a village-A user gets nothing of village B's records through them, and the same answer for a
name that does not exist."""

import pytest

from gongjian.overrides import RECORD_METHODS
from tests.http.conftest import SiteClient, server_messages
from tests.http.world import PASSWORD, build_world


@pytest.fixture(scope="module")
def world(site):
	return build_world()


def call(client, method, doctype, name):
	doctype_arg, name_arg = RECORD_METHODS[method]
	data = {doctype_arg: doctype, name_arg: name}
	if method.endswith("toggle_like"):
		data["add"] = "Yes"
	if method.endswith("follow_document"):
		data["user"] = "Administrator"
	return client.post(f"/api/method/{method}", data=data)


@pytest.mark.parametrize("method", sorted(RECORD_METHODS))
def test_a_record_method_answers_only_on_readable_records(server, site, world, method):
	with SiteClient(server, site) as client:
		assert client.login(world["users"]["Village User"], PASSWORD).ok
		other = call(client, method, "Enterprise", world["B"]["Enterprise"])
		missing = call(client, method, "Enterprise", "没有这个单位")
		assert other.status_code == missing.status_code == 403, (other.text[:200], missing.text[:200])
		assert world["B"]["Trade Union"] not in other.text
		own = call(client, method, "Enterprise", world["A"]["Enterprise"])
		assert own.status_code < 500 and "您无权查看此记录" not in server_messages(own), own.text[:300]
