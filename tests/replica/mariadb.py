"""A throwaway MariaDB server in a temporary folder: the machine's mariadbd, run as the test's own user."""

import ctypes
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pymysql
import pytest

from tests.conftest import free_port

COUNTERS = ("Com_select", "Com_insert", "Com_update", "Com_delete")


def program(name: str) -> str:
	found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
	if not found:
		pytest.fail(f"{name} is needed: apt-get install mariadb-server (10.6 or later)", pytrace=False)
	return found


def die_with_parent():
	"""A test run that is killed takes its servers with it (Linux prctl PR_SET_PDEATHSIG)."""
	ctypes.CDLL(None).prctl(1, signal.SIGTERM)


def as_root() -> list[str]:
	"""Tests run as the bench user; mariadbd refuses to run as root unless told to."""
	return ["--user=root"] if os.geteuid() == 0 else []


class MariaDB:
	def __init__(self, folder: Path, server_id: int, root_password: str, primary: bool):
		self.folder = folder
		self.datadir = folder / "data"
		self.server_id = server_id
		self.root_password = root_password
		self.primary = primary
		self.port = free_port()
		self.process: subprocess.Popen | None = None
		self.bootstrapped = False  # root has its password

	@property
	def socket(self) -> str:
		return str(self.folder / "mariadb.sock")

	@property
	def log(self) -> Path:
		return self.folder / "error.log"

	def install(self):
		# root gets an empty password here (set in bootstrap) rather than the unix_socket login of root only.
		result = subprocess.run(
			[
				program("mariadb-install-db"),
				"--no-defaults",
				f"--datadir={self.datadir}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
				*as_root(),
			],
			capture_output=True,
			text=True,
		)
		if result.returncode:
			pytest.fail(f"mariadb-install-db failed:\n{result.stdout}\n{result.stderr}", pytrace=False)

	def options(self) -> list[str]:
		common = [
			"--no-defaults",
			f"--datadir={self.datadir}",
			f"--socket={self.socket}",
			f"--port={self.port}",
			"--bind-address=127.0.0.1",
			f"--pid-file={self.folder / 'mariadb.pid'}",
			f"--log-error={self.log}",
			"--skip-name-resolve",
			f"--server-id={self.server_id}",
			"--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci",
			"--innodb-buffer-pool-size=64M",
			# A test server: durability traded for speed (a crash only loses the temporary folder).
			"--innodb-flush-log-at-trx-commit=2",
			"--innodb-doublewrite=0",
			"--sync-binlog=0",
			*as_root(),
		]
		if self.primary:
			return [*common, f"--log-bin={self.folder / 'binlog'}", "--binlog-format=ROW"]
		# Only replication (and root) may write on the replica: a stray write from the app would fail.
		return [*common, f"--relay-log={self.folder / 'relay'}", "--read-only=1"]

	def start(self):
		self.process = subprocess.Popen(
			[program("mariadbd"), *self.options()],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			preexec_fn=die_with_parent,
		)
		deadline = time.monotonic() + 60
		while True:
			try:
				self.connect().close()
				return
			except pymysql.err.OperationalError:
				if self.process.poll() is not None or time.monotonic() > deadline:
					pytest.fail(f"mariadbd did not start; see {self.log}:\n{self.log_tail()}", pytrace=False)
				time.sleep(0.2)

	def log_tail(self) -> str:
		return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

	def connect(self, database: str | None = None) -> pymysql.Connection:
		# Over the socket until bootstrap gave root its password, over TCP like the app afterwards.
		if self.bootstrapped:
			return pymysql.connect(
				host="127.0.0.1",
				port=self.port,
				user="root",
				password=self.root_password,
				database=database,
				autocommit=True,
			)
		return pymysql.connect(unix_socket=self.socket, user="root", password="", autocommit=True)

	def bootstrap(self):
		"""root with a password, from 127.0.0.1 too (bench connects over TCP), kept out of the binary log:
		both servers make their own, and a replicated CREATE USER would stop the replica."""
		with self.connect() as connection, connection.cursor() as cursor:
			cursor.execute("SET sql_log_bin = 0")
			cursor.execute("DROP USER IF EXISTS 'root'@'127.0.0.1'")
			cursor.execute("CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY %s", (self.root_password,))
			cursor.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION")
			if self.primary:
				cursor.execute("DROP USER IF EXISTS 'replication'@'127.0.0.1'")
				cursor.execute(
					"CREATE USER 'replication'@'127.0.0.1' IDENTIFIED BY %s", (self.root_password,)
				)
				cursor.execute("GRANT REPLICATION SLAVE ON *.* TO 'replication'@'127.0.0.1'")
		self.bootstrapped = True

	def follow(self, primary: "MariaDB"):
		"""Replicate `primary` from its first transaction, by GTID."""
		self.sql(
			"CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = %s, MASTER_USER = 'replication', "
			"MASTER_PASSWORD = %s, MASTER_USE_GTID = slave_pos",
			(primary.port, primary.root_password),
		)
		self.sql("START SLAVE")

	def sql(self, query: str, values=None, database: str | None = None) -> list[tuple]:
		with self.connect(database) as connection, connection.cursor() as cursor:
			cursor.execute(query, values)
			return list(cursor.fetchall())

	def value(self, query: str, values=None, database: str | None = None):
		rows = self.sql(query, values, database)
		return rows[0][0] if rows else None

	def counters(self) -> dict[str, int]:
		rows = self.sql("SHOW GLOBAL STATUS WHERE Variable_name IN %s", (COUNTERS,))
		return {name: int(value) for name, value in rows}

	def running(self) -> bool:
		return bool(self.process) and self.process.poll() is None

	def kill(self):
		"""As a crash would: no shutdown."""
		if self.process and self.process.poll() is None:
			self.process.send_signal(signal.SIGKILL)
			self.process.wait(timeout=30)

	def stop(self):
		if self.process and self.process.poll() is None:
			self.process.terminate()
			try:
				self.process.wait(timeout=60)
			except subprocess.TimeoutExpired:
				self.kill()


def start_replication(replica: MariaDB):
	"""START SLAVE, which leaves running threads as they are."""
	replica.sql("START SLAVE")


def replica_status(replica: MariaDB) -> dict:
	with replica.connect() as connection, connection.cursor(pymysql.cursors.DictCursor) as cursor:
		cursor.execute("SHOW SLAVE STATUS")
		return cursor.fetchone() or {}


def wait_for_replica(primary: MariaDB, replica: MariaDB, timeout: float = 60):
	"""Until the replica has applied everything the primary has written."""
	target = primary.value("SELECT @@gtid_binlog_pos")
	deadline = time.monotonic() + timeout
	while True:
		if not target or replica.value("SELECT MASTER_GTID_WAIT(%s, 1)", (target,)) == 0:
			return
		if time.monotonic() > deadline:
			status = replica_status(replica)
			pytest.fail(
				f"the replica did not reach {target}: {status.get('Last_IO_Error')} {status.get('Last_SQL_Error')}",
				pytrace=False,
			)
