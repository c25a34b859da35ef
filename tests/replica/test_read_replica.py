"""Reports on a read replica (issue 13), proven with each MariaDB server's own statement counters: reports
and read APIs are served by the replica, writes by the primary, and a replica that is down or behind
leaves the reports answering from the primary, with a word to the reader."""

import json

from gongjian.utils.replica import transactions_behind
from tests.factories import make_uscc
from tests.http.conftest import server_messages
from tests.replica.mariadb import wait_for_replica
from tests.reporting import SUMMARY_LINES
from tests.translatable import zh_translations

FALLBACK = "The reporting replica is unavailable or behind: these figures come from the main database"
REPORT = "Semiannual Survey"
# Frappe's own statements for any signed-in request (session, user, roles) stay on the primary: a report
# run on the replica sends it no more than this many SELECTs, however large the report.
REQUEST_OVERHEAD_SELECTS = 10
# The health check reads the replica's GTID position: one SELECT on the replica every few seconds.
HEALTH_CHECK_SELECTS = 2


def run_report(session):
	response = session.get(
		"/api/method/frappe.desk.query_report.run",
		params={"report_name": REPORT, "filters": json.dumps({"group_by": "village"})},
	)
	assert response.status_code == 200, response.text[:1000]
	return response


def compliance(session):
	response = session.get("/api/method/gongjian.api.compliance")
	assert response.status_code == 200, response.text[:1000]
	return response


READS = {"report": run_report, "compliance": compliance}


def signed_in_user(session):
	"""A request that runs Frappe's own statements (session, user) and nothing of the app's."""
	response = session.get("/api/method/frappe.auth.get_logged_user")
	assert response.status_code == 200, response.text[:1000]
	return response


def figures(response):
	body = response.json()["message"]
	return {"columns": body["columns"], "result": body["result"]} if isinstance(body, dict) else body


def counted(databases, call):
	"""Run `call`; return its response and what each server counted meanwhile (None for a dead one)."""
	servers = (databases.primary, databases.replica)
	before = [server.counters() if server.running() else None for server in servers]
	response = call()
	after = [server.counters() if server.running() else None for server in servers]
	primary, replica = (
		{name: later[name] - earlier[name] for name in later} if earlier and later else None
		for earlier, later in zip(before, after, strict=True)
	)
	return response, primary, replica


def fallback_message() -> str:
	return zh_translations()[FALLBACK]


def note(line: str):
	SUMMARY_LINES.append(f"replica test: {line}")


def save_enterprise(session, village: str, name: str, staff: int) -> str:
	enterprise = {
		"enterprise_name": name + make_uscc()[-6:],
		"uscc": make_uscc(),
		"category": "Non-public Enterprise",
		"village": village,
		"staff_total": staff,
	}
	saved = session.post("/api/resource/Enterprise", data={"data": json.dumps(enterprise)})
	assert saved.status_code == 200, saved.text[:1000]
	return saved.json()["data"]["name"]


def test_reports_and_read_apis_are_served_by_the_replica(databases, manager):
	# The first calls of each gunicorn worker fill Frappe's caches (meta, roles, hooks) from the primary.
	for _ in range(3):
		for read in READS.values():
			read(manager)
	for name, read in READS.items():
		response, primary, replica = counted(databases, lambda read=read: read(manager))
		note(f"{name} read from the replica: primary {primary}, replica {replica}")
		assert figures(response), name
		assert fallback_message() not in server_messages(response), name
		# the read's own statements reached the replica (the kept warnings take only a few), and the primary
		# saw no more than the request's own
		assert replica["Com_select"] > HEALTH_CHECK_SELECTS, (name, replica)
		assert primary["Com_select"] <= REQUEST_OVERHEAD_SELECTS, (name, primary)
		assert replica["Com_insert"] == replica["Com_update"] == replica["Com_delete"] == 0, (name, replica)


def test_the_replica_answers_as_the_primary_would(databases, manager, replica_site):
	from_replica, on_replica = {}, {}
	for name, read in READS.items():
		response, _primary, replica = counted(databases, lambda read=read: read(manager))
		from_replica[name] = figures(response)
		on_replica[name] = replica["Com_select"] - HEALTH_CHECK_SELECTS
	replica_site.set_config(read_from_replica=0)
	from_primary = {}
	for name, read in READS.items():
		_response, request_only, _replica = counted(databases, lambda: signed_in_user(manager))
		response, primary, replica = counted(databases, lambda read=read: read(manager))
		note(f"{name} with read_from_replica off: primary {primary}, replica {replica}")
		assert replica["Com_select"] == 0, (name, replica)  # not even a health check
		# The read's own statements came to the primary: more than a request that reads nothing. (Not
		# "as many as the replica saw": a worker whose caches were cold reads Frappe's meta there too.)
		assert on_replica[name] > 0, (name, on_replica[name])
		assert primary["Com_select"] > request_only["Com_select"], (name, primary, request_only)
		from_primary[name] = figures(response)
	assert len(from_replica["report"]["result"]) > 2, "the demo town's villages and the total"
	assert from_replica["compliance"], "the demo town has warnings"
	assert from_replica == from_primary


def test_a_saved_document_is_written_on_the_primary_only(databases, manager, replica_site):
	# The replica's SQL thread waits meanwhile: whatever its counters show then came from a client.
	databases.replica.sql("STOP SLAVE SQL_THREAD")
	try:
		saved, primary, replica = counted(
			databases,
			lambda: save_enterprise(manager, replica_site.village(), "只读库测试企业", staff=12),
		)
		note(f"saving an Enterprise over REST: primary {primary}, replica {replica}")
		assert primary["Com_insert"] > 0, primary
		assert replica["Com_insert"] == replica["Com_update"] == replica["Com_delete"] == 0, replica
		assert replica_site.replica_value("SELECT COUNT(*) FROM `tabEnterprise` WHERE name = %s", saved) == 0
	finally:
		databases.replica.sql("START SLAVE SQL_THREAD")
	wait_for_replica(databases.primary, databases.replica)
	# Replication brings it over (MariaDB counts the rows it applies as Com_insert too).
	assert replica_site.replica_value("SELECT staff_total FROM `tabEnterprise` WHERE name = %s", saved) == 12


def test_a_lagging_replica_leaves_reports_on_the_primary(databases, manager, replica_site):
	max_lag = 3
	replica_site.set_config(gongjian_replica_max_lag=max_lag)
	in_sync = figures(run_report(manager))
	village = replica_site.village()
	databases.replica.sql("STOP SLAVE SQL_THREAD")
	try:
		for _ in range(max_lag + 1):  # each save is a transaction at least
			save_enterprise(manager, village, "滞后测试企业", staff=8)
		replica_site.forget_replica_health()
		for name, read in READS.items():
			response, primary, replica = counted(databases, lambda read=read: read(manager))
			note(f"{name} with the replica behind: primary {primary}, replica {replica}")
			assert fallback_message() in server_messages(response), name
			assert replica["Com_select"] <= HEALTH_CHECK_SELECTS, (name, replica)
			assert primary["Com_select"] > REQUEST_OVERHEAD_SELECTS, (name, primary)
		behind = figures(run_report(manager))
		assert behind != in_sync, "the new units are counted: these are the primary's figures"
	finally:
		databases.replica.sql("START SLAVE SQL_THREAD")
	wait_for_replica(databases.primary, databases.replica)
	replica_site.forget_replica_health()
	caught_up, primary, replica = counted(databases, lambda: run_report(manager))
	assert fallback_message() not in server_messages(caught_up)
	assert replica["Com_select"] > REQUEST_OVERHEAD_SELECTS, replica
	assert figures(caught_up) == behind


def test_a_stopped_replica_leaves_reports_on_the_primary(databases, manager, replica_site):
	expected = {name: figures(read(manager)) for name, read in READS.items()}
	databases.replica.kill()
	replica_site.forget_replica_health()
	for name, read in READS.items():
		response, primary, _replica = counted(databases, lambda read=read: read(manager))
		note(f"{name} with the replica killed: primary {primary}")
		assert fallback_message() in server_messages(response), name
		assert primary["Com_select"] > REQUEST_OVERHEAD_SELECTS, (name, primary)
		assert figures(response) == expected[name], name
	assert replica_site.redis.exists(replica_site.health_cache_key()), "the verdict is cached"
	databases.in_sync()  # started again, it catches up by itself
	replica_site.forget_replica_health()
	response, primary, replica = counted(databases, lambda: run_report(manager))
	assert fallback_message() not in server_messages(response)
	assert replica["Com_select"] > REQUEST_OVERHEAD_SELECTS, replica


def test_lag_is_counted_in_transactions_of_every_replication_domain():
	assert transactions_behind("0-1-100,1-2-7", "0-1-90") == 17
	assert transactions_behind("0-1-100", "0-1-100") == 0
	assert transactions_behind("0-1-5,0-3-9", "0-1-5") == 4  # a domain's newest, whichever server wrote it
	assert transactions_behind("0-1-5", "0-1-9") == 0  # read a moment apart, the replica may be ahead
	assert transactions_behind("", "") == 0
