"""Methods that act on one record (like, follow, linked documents) need that record readable (issue 10,
item 8): a village-A user gets nothing of village B's records through them, and the same answer for a
name that does not exist."""

import json

import pytest

from gongjian.overrides import RECORD_METHODS
from tests.http.conftest import SiteClient, server_messages
from tests.http.world import PASSWORD, build_world


@pytest.fixture(scope="module")
def world(site):
	return build_world()


EXTRA_ARGUMENTS = {
	"frappe.desk.like.toggle_like": {"add": "Yes"},
	"frappe.desk.form.document_follow.follow_document": {"user": "Administrator"},
	"frappe.desk.form.document_follow.unfollow_document": {"user": "Administrator"},
	"frappe.desk.form.utils.add_comment": {
		"content": "看看",
		"comment_email": "x@example.com",
		"comment_by": "x",
	},
	"frappe.desk.doctype.tag.tag.add_tag": {"tag": "重点"},
	"frappe.desk.doctype.tag.tag.remove_tag": {"tag": "重点"},
	"frappe.desk.doctype.tag.tag.add_tags": {"tags": '["重点"]'},
	"frappe.desk.form.assign_to.add": {"assign_to": '["Administrator"]'},
	"frappe.desk.form.assign_to.add_multiple": {"assign_to": '["Administrator"]'},
	"frappe.desk.form.assign_to.remove": {"assign_to": "Administrator"},
}


def call(client, method, doctype, name, **extra):
	doctype_arg, name_arg, _ptype, many = RECORD_METHODS[method]
	data = {doctype_arg: doctype, name_arg: json.dumps([name]) if many else name}
	return client.post(f"/api/method/{method}", data={**data, **EXTRA_ARGUMENTS.get(method, {}), **extra})


@pytest.mark.parametrize("method", sorted(RECORD_METHODS))
def test_a_record_method_answers_only_on_readable_records(server, site, world, method):
	with SiteClient(server, site) as client:
		assert client.login(world["users"]["Village User"], PASSWORD).ok
		other = call(client, method, "Enterprise", world["B"]["Enterprise"])
		missing = call(client, method, "Enterprise", "没有这个单位")
		assert other.status_code == missing.status_code == 403, (other.text[:200], missing.text[:200])
		assert world["B"]["Trade Union"] not in other.text
		own = call(client, method, "Enterprise", world["A"]["Enterprise"])
		assert own.status_code < 500 and "此记录不存在，或您无权查看" not in server_messages(own), own.text[
			:300
		]


@pytest.mark.parametrize("method", sorted(m for m, spec in RECORD_METHODS.items() if spec[2] == "write"))
def test_the_read_only_viewer_marks_no_record(server, site, world, method):
	with SiteClient(server, site) as client:
		assert client.login(world["users"]["Gongjian Viewer"], PASSWORD).ok
		response = call(client, method, "Enterprise", world["B"]["Enterprise"])
		assert response.status_code == 403, response.text[:200]


def test_no_caller_turns_permission_checks_off(server, site, world):
	with SiteClient(server, site) as client:
		assert client.login(world["users"]["Village User"], PASSWORD).ok
		response = client.post(
			"/api/method/frappe.desk.form.assign_to.remove_multiple",
			data={
				"doctype": "Enterprise",
				"names": json.dumps([world["A"]["Enterprise"]]),
				"ignore_permissions": 1,
			},
		)
		assert response.status_code == 403, response.text[:200]
