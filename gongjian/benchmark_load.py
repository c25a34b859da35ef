"""Load benchmark (issue 12): N scoped users of the demo town work at once for a fixed time, against the
site served as in production (gunicorn) and by the development server, one after the other in the same
run. Every response is checked against the user's scope as it comes.

	bench --site gongjian.localhost gongjian-benchmark-load --users 50 --seconds 60

Prints p50 and p95 per action, throughput, errors and leaks for each server, and their ratio.
"""

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import frappe
import requests

ACTIONS = {  # action: weight in the mix
	"list": 30,
	"form": 25,
	"save": 10,
	"report": 10,
	"compliance": 10,
	"search": 15,
}
USER_PREFIX = "load-"
TARGETS_P95_MS = {"list": 300, "form": 300, "report": 1000}


def ensure_users(count: int, password: str) -> list[dict]:
	"""`count` accounts spread over the demo town's villages and roles: four in five village clerks,
	the rest enterprise users and town managers. Made once, their password reset each run."""
	from frappe.utils.password import update_password

	villages = frappe.get_all("Village", pluck="name", order_by="village_code asc")
	units = frappe.get_all("Enterprise", fields=["name", "village"], order_by="name asc")
	users = []
	for i in range(count):
		email = f"{USER_PREFIX}{i:03d}@example.com"
		role = "Village User" if i % 10 < 8 else ("Enterprise User" if i % 10 == 8 else "Gongjian Manager")
		scope = {}
		if role == "Village User":
			scope = {"villages": [{"village": villages[i % len(villages)]}]}
		elif role == "Enterprise User":
			scope = {"enterprises": [{"enterprise": units[i % len(units)].name}]}
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": f"压测{i}",
					"send_welcome_email": 0,
					"language": "zh",
				}
			).insert()  # by the bench command, as Administrator
			frappe.get_doc({"doctype": "Gongjian User Scope", "user": email, "role": role, **scope}).insert()
		update_password(email, password)
		village_set = {row["village"] for row in scope.get("villages", [])}
		unit_set = {row["enterprise"] for row in scope.get("enterprises", [])}
		users.append({"email": email, "role": role, "villages": village_set, "units": unit_set})
	frappe.db.commit()  # the servers it loads read them from the database
	return users


class Tally:
	def __init__(self):
		self.lock = threading.Lock()
		self.times: dict[str, list[float]] = defaultdict(list)
		self.errors: dict[str, int] = defaultdict(int)
		self.leaks: list[str] = []

	def add(self, action: str, seconds: float, ok: bool, leak: str | None = None):
		with self.lock:
			self.times[action].append(seconds)
			if not ok:
				self.errors[action] += 1
			if leak:
				self.leaks.append(leak)


def outside(user: dict, villages: set) -> str | None:
	"""A village in a response that the user may not see (village clerks only: the others' scopes are
	units or everything)."""
	if user["role"] != "Village User":
		return None
	stray = {v for v in villages if v} - user["villages"]
	return f"{user['email']} saw {sorted(stray)[:3]}" if stray else None


def work(base: str, site: str, user: dict, password: str, until: float, tally: Tally, seed: int):
	rng = random.Random(seed)
	session = requests.Session()
	session.headers["X-Frappe-Site-Name"] = site
	if not session.post(f"{base}/api/method/login", data={"usr": user["email"], "pwd": password}).ok:
		tally.add("login", 0, False)
		return
	members: list[str] = []
	units: list[str] = []
	actions, weights = zip(*ACTIONS.items(), strict=True)
	while time.monotonic() < until:
		action = rng.choices(actions, weights)[0]
		started = time.perf_counter()
		ok, leak = True, None
		try:
			if action == "list":
				r = session.get(
					f"{base}/api/resource/Union Member",
					params={"fields": '["name","village","employer"]', "limit_page_length": 20},
				)
				ok = r.ok
				rows = r.json().get("data", []) if ok else []
				members = [row["name"] for row in rows] or members
				leak = outside(user, {row["village"] for row in rows})
			elif action == "form":
				name = rng.choice(members) if members else None
				if name:
					r = session.get(
						f"{base}/api/method/frappe.desk.form.load.getdoc",
						params={"doctype": "Union Member", "name": name},
					)
					ok = r.ok
					docs = r.json().get("docs", []) if ok else []
					leak = outside(user, {doc.get("village") for doc in docs})
				else:
					continue
			elif action == "save":
				if not units:
					r = session.get(
						f"{base}/api/resource/Enterprise", params={"fields": '["name","village"]'}
					)
					units = [row["name"] for row in r.json().get("data", [])] if r.ok else []
					if not units:
						continue
				unit = rng.choice(units)
				if (
					user["role"] == "Gongjian Manager"
					or user["role"] == "Village User"
					or unit in user["units"]
				):
					r = session.get(f"{base}/api/resource/Enterprise/{unit}")
					staff = r.json()["data"]["staff_total"] if r.ok else 0
					started = time.perf_counter()
					r = session.put(f"{base}/api/resource/Enterprise/{unit}", json={"staff_total": staff})
					ok = r.ok
				else:
					continue
			elif action == "report":
				r = session.post(
					f"{base}/api/method/frappe.desk.query_report.run",
					data={"report_name": "Semiannual Survey", "filters": json.dumps({"period": "2026-H1"})},
				)
				ok = r.ok
				rows = r.json()["message"]["result"] if ok else []
				leak = outside(
					user, {row.get("village") for row in rows if isinstance(row, dict)} - {"合计", None}
				)
			elif action == "compliance":
				r = session.get(f"{base}/api/method/gongjian.api.compliance")
				ok = r.ok
				leak = outside(
					user, {row.get("village") for row in (r.json().get("message") or [])} if ok else set()
				)
			elif action == "search":
				r = session.get(
					f"{base}/api/method/frappe.desk.search.search_link",
					params={
						"doctype": "Enterprise",
						"txt": rng.choice("青山下洋东湖新塘白沙杨家"),
						"page_length": 10,
					},
				)
				ok = r.ok
		except requests.RequestException:
			ok = False
		tally.add(action, time.perf_counter() - started, ok, leak)


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


def serve(kind: str, site: str, workers: int) -> tuple[subprocess.Popen, str]:
	"""The site served on a free port, as production serves it (gunicorn) or as scripts/bootstrap's
	development mode does (gongjian.devserver)."""
	port, sites = free_port(), Path(frappe.get_site_path("..")).resolve()
	python = Path(sys.executable)
	if kind == "production":
		command = [
			str(python.parent / "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"frappe.app:application",
		]
	else:
		command = [str(python), "-m", "gongjian.devserver", site, str(port), "127.0.0.1"]
	process = subprocess.Popen(command, cwd=sites, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
	base = f"http://127.0.0.1:{port}"
	for _ in range(120):
		try:
			requests.get(f"{base}/api/method/ping", headers={"X-Frappe-Site-Name": site}, timeout=60)
			return process, base
		except requests.RequestException:
			time.sleep(0.5)
	process.kill()
	raise RuntimeError(f"{kind} server did not start")


def run_against(kind: str, site: str, users: list[dict], password: str, seconds: int, workers: int) -> Tally:
	process, base = serve(kind, site, workers)
	tally = Tally()
	try:
		until = time.monotonic() + seconds
		threads = [
			threading.Thread(target=work, args=(base, site, user, password, until, tally, i))
			for i, user in enumerate(users)
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(seconds + 120)
	finally:
		process.terminate()
		process.wait(timeout=30)
	return tally


def percentile(values: list[float], share: float) -> float:
	if not values:
		return 0.0
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(users: int = 50, seconds: int = 60, workers: int | None = None) -> dict:
	site = frappe.local.site
	workers = workers or 2 * (os.cpu_count() or 1) + 1
	password = frappe.generate_hash(length=16)
	accounts = ensure_users(users, password)
	results = {}
	for kind in ("production", "development"):
		tally = run_against(kind, site, accounts, password, seconds, workers)
		total = sum(len(times) for times in tally.times.values())
		results[kind] = tally
		print(
			f"\n{kind}: {users} users for {seconds} s, {total} requests, {total / seconds:.1f} requests/s, "
			f"{sum(tally.errors.values())} errors, {len(tally.leaks)} leaks"
		)
		for action in ACTIONS:
			times = tally.times.get(action, [])
			p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
			target = TARGETS_P95_MS.get(action)
			verdict = "met" if target and p95 <= target else "missed"
			mark = f" (target ≤ {target} ms: {verdict})" if target else ""
			print(
				f"  {action:<11} n={len(times):>5}  p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  errors {tally.errors.get(action, 0)}{mark}"
			)
		for leak in tally.leaks[:5]:
			print(f"  LEAK {leak}")
	prod, dev = results["production"], results["development"]
	print("\nproduction / development:")
	for action in ACTIONS:
		p, d = percentile(prod.times.get(action, []), 0.95), percentile(dev.times.get(action, []), 0.95)
		print(
			f"  {action:<11} p95 {p * 1000:6.0f} ms vs {d * 1000:6.0f} ms  ({(d / p if p else 0):.1f}x faster)"
		)
	tp, td = (sum(len(t) for t in r.times.values()) for r in (prod, dev))
	print(f"  throughput {tp / seconds:.1f} vs {td / seconds:.1f} requests/s ({(tp / td if td else 0):.1f}x)")
	return results
