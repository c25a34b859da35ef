"""Reports on a read replica (README, "Reports on a read replica").

With `read_from_replica` in the site config, Frappe runs every @frappe.read_only() method on the replica
and fails when it cannot reach it. Before each call this sends the request's reads to the primary
instead when the replica is unreachable or more than `gongjian_replica_max_lag` transactions behind,
and tells the reader so.

Lag is counted in MariaDB GTIDs, which any account may read: the primary's @@gtid_binlog_pos (the last
transaction it wrote, per replication domain) against the replica's @@gtid_slave_pos (the last it
applied from the primary). Seconds_Behind_Master would need the REPLICATION CLIENT privilege, which the
site's database user does not have, and says nothing while the replica's I/O thread is stopped.
"""

import frappe
import pymysql
from frappe import _
from frappe.utils import cint

from gongjian.overrides import called_method

HEALTH_CACHE_KEY = "gongjian_replica_health"
# A replica that went down is noticed within this many seconds; checked once per site, not per request.
HEALTH_CACHE_SECONDS = 10
DEFAULT_MAX_LAG = 100  # transactions
# A replica whose host does not answer must not hold the request for long.
CHECK_TIMEOUT_SECONDS = 2
# The code object every @frappe.read_only() wrapper shares: how a method that reads from the replica is
# told from one that does not.
READ_ONLY_WRAPPER = frappe.read_only()(lambda: None).__code__


def use_primary_when_replica_unhealthy():
	"""before_request: reads go to the primary for this request when the replica is down or behind."""
	if not frappe.conf.read_from_replica:
		return
	method = called_method()
	if not method:
		return  # pages and REST resources run no @frappe.read_only() method
	if replica_health()["healthy"]:
		return
	# frappe.init makes local.conf afresh from site_config.json for every request: this request only.
	frappe.local.conf.read_from_replica = 0
	if is_app_read(method):
		frappe.msgprint(
			_("The reporting replica is unavailable or behind: these figures come from the main database"),
			alert=True,
			indicator="orange",
		)


def use_primary_in_job_when_replica_unhealthy(**kwargs):
	"""before_job: the same for background jobs (a worker makes local.conf afresh for each job)."""
	if frappe.conf.read_from_replica and not replica_health()["healthy"]:
		frappe.local.conf.read_from_replica = 0


def replica_health() -> dict:
	"""{"healthy": bool, "lag": transactions or None, "error": why not}, cached for the site."""
	health = frappe.cache.get_value(HEALTH_CACHE_KEY)
	if health is None:
		health = check_replica()
		if not health["healthy"]:
			frappe.logger("gongjian.replica").warning("reading from the primary: %s", health)
		frappe.cache.set_value(HEALTH_CACHE_KEY, health, expires_in_sec=HEALTH_CACHE_SECONDS)
	return health


def forget_replica_health():
	frappe.cache.delete_value(HEALTH_CACHE_KEY)


def check_replica() -> dict:
	# The primary first: the replica, read after it, can only be nearer, never counted further behind.
	primary_position = frappe.db.sql("SELECT @@gtid_binlog_pos")[0][0]
	try:
		connection = pymysql.connect(**replica_connection_settings())
		try:
			with connection.cursor() as cursor:
				cursor.execute("SELECT @@gtid_slave_pos, @@gtid_current_pos")
				applied, current = cursor.fetchone()
		finally:
			connection.close()
	except pymysql.Error as error:
		return {"healthy": False, "lag": None, "error": str(error)}
	# A replica set up with MASTER_USE_GTID = current_pos may leave slave_pos empty.
	lag = transactions_behind(primary_position, applied or current)
	max_lag = cint(frappe.conf.get("gongjian_replica_max_lag", DEFAULT_MAX_LAG))
	return {"healthy": lag <= max_lag, "lag": lag, "error": None if lag <= max_lag else "behind"}


def replica_connection_settings() -> dict:
	"""The connection frappe.connect_replica opens, with short timeouts."""
	from frappe.database import get_db

	conf = frappe.local.conf
	user, password = conf.db_name, conf.db_password
	if conf.different_credentials_for_replica:
		user, password = conf.replica_db_name, conf.replica_db_password
	settings = get_db(
		host=conf.replica_host,
		port=conf.replica_db_port,
		user=user,
		password=password,
		cur_db_name=conf.db_name,
	).get_connection_settings()
	return {
		**settings,
		"connect_timeout": CHECK_TIMEOUT_SECONDS,
		"read_timeout": CHECK_TIMEOUT_SECONDS,
		"write_timeout": CHECK_TIMEOUT_SECONDS,
	}


def gtid_position(gtids: str | None) -> dict[int, int]:
	"""'0-1-100,1-2-7' -> {replication domain: highest sequence number}."""
	position: dict[int, int] = {}
	for gtid in (part.strip() for part in (gtids or "").split(",")):
		if gtid:
			domain, _server, sequence = (int(number) for number in gtid.split("-"))
			position[domain] = max(position.get(domain, 0), sequence)
	return position


def transactions_behind(primary_gtids: str | None, replica_gtids: str | None) -> int:
	"""How many transactions the primary wrote that the replica has not applied, over all domains."""
	primary, replica = gtid_position(primary_gtids), gtid_position(replica_gtids)
	return sum(max(0, sequence - replica.get(domain, 0)) for domain, sequence in primary.items())


def is_app_read(method: str) -> bool:
	"""Whether the call is one of the app's reports or read APIs: a @frappe.read_only() method of gongjian,
	or of Frappe through the app's override (query reports). Frappe's own list and sidebar reads, which
	the desk repeats, fall back without a word."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method)
	try:
		function = frappe.get_attr(overrides[-1] if overrides else method)
	except Exception:
		return False  # Frappe answers an unknown method itself
	if not getattr(function, "__module__", "").startswith("gongjian."):
		return False
	while callable(function):
		if getattr(function, "__code__", None) is READ_ONLY_WRAPPER:
			return True
		function = getattr(function, "__wrapped__", None)
	return False
