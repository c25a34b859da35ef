"""Every report × each of its filters × every role, through the desk's own door
(frappe.desk.query_report.run). The filters are read from the reports' .js files (report_filters.js,
in Node), so a new report or filter is run here without new test code. No run may end in a server
error; a role the report is not for is refused (403), every other run answers."""

import json
import shutil
import subprocess
from pathlib import Path

import frappe
import pytest

from tests.http.conftest import SiteClient
from tests.http.world import PASSWORD, ROLES, build_world
from tests.reporting import SUMMARY_LINES

HARNESS = Path(__file__).with_name("report_filters.js")
# Values to try for a free-text or number filter, by what its name says it holds; a wrong one among them.
TEXT_VALUES = {"period": ["2026-H1", "2026-H2", "2026", "2026-H3"], "year": [2026, 1999, "abc"]}
WRONG = {"2026-H3", "abc", "x"}  # to be refused with a message (4xx), never a server error


@pytest.fixture(scope="module")
def world(site):
	return build_world()


def report_filters() -> dict[str, list[dict]]:
	node = shutil.which("node")
	assert node, "Node.js is needed to read the reports' filters (it is on this machine: apt nodejs)"
	return json.loads(subprocess.run([node, str(HARNESS)], capture_output=True, check=True, text=True).stdout)


def values_for(spec: dict, world: dict) -> list:
	kind, options = spec["fieldtype"], spec["options"]
	if kind == "Link":
		# a record of the user's own village A, and one of village B, which scoped users may not read
		return [world[side][options] for side in ("A", "B") if world[side].get(options)] or [
			world["township"]
		]
	if kind == "Select":
		choices = options.split("\n") if isinstance(options, str) else options or []
		return [c["value"] if isinstance(c, dict) else c for c in choices if c]
	if kind == "Check":
		return [1]
	for hint, values in TEXT_VALUES.items():
		if hint in spec["fieldname"]:
			return values
	return ["x"]


def runs(filters: list[dict], world: dict) -> list[dict]:
	defaults = {f["fieldname"]: f["default"] for f in filters if f["default"] is not None}
	every = [{}, defaults]
	for spec in filters:
		every += [{**defaults, spec["fieldname"]: value} for value in values_for(spec, world)]
	return every


def test_every_report_with_each_filter_for_every_role(server, site, world):
	filters_of = report_filters()
	assert set(filters_of) == set(frappe.get_all("Report", filters={"module": "Gongjian"}, pluck="name"))
	roles_of = {
		report: set(
			frappe.get_all("Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role")
		)
		for report in filters_of
	}
	failures, count = [], 0
	for role in ROLES:
		with SiteClient(server, site) as client:
			assert client.login(world["users"][role], PASSWORD).ok
			for report, filters in filters_of.items():
				for values in runs(filters, world):
					count += 1
					answer = client.post(
						"/api/method/frappe.desk.query_report.run",
						data={"report_name": report, "filters": json.dumps(values)},
					)
					allowed = role in roles_of[report]
					wrong = bool(WRONG & {str(v) for v in values.values()})
					expected = 403 if not allowed else (range(400, 500) if wrong else (200,))
					if answer.status_code not in (expected if allowed else (403,)):
						failures.append(
							f"{role} / {report} / {values}: {answer.status_code} {answer.text[:200]}"
						)
	SUMMARY_LINES.append(
		f"report filters: {len(filters_of)} reports x {len(ROLES)} roles, {count} runs, {len(failures)} failures"
	)
	assert not failures, f"{len(failures)} failed runs:\n" + "\n".join(failures[:30])
