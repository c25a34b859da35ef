import io
import json

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.http.conftest import SiteClient
from tests.http.world import PASSWORD, build_world


@pytest.fixture(scope="module")
def world(site):
	return build_world()


@pytest.fixture
def village_user(server, site, world):
	client = SiteClient(server, site)
	assert client.login(world["users"]["Village User"], PASSWORD).status_code == 200
	yield client
	client.close()


def enroll(client, union, village, rows):
	return client.post(
		"/api/method/gongjian.enrollment.enroll",
		data={"union": union, "village": village, "rows": json.dumps(rows), "campaign": "春节返乡"},
	)


def test_rest_enrollment_in_scope_gives_per_row_results(village_user, world):
	a = world["A"]
	rows = [
		{
			"member_name": "返乡甲",
			"id_number": factories.resident_id(),
			"employment_kind": "2",
			"employer": a["Enterprise"],
		},
		{"member_name": "返乡乙", "id_number": "123456", "employment_kind": "2"},
		{
			"member_name": "返乡丙",
			"id_number": factories.resident_id(),
			"employment_kind": "2",
			"employer": world["B"]["Enterprise"],
		},
	]
	response = enroll(village_user, a["Trade Union"], a["Village"], rows)
	assert response.status_code == 200, response.text[:300]
	outcome = [row["status"] for row in response.json()["message"]["rows"]]
	assert outcome == ["Enrolled", "Invalid", "Invalid"]  # village B's unit is not this user's to enroll for


def test_rest_enrollment_outside_scope_is_refused(village_user, world):
	b = world["B"]
	rows = [{"member_name": "越权", "id_number": factories.resident_id(), "employment_kind": "1"}]
	assert enroll(village_user, b["Trade Union"], b["Village"], rows).status_code == 403


def test_template_has_chinese_headers_and_code_lists(village_user):
	response = village_user.get("/api/method/gongjian.enrollment.download_template", params={"_lang": "zh"})
	assert response.status_code == 200
	sheet = load_workbook(io.BytesIO(response.content)).active
	headers = [cell.value for cell in sheet[1]]
	assert headers[:4] == ["姓名", "身份证号码", "性别", "用工类型"]
	lists = [v.formula1 for v in sheet.data_validations.dataValidation]
	assert any("2 农民工" in formula for formula in lists)
