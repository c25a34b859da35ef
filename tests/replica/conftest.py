"""Reports on a read replica (issue 13): a MariaDB primary and replica of the test's own, in a temporary
folder on free ports, and a site on them with the demo town, served by the session's gunicorn.

Everything on the site is done in subprocesses (bench) and over HTTP: the pytest process may hold a
Frappe connection to the test site of the other suites."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from functools import cached_property
from pathlib import Path

import pytest
import redis

from gongjian.utils.replica import HEALTH_CACHE_KEY
from tests.http.conftest import SiteClient
from tests.replica.mariadb import MariaDB, start_replication, wait_for_replica
from tests.site import site_paths

SITE = "replica-test.localhost"
USER = "manager@qingshan.example"  # a demo account: Gongjian Manager, speaks Chinese
PASSWORD = "Rp-" + secrets.token_urlsafe(12)


class Databases:
	def __init__(self, folder: Path):
		root_password = secrets.token_urlsafe(16)
		self.folder = folder
		self.primary = MariaDB(folder / "primary", 1, root_password, primary=True)
		self.replica = MariaDB(folder / "replica", 2, root_password, primary=False)

	def in_sync(self):
		"""The replica running, replicating and caught up with the primary."""
		if not self.replica.running():
			self.replica.start()
		start_replication(self.replica)
		wait_for_replica(self.primary, self.replica)


@pytest.fixture(scope="session")
def databases():
	pair = Databases(Path(tempfile.mkdtemp(prefix="gongjian-replica-")))
	try:
		for server in (pair.primary, pair.replica):
			server.folder.mkdir()
			server.install()
			server.start()
			server.bootstrap()
		pair.replica.follow(pair.primary)
		yield pair
	finally:
		pair.replica.stop()
		pair.primary.stop()
		shutil.rmtree(pair.folder, ignore_errors=True)


def bench(*args: str, check: bool = True) -> subprocess.CompletedProcess:
	"""A bench command as `bench` runs it: Frappe's command line from the bench's sites folder."""
	sites_path, _site = site_paths()
	result = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=sites_path,
		capture_output=True,
		text=True,
		timeout=240,
	)
	if check and result.returncode:
		pytest.fail(failure(result), pytrace=False)
	return result


def failure(result: subprocess.CompletedProcess) -> str:
	return f"{' '.join(result.args[4:7])} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


class ReplicaSite:
	def __init__(self, databases: Databases):
		sites_path, _site = site_paths()
		self.name = SITE
		self.config_path = sites_path / SITE / "site_config.json"
		self.databases = databases

	@cached_property
	def redis(self) -> redis.Redis:
		common = json.loads((self.config_path.parent.parent / "common_site_config.json").read_text())
		return redis.Redis.from_url(
			os.environ.get("FRAPPE_REDIS_CACHE") or self.config().get("redis_cache") or common["redis_cache"]
		)

	def config(self) -> dict:
		return json.loads(self.config_path.read_text())

	def set_config(self, **values):
		"""Frappe reads site_config.json afresh for every request: the next request sees these."""
		config = self.config()
		config.update(values)
		self.config_path.write_text(json.dumps(config, indent=1))

	@property
	def db_name(self) -> str:
		return self.config()["db_name"]

	def village(self) -> str:
		return self.databases.primary.value(
			"SELECT name FROM `tabVillage` ORDER BY name LIMIT 1", database=self.db_name
		)

	def replica_value(self, query: str, *values):
		return self.databases.replica.value(query, values, database=self.db_name)

	def forget_replica_health(self):
		# Frappe's cache key: the site's database name, then the app's key.
		self.redis.delete(self.health_cache_key())

	def health_cache_key(self) -> str:
		return f"{self.db_name}|{HEALTH_CACHE_KEY}"


@pytest.fixture(scope="session")
def replica_site(databases):
	primary = databases.primary
	site_folder = site_paths()[0] / SITE
	# A site an interrupted run left behind: its database went with that run's servers, and new-site
	# --force would keep its site_config.json, port and all.
	shutil.rmtree(site_folder, ignore_errors=True)
	site = ReplicaSite(databases)
	try:
		bench(
			"new-site",
			SITE,
			"--force",
			"--db-host",
			"127.0.0.1",
			"--db-port",
			str(primary.port),
			"--db-root-username",
			"root",
			"--db-root-password",
			primary.root_password,
			"--no-mariadb-socket",
			"--admin-password",
			secrets.token_urlsafe(12),
			"--install-app",
			"gongjian",
		)
		bench("--site", SITE, "gongjian-demo")
		bench("--site", SITE, "gongjian-demo-accounts", "--password", PASSWORD)
		site.set_config(
			allow_tests=1,
			read_from_replica=1,
			replica_host="127.0.0.1",
			replica_db_port=databases.replica.port,
			disable_async=1,  # served by gunicorn alone, without the realtime server
		)
		wait_for_replica(primary, databases.replica)
		yield site
	finally:
		# The database goes with the temporary folder; drop-site takes the site off the bench.
		if not primary.running():
			primary.start()
		dropped = bench(
			"drop-site",
			SITE,
			"--force",
			"--no-backup",
			"--db-root-username",
			"root",
			"--db-root-password",
			primary.root_password,
			"--archived-sites-path",
			str(databases.folder / "archived-sites"),
			check=False,
		)
		shutil.rmtree(site_folder, ignore_errors=True)  # after a failed new-site
	assert dropped.returncode == 0, failure(dropped)


@pytest.fixture(scope="session")
def manager(gunicorn, replica_site):
	with SiteClient(gunicorn, SITE) as session:
		response = session.login(USER, PASSWORD)
		assert response.status_code == 200, response.text[:500]
		yield session


@pytest.fixture(autouse=True)
def replica_in_sync(databases, replica_site):
	"""Each test starts with the replica up and caught up, read_from_replica on and no cached health."""
	databases.in_sync()
	replica_site.set_config(read_from_replica=1, gongjian_replica_max_lag=100)
	replica_site.forget_replica_health()
	yield
