"""The kept member counts (gongjian/member_counts.py) against a recount of the members, on the real site:
after random sequences of every write path the app has (form inserts, transfers accepted, returned or
left pending, retention, withdrawal, enrollment batches, deletion of a member registered by mistake),
after concurrent transfers and inserts from connections of their own, after a corruption corrected by
the nightly reconciliation, and after a rollback."""

import contextlib
import random
import threading
import time
import traceback
from collections import Counter

import frappe
import pytest

from gongjian import member_counts, unit_tally
from gongjian.gongjian.doctype.membership_transfer.membership_transfer import MembershipTransfer
from tests import factories
from tests.site import site_paths

KEPT = tuple(member_counts.KEYS)  # Unit Member Count, Village Member Count
DRIFT_TITLE = "Kept member counts drifted and were corrected"  # member_counts.reconcile_nightly
EMPLOYMENT_KINDS = ("Formal", "Migrant Worker", "Dispatched", "Temporary", "New Urban Employee")
JOIN_CHANNELS = ("At Employer", "At Source", "At Destination", "Batch")
BREAKDOWN_CHECKS = ("migrant", "party_member", "high_education", "high_skill", "high_income")
EXIT_REASONS = ("Left the Employer", "Retired", "Voluntary Withdrawal", "Deceased", "Other")
MISTAKE = "Registered by Mistake"


def no_drift() -> dict:
	"""The drift of both kept counts, only the DocTypes that drifted (empty when none did)."""
	return {doctype: dict(changes) for doctype, changes in member_counts.drift().items() if changes}


def assert_kept_equals_recount(context=""):
	for doctype in KEPT:
		kept, fresh = member_counts.kept(doctype), member_counts.recount(doctype)
		assert kept == fresh, (
			f"{context}{doctype}: kept - recount = {dict(kept - fresh)}, recount - kept = {dict(fresh - kept)}"
		)
	assert no_drift() == {}, context
	# each unit's members at the unit, kept in the Unit Tally from the same changes
	assert unit_tally.drift() == {}, context


def make_town() -> frappe._dict:
	"""A township with its Members' Home and two villages: in the first, two units each with its base
	union; in the second, a joint union covering two units."""
	township = factories.township()
	first, second = (factories.village(township_name=township) for _ in range(2))
	u1, u2 = factories.enterprise(first, staff=500), factories.enterprise(first, staff=500)
	u3, u4 = factories.enterprise(second, staff=500), factories.enterprise(second, staff=500)
	home = frappe.get_doc(
		{
			"doctype": "Trade Union",
			"union_name": factories.unique("会员之家"),
			"union_kind": "Members' Home",
			"township": township,
		}
	).insert()
	b1 = factories.union("Base Union Committee", first, [u1])
	b2 = factories.union("Base Union Committee", first, [u2])
	joint = factories.union("Joint Base Union", second, [u3, u4])
	return frappe._dict(
		township=township,
		villages=[first, second],
		units=[u1, u2, u3, u4],
		home=home.name,
		b1=b1,
		b2=b2,
		joint=joint,
		unions=[b1, b2, joint, home.name],
		# where a member may be registered or transferred to: (union, employer)
		places=[(b1, u1), (b2, u2), (joint, u3), (joint, u4), (joint, None)],
		covered={b1: [u1], b2: [u2], joint: [u3, u4]},
		village_of={b1: first, b2: first, joint: second},
	)


def transfer(member: str, to_union: str | None, to_employer: str | None = None, retain=False):
	return frappe.get_doc(
		{
			"doctype": "Membership Transfer",
			"member": member,
			"reason": "Bankruptcy",
			"destination": "Retain Membership" if retain else "Transfer to Union",
			"to_union": to_union,
			"to_employer": to_employer,
		}
	).insert()


def enrollment_batch(union: str, village: str, rows: list[dict]):
	return frappe.get_doc(
		{
			"doctype": "Enrollment Batch",
			"title": "集中入会",
			"campaign": "计数测试",
			"union": union,
			"village": village,
			"rows": rows,
		}
	).insert()


def remove_committed_town(town: frappe._dict) -> None:
	"""Delete what a test committed, keeping the kept counts right: the members go with their counts
	taken off by member_counts itself (as Union Member's on_trash does); their transfers, which are
	never cancelled, go with them."""
	frappe.db.rollback()
	fields = sorted({f for keys in member_counts.KEYS.values() for f in keys})
	members = frappe.get_all(
		"Union Member", filters={"union": ["in", town.unions]}, fields=["name", *fields], limit=0
	)
	names = [m.name for m in members] or [""]
	transfers = frappe.get_all("Membership Transfer", {"member": ["in", names]}, pluck="name")
	for doctype, field in (("Comment", "reference_name"), ("Version", "docname")):
		frappe.db.delete(doctype, {field: ["in", names + transfers + town.unions + town.units]})
	frappe.db.delete("Membership Transfer", {"member": ["in", names]})
	frappe.db.delete("Union Member", {"name": ["in", names]})
	member_counts.apply(member_counts.deltas_of(members, -1))
	for doctype, records in (
		("Trade Union", town.unions),
		("Enterprise", town.units),
		("Village", town.villages),
		("Township", [town.township]),
	):
		for name in records:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	deleted = town.unions + town.units + town.villages + [town.township]
	frappe.db.delete("Deleted Document", {"deleted_name": ["in", deleted]})
	frappe.db.commit()


@contextlib.contextmanager
def committed_town():
	"""A town committed for other connections (or for a job that commits), removed afterwards."""
	assert no_drift() == {}, "the site's kept counts drifted before this test"
	town = make_town()
	frappe.db.commit()
	try:
		yield town
	finally:
		remove_committed_town(town)
		assert no_drift() == {}, "removing the test's town left the kept counts drifted"


# 1. Random sequences of every write path -------------------------------------------------------------


class Sequence:
	"""Random operations through the app's own paths, with a model of each member's (union, employer,
	status) to choose valid operations and to check where the kept counts put the members."""

	def __init__(self, rng: random.Random, town: frappe._dict):
		self.rng, self.town = rng, town
		self.members: dict[str, dict] = {}  # name -> union, employer, status, batch, history
		self.pending: dict[str, object] = {}  # member -> its transfer awaiting acceptance
		self.done = Counter()

	def breakdown(self) -> dict:
		rng = self.rng
		return {
			"employment_kind": rng.choice(EMPLOYMENT_KINDS),
			"join_channel": rng.choice(JOIN_CHANNELS),
			**{check: int(rng.random() < 0.3) for check in BREAKDOWN_CHECKS},
		}

	def having(self, *statuses, **flags) -> list[str]:
		return sorted(
			name
			for name, m in self.members.items()
			if m["status"] in statuses and all(m[flag] == value for flag, value in flags.items())
		)

	def run(self, op: str) -> None:
		getattr(self, op)()  # each operation counts itself in self.done once it has run

	def insert(self):
		if self.rng.random() < 0.15:  # a member kept by the Members' Home, living in a village
			union, employer = self.town.home, None
			name = factories.member(
				union, None, village=self.rng.choice(self.town.villages), **self.breakdown()
			)
		else:
			union, employer = self.rng.choice(self.town.places)
			name = factories.member(union, employer, **self.breakdown())
		self.members[name] = dict(union=union, employer=employer, status="Member", batch=False, history=False)
		self.done["insert"] += 1

	def transfer(self):
		candidates = self.having("Member", "Retained")
		if not candidates:
			return self.insert()
		name = self.rng.choice(candidates)
		member = self.members[name]
		union, employer = self.rng.choice(
			[p for p in self.town.places if p != (member["union"], member["employer"])]
		)
		doc = transfer(name, union, employer)
		doc.submit()
		member.update(status="Transferring", history=True)
		self.pending[name] = (doc, union, employer)
		self.done["transfer"] += 1
		if self.rng.random() < 0.6:  # else answered later, by `answer`
			self.answer(name)

	def answer(self, name: str | None = None):
		if not self.pending:
			return self.transfer()
		name = name or self.rng.choice(sorted(self.pending))
		doc, union, employer = self.pending.pop(name)
		if self.rng.random() < 0.75:
			doc.accept()
			self.members[name].update(union=union, employer=employer, status="Member")
		else:
			doc.return_to_sender("查无此人，非本单位职工")
			self.members[name]["status"] = "Member"
			self.done["transfer returned"] += 1
		self.done["answer"] += 1

	def retain(self):
		home = (self.town.home, None)  # a member of the Members' Home already is where retention puts it
		candidates = [
			m
			for m in self.having("Member")
			if (self.members[m]["union"], self.members[m]["employer"]) != home
		]
		if not candidates:
			return self.insert()
		name = self.rng.choice(candidates)
		transfer(name, None, retain=True).submit()  # kept by the township's Members' Home
		self.members[name].update(union=self.town.home, employer=None, status="Retained", history=True)
		self.done["retain"] += 1

	def withdraw(self):
		candidates = self.having("Member", "Retained")
		if not candidates:
			return self.insert()
		name = self.rng.choice(candidates)
		doc = frappe.get_doc("Union Member", name)
		reason = self.rng.choice(EXIT_REASONS)
		doc.update({"status": "Withdrawn", "exit_reason": reason})
		if reason == "Other":
			doc.exit_note = "随家人迁往外省"
		doc.save()
		self.members[name]["status"] = "Withdrawn"
		self.done["withdraw"] += 1

	def batch(self):
		rng, town = self.rng, self.town
		union = rng.choice([town.b1, town.b2, town.joint])
		rows = []
		for i in range(rng.randint(1, 6)):
			rows.append(
				{
					"member_name": f"批量{i}",
					"id_number": factories.resident_id(),
					"employment_kind": f"{rng.randint(1, 5)} ",
					"migrant": rng.choice(["0 否", "1 是", ""]),
					"join_channel": rng.choice(["", "1", "2", "3", "4"]),
					"employer": rng.choice([*town.covered[union], None]),
				}
			)
		doc = enrollment_batch(union, town.village_of[union], rows)
		doc.submit()
		enrolled = [row for row in doc.rows if row.row_status == "Enrolled"]
		assert len(enrolled) == len(rows), [(row.row_status, row.errors) for row in doc.rows]
		for row in enrolled:
			self.members[row.member] = dict(
				union=union, employer=row.employer or None, status="Member", batch=True, history=False
			)
		self.done["batch"] += 1

	def delete_mistake(self):
		"""Withdraw a member as registered by mistake, then delete the record. A record with a transfer
		or enrolled by a batch is linked and Frappe refuses the deletion: that request rolls back."""
		clean = self.having("Member", "Withdrawn", batch=False, history=False)
		linked = self.having("Member", "Withdrawn", batch=True) + self.having(
			"Member", "Withdrawn", history=True
		)
		pool = linked if linked and (not clean or self.rng.random() < 0.25) else clean
		if not pool:
			return self.insert()
		name = self.rng.choice(pool)
		doc = frappe.get_doc("Union Member", name)
		doc.update({"status": "Withdrawn", "exit_reason": MISTAKE})
		doc.save()
		self.members[name]["status"] = "Withdrawn"
		frappe.db.savepoint("delete_member")  # the deletion is a request of its own
		try:
			frappe.delete_doc("Union Member", name)
		except frappe.LinkExistsError:
			frappe.db.rollback(save_point="delete_member")
			assert frappe.db.exists("Union Member", name)
			self.done["delete refused (linked)"] += 1
			return
		assert not frappe.db.exists("Union Member", name)
		del self.members[name]
		self.done["delete_mistake"] += 1

	def edit(self):
		"""A form edit of the breakdown fields (the Village Member Count key), at any status."""
		if not self.members:
			return self.insert()
		doc = frappe.get_doc("Union Member", self.rng.choice(sorted(self.members)))
		changes = self.breakdown()
		doc.update({k: v for k, v in changes.items() if self.rng.random() < 0.5})
		doc.save()
		self.done["edit"] += 1

	def expected_at_unions(self) -> Counter:
		return Counter((m["union"], m["employer"] or "", m["status"]) for m in self.members.values())


OPERATIONS = {
	"insert": 5,
	"transfer": 4,
	"answer": 2,
	"retain": 2,
	"withdraw": 2,
	"batch": 1,
	"delete_mistake": 2,
	"edit": 1,
}


@pytest.mark.parametrize("seed", [7, 2024, 31337])
def test_random_write_sequences_keep_counts_equal_to_a_recount(seed):
	assert no_drift() == {}, "the site's kept counts drifted before this test"
	rng = random.Random(seed)
	town = make_town()
	sequence = Sequence(rng, town)
	operations, weights = list(OPERATIONS), list(OPERATIONS.values())
	steps = rng.randint(50, 70)
	for step in range(steps):
		op = rng.choices(operations, weights)[0]
		sequence.run(op)
		drifted = no_drift()
		assert drifted == {}, f"seed {seed}, step {step} ({op}): kept counts drifted {drifted}"
	assert_kept_equals_recount(f"seed {seed}: ")
	# The kept counts also put every member where the sequence moved it.
	kept_at_unions = Counter()
	for (union, employer, _village, status), members in member_counts.kept("Unit Member Count").items():
		if union in town.unions and members:
			kept_at_unions[(union, employer, status)] += members
	assert kept_at_unions == +sequence.expected_at_unions()
	# Every path ran (enough steps for each, whatever the seed).
	assert set(sequence.done) >= set(OPERATIONS), sequence.done


# 2. Concurrent transfers and inserts ------------------------------------------------------------------


def in_own_connection(work, errors: list, label: str, barrier: threading.Barrier | None = None):
	"""Run `work` in a connection of its own, as a request would: one transaction, committed; a
	failure rolls it back and is kept in `errors` (label, exception class, message, traceback)."""
	sites_path, site = site_paths()

	def run():
		frappe.init(site=site, sites_path=str(sites_path))
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			if barrier:
				barrier.wait(timeout=120)
			work()
			frappe.db.commit()
		except Exception as error:  # reported by the test, with the thread it happened in
			frappe.db.rollback()
			errors.append((label, type(error).__name__, str(error), traceback.format_exc()))
		finally:
			frappe.destroy()

	return threading.Thread(target=run, name=label)


def test_concurrent_transfers_and_inserts_add_up():
	"""Transfers between the same two units accepted at once (both ways), retentions submitted at once
	and members registered at once: all on the same kept rows, from connections of their own."""
	with committed_town() as town:
		(u1, u2), (b1, b2) = town.units[:2], (town.b1, town.b2)
		village = town.villages[0]
		at_u1 = [factories.member(b1, u1) for _ in range(6)]
		at_u2 = [factories.member(b2, u2) for _ in range(6)]
		# Sent by the units (submitted): the receiving unions accept them at once, in the threads.
		awaiting = []
		for member in at_u1[:4]:
			doc = transfer(member, b2, u2)
			doc.submit()
			awaiting.append(doc.name)
		for member in at_u2[:4]:
			doc = transfer(member, b1, u1)
			doc.submit()
			awaiting.append(doc.name)
		retentions = [transfer(member, None, retain=True).name for member in (at_u1[4], at_u2[4])]
		frappe.db.commit()  # the threads' own connections must see the town
		assert_kept_equals_recount("before the threads: ")

		errors, inserted = [], []

		def accept(name):
			return lambda: frappe.get_doc("Membership Transfer", name).accept()

		def submit(name):
			return lambda: frappe.get_doc("Membership Transfer", name).submit()

		def register(union, unit):
			def work():
				for _ in range(3):
					inserted.append(factories.member(union, unit))

			return work

		works = [(f"accept {n}", accept(n)) for n in awaiting]
		works += [(f"retain {n}", submit(n)) for n in retentions]
		works += [(f"insert at {u1}", register(b1, u1)), (f"insert at {u2}", register(b2, u2))]
		barrier = threading.Barrier(len(works))
		threads = [in_own_connection(work, errors, label, barrier) for label, work in works]
		started = time.monotonic()
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=300)
		assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
		elapsed = time.monotonic() - started

		frappe.db.rollback()  # a fresh snapshot: what the threads committed
		# Whatever failed was rolled back whole: no count was lost or doubled.
		assert_kept_equals_recount("after the threads: ")
		# Nothing failed: no deadlock between the writers of the kept counts.
		assert not errors, (
			f"{len(errors)} of {len(works)} concurrent requests failed:\n"
			+ "\n".join(f"{label}: {kind}: {message}" for label, kind, message, _tb in errors)
			+ "\n\nfirst traceback:\n"
			+ errors[0][3]
		)
		statuses = Counter(frappe.get_all("Union Member", {"union": ["in", town.unions]}, pluck="status"))
		assert statuses == {"Member": 10 + len(inserted), "Retained": 2}, statuses
		unit_counts = member_counts.kept("Unit Member Count")
		# each unit: 1 never moved + 4 received + 3 registered; nobody left in transfer
		assert unit_counts[(b1, u1, village, "Member")] == 8
		assert unit_counts[(b2, u2, village, "Member")] == 8
		assert unit_counts[(b1, u1, village, "Transferring")] == 0
		assert unit_counts[(b2, u2, village, "Transferring")] == 0
		assert unit_counts[(town.home, "", village, "Retained")] == 2
		assert len(inserted) == 6 and elapsed < 120


def test_a_save_does_not_hold_back_saves_counted_under_other_keys():
	"""While one request's transaction is still open after withdrawing a member of one unit, another
	request registers a member of another union, unit and village. They change different kept rows, so
	the second must not wait for the first. The two units are named to sit next to each other in the
	count indexes (the other one just before), where a range or gap lock of the first would fall."""
	with committed_town() as town:
		village, other_village = town.villages
		prefix = factories.unique("计数企业")
		unit = factories.enterprise(village, staff=50, enterprise_name=f"{prefix}2")
		other_unit = factories.enterprise(other_village, staff=50, enterprise_name=f"{prefix}1")
		union = factories.union("Base Union Committee", village, [unit])
		other_union = factories.union("Base Union Committee", other_village, [other_unit])
		town.units += [unit, other_unit]
		town.unions += [union, other_union]
		leaving = factories.member(union, unit)
		factories.member(union, unit)  # the first key's count stays above zero
		factories.member(other_union, other_unit)  # the other key's rows exist: nothing new to insert
		frappe.db.commit()
		withdrawn, released = threading.Event(), threading.Event()
		errors, waited = [], []

		def withdraw():
			try:
				doc = frappe.get_doc("Union Member", leaving)
				doc.update({"status": "Withdrawn", "exit_reason": "Retired"})
				doc.save()
				withdrawn.set()
				assert released.wait(60), "the second request never finished"  # still running
			finally:
				withdrawn.set()

		def register():
			assert withdrawn.wait(60), "the first request never saved"
			try:
				frappe.db.sql("set session innodb_lock_wait_timeout = 5")
				started = time.monotonic()
				factories.member(other_union, other_unit)
				waited.append(time.monotonic() - started)
			finally:
				released.set()

		threads = [
			in_own_connection(withdraw, errors, f"withdraw a member of {unit}"),
			in_own_connection(register, errors, f"register a member of {other_unit}"),
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=120)
		assert not errors, "\n".join(
			f"{label}: {kind}: {message}\n{tb}" for label, kind, message, tb in errors
		)
		assert waited and waited[0] < 5
		frappe.db.rollback()
		assert_kept_equals_recount()


# 3. The nightly reconciliation ------------------------------------------------------------------------


def drift_logs() -> set[str]:
	return set(frappe.get_all("Error Log", {"method": frappe._(DRIFT_TITLE)}, pluck="name"))


def test_the_nightly_reconciliation_corrects_drift_and_reports_it():
	logs_before = drift_logs()
	try:
		with committed_town() as town:
			u1, b1, village = town.units[0], town.b1, town.villages[0]
			for _ in range(3):
				factories.member(b1, u1)
			unit_key = (b1, u1, village, "Member")
			village_key = (village, "Member", "Formal", 0, 0, 0, 0, 0, "At Employer")
			phantom_key = (b1, u1, village, "Retained")
			assert member_counts.kept("Unit Member Count")[unit_key] == 3
			assert member_counts.kept("Village Member Count")[village_key] == 3

			# Three ways to drift: a count too high, one too low, one with no member behind it.
			frappe.db.sql(
				"""update `tabUnit Member Count` set members = members + 2
				where `union` = %s and employer = %s and village = %s and status = 'Member'""",
				(b1, u1, village),
			)
			frappe.db.sql(
				"""update `tabVillage Member Count` set members = members - 1
				where village = %s and status = 'Member' and employment_kind = 'Formal'
				and migrant = 0 and high_education = 0 and high_skill = 0 and high_income = 0
				and party_member = 0 and join_channel = 'At Employer'""",
				village,
			)
			frappe.db.sql(
				"""insert into `tabUnit Member Count`
				(name, creation, modified, owner, modified_by, `union`, employer, village, status, members)
				values (%s, now(), now(), 'Administrator', 'Administrator', %s, %s, %s, 'Retained', 5)""",
				(frappe.generate_hash(length=12), b1, u1, village),
			)
			assert no_drift() == {
				"Unit Member Count": {unit_key: -2, phantom_key: -5},
				"Village Member Count": {village_key: 1},
			}

			member_counts.reconcile_nightly()

			assert member_counts.kept("Unit Member Count")[unit_key] == 3
			assert member_counts.kept("Village Member Count")[village_key] == 3
			assert (
				frappe.db.get_value(
					"Unit Member Count", {"union": b1, "employer": u1, "status": "Retained"}, "members"
				)
				== 0
			), "an invented count is corrected to zero"
			assert_kept_equals_recount("after the reconciliation: ")
			new_logs = drift_logs() - logs_before
			assert len(new_logs) == 1, new_logs
			message = frappe.db.get_value("Error Log", new_logs.pop(), "error")
			unit_fields = dict(zip(member_counts.KEYS["Unit Member Count"], unit_key, strict=True))
			assert f"Unit Member Count {unit_fields}: -2" in message
			assert "'status': 'Retained'}: -5" in message
			assert "Village Member Count" in message and ": +1" in message

			# Nothing drifted: nothing corrected, nothing logged.
			logged = drift_logs()
			assert member_counts.reconcile() == {doctype: Counter() for doctype in KEPT}
			member_counts.reconcile_nightly()
			assert drift_logs() == logged
	finally:
		frappe.db.rollback()
		created = drift_logs() - logs_before
		if created:
			frappe.db.delete("Error Log", {"name": ["in", sorted(created)]})
			frappe.db.commit()


# 4. Same transaction as the members -------------------------------------------------------------------


def kept_counts() -> dict[str, Counter]:
	return {doctype: member_counts.kept(doctype) for doctype in KEPT}


def test_counts_are_written_in_the_members_transaction_and_roll_back_with_it(monkeypatch):
	town = make_town()
	frappe.db.commit()  # the town stays; only the members below are rolled back
	try:
		before = kept_counts()
		member = factories.member(town.b1, town.units[0], migrant=1)
		during = kept_counts()
		assert during["Unit Member Count"] - before["Unit Member Count"] == Counter(
			{(town.b1, town.units[0], town.villages[0], "Member"): 1}
		)
		frappe.db.rollback()
		assert not frappe.db.exists("Union Member", member)
		assert kept_counts() == before

		# Rolled back to a savepoint: the member and its counts go, what came before stays.
		kept_member = factories.member(town.b2, town.units[1])
		with_kept = kept_counts()
		frappe.db.savepoint("counts_test")
		batch = enrollment_batch(
			town.joint,
			town.villages[1],
			[{"member_name": "甲", "id_number": factories.resident_id(), "employment_kind": "2"}],
		)
		batch.submit()
		assert kept_counts() != with_kept
		frappe.db.rollback(save_point="counts_test")
		assert kept_counts() == with_kept
		assert frappe.db.exists("Union Member", kept_member)

		# A transfer that fails after moving the member: the counts it moved go back with the member.
		doc = transfer(kept_member, None, retain=True)

		def fail_after_the_move(self):
			assert frappe.db.get_value("Union Member", kept_member, "union") == town.home
			assert kept_counts() != with_kept  # moved with the member
			raise RuntimeError("injected failure after the member was moved")

		monkeypatch.setattr(MembershipTransfer, "record_history", fail_after_the_move)
		with pytest.raises(RuntimeError):
			doc.submit()
		assert kept_counts() == with_kept
		assert_kept_equals_recount()
		frappe.db.rollback()
		assert kept_counts() == before
	finally:
		remove_committed_town(town)
