"""Production mode (issue 12): scripts/production starts gunicorn, the background workers, the scheduler
and socket.io under supervisord, serves the desk, runs the daily survey reminder in a real worker,
answers errors without tracebacks, and stops cleanly."""

import os
import subprocess
import time
from pathlib import Path

import frappe
import pytest
import requests
from frappe.utils import add_days, getdate, today

from tests import factories
from tests.conftest import free_port
from tests.site import connect_site

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "production"


@pytest.fixture(scope="module")
def site():
	name = connect_site()
	yield name
	frappe.destroy()


def production(command: str, site: str, port: int, socketio_port: int) -> subprocess.CompletedProcess:
	env = {
		**os.environ,
		"GONGJIAN_SITE": site,
		"GONGJIAN_PORT": str(port),
		"GONGJIAN_SOCKETIO_PORT": str(socketio_port),
		"GONGJIAN_WEB_WORKERS": "2",
	}
	return subprocess.run(
		["bash", str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=300
	)


@pytest.fixture(scope="module")
def served(site):
	port, socketio_port = free_port(), free_port()
	started = production("start", site, port, socketio_port)
	assert started.returncode == 0, started.stdout[-2000:] + started.stderr[-2000:]
	yield frappe._dict(
		base=f"http://127.0.0.1:{port}", socketio=f"http://127.0.0.1:{socketio_port}", site=site
	)
	stopped = production("stop", site, port, socketio_port)
	assert stopped.returncode == 0, stopped.stdout[-2000:] + stopped.stderr[-2000:]


def test_production_mode_serves_the_desk_and_realtime_without_tracebacks(served):
	headers = {"Host": served.site}
	assert requests.get(f"{served.base}/login", headers=headers, timeout=30).ok
	session = requests.Session()
	password = frappe.conf.gongjian_test_admin_password
	login = session.post(
		f"{served.base}/api/method/login", data={"usr": "Administrator", "pwd": password}, headers=headers
	)
	assert login.ok, login.text[:300]
	desk = session.get(f"{served.base}/app", headers=headers, timeout=60)
	assert desk.ok and "frappe.boot" in desk.text
	error = session.get(
		f"{served.base}/api/method/frappe.client.get", params={"doctype": "No Such DocType"}, headers=headers
	)
	assert not error.ok and "Traceback" not in error.text, error.text[:500]
	handshake = requests.get(
		f"{served.socketio}/socket.io/", params={"EIO": 4, "transport": "polling"}, timeout=30
	)
	assert handshake.ok and '"sid"' in handshake.text, handshake.text[:300]


def test_the_daily_survey_reminder_runs_in_a_background_worker(served):
	township = factories.township()
	factories.village(township_name=township)
	survey_round = frappe.get_doc(
		{
			"doctype": "Survey Round",
			"township": township,
			"period": "2026-H2",
			"deadline": add_days(today(), 7),
		}
	).insert()
	task = frappe.get_value("Survey Task", {"survey_round": survey_round.name}, "name")
	frappe.db.set_value("Survey Task", task, "deadline", add_days(today(), -1))
	frappe.db.commit()
	drop_jobs_left_by_tests()
	# The call the scheduler makes when the day comes (ScheduledJobType.enqueue), put at the front of its
	# queue: the bench's other sites may have a backlog there that has nothing to do with this test.
	job = frappe.get_doc("Scheduled Job Type", {"method": "gongjian.survey.remind_overdue"})
	assert job.frequency == "Daily"
	frappe.enqueue(
		"frappe.core.doctype.scheduled_job_type.scheduled_job_type.run_scheduled_job",
		queue=job.get_queue_name(),
		job_type=job.method,
		job_id=job.rq_job_id,
		at_front=True,
	)
	frappe.db.commit()
	deadline = time.monotonic() + 120
	while time.monotonic() < deadline:
		frappe.db.rollback()
		if frappe.db.get_value("Survey Task", task, "last_reminded_on") == getdate(today()):
			break
		time.sleep(2)
	else:
		pytest.fail("the daily reminder did not run in a worker within 120 s (see logs/worker.log)")


def drop_jobs_left_by_tests():
	"""The tests before this one queued jobs (contacts of test accounts, notifications) with no worker to
	run them: drop those of the test sites, so that the reminder is not queued behind them."""
	from frappe.utils.background_jobs import get_queues

	sites = {os.environ.get("GONGJIAN_TEST_SITE"), os.environ.get("GONGJIAN_BROWSER_SITE")} - {None}
	for queue in get_queues():
		for job in queue.get_jobs():
			if (job.kwargs or {}).get("site") in sites:
				job.delete()
