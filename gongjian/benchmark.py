"""Report benchmark: `bench --site SITE gongjian-benchmark [--townships 20]`.

Fills the site with a county-scale dataset through bulk inserts (20 townships, 400 villages, 20,000
units, 600,000 members and their unions at the default scale), then times each report against one
hand-written SQL aggregate that computes the same numbers over the same rows, and prints the
medians and their ratio. Use a scratch site: the data stays there for repeated runs.
"""

import statistics
import time
from datetime import date, timedelta

import frappe
from frappe.utils import now

from gongjian import compliance_findings, member_counts, unit_tally
from gongjian.rules.identifiers import USCC_ALPHABET, id_check_char, uscc_check_char

VILLAGES_PER_TOWNSHIP = 20
UNITS_PER_VILLAGE = 50
MEMBERS_PER_UNIT = 33
PREFIX = "BM"


def standard(name: str, stamp: str) -> tuple:
	return (name, stamp, stamp, "Administrator", "Administrator", 0, 0)


STANDARD = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"]


def base31(number: int, width: int) -> str:
	digits = []
	for _ in range(width):
		number, digit = divmod(number, 31)
		digits.append(USCC_ALPHABET[digit])
	return "".join(reversed(digits))


def generate(townships: int) -> dict:
	"""Bulk-insert the dataset unless it is there already; returns its sizes."""
	existing = frappe.db.count("Township", {"name": ["like", f"{PREFIX}镇%"]})
	if existing == townships:
		if not frappe.db.count("Unit Tally"):  # an earlier run stopped before counting
			count_kept()
		return sizes()
	if existing:
		raise SystemExit(
			f"This site holds a benchmark dataset of {existing} townships: use a new scratch site"
		)
	stamp = now()
	township_rows, village_rows, unit_rows, union_rows, cover_rows, member_rows = [], [], [], [], [], []
	member_serial = unit_serial = 0
	born = date(1970, 1, 1)
	db = frappe.db

	def flush():
		"""Insert a township's rows: the county's 600,000 members, or ten times that, never all in memory."""
		db.bulk_insert("Township", [*STANDARD, "township_name"], township_rows)
		db.bulk_insert("Village", [*STANDARD, "village_name", "township"], village_rows)
		db.bulk_insert(
			"Enterprise",
			[
				*STANDARD,
				"enterprise_name",
				"uscc",
				"category",
				"above_scale",
				"village",
				"township",
				"status",
				"staff_migrant",
				"staff_dispatched",
				"staff_temporary",
				"staff_total",
			],
			unit_rows,
		)
		db.bulk_insert(
			"Trade Union",
			[
				*STANDARD,
				"union_name",
				"union_kind",
				"formation_method",
				"status",
				"village",
				"township",
				"workers_home",
			],
			union_rows,
		)
		db.bulk_insert(
			"Trade Union Unit",
			[*STANDARD, "parent", "parenttype", "parentfield", "enterprise", "enterprise_village"],
			cover_rows,
		)
		db.bulk_insert(
			"Union Member",
			[
				*STANDARD,
				"member_name",
				"id_number",
				"union",
				"employer",
				"village",
				"status",
				"employment_kind",
				"join_channel",
				"joined_on",
			],
			member_rows,
			chunk_size=20_000,
		)
		for rows in (township_rows, village_rows, unit_rows, union_rows, cover_rows, member_rows):
			rows.clear()
		frappe.db.commit()  # a scratch site: one township at a time

	for t in range(1, townships + 1):
		township = f"{PREFIX}镇{t:02d}"
		township_rows.append((*standard(township, stamp), township))
		for v in range(1, VILLAGES_PER_TOWNSHIP + 1):
			village = f"{township}{v:02d}村"
			village_rows.append((*standard(village, stamp), village, township))
			for u in range(1, UNITS_PER_VILLAGE + 1):
				unit = f"{village}单位{u:02d}"
				staff = 8 + (u * 7) % 60
				first17 = "91330182" + base31(unit_serial, 9)
				unit_serial += 1
				covered = u % 10 != 0
				unit_rows.append(
					(
						*standard(unit, stamp),
						unit,
						first17 + uscc_check_char(first17),
						"Non-public Enterprise",
						int(staff >= 50),
						village,
						township,
						"Operating",
						staff // 4,
						0,
						0,
						staff,
					)
				)
				if covered:
					union = f"{unit}工会"
					union_rows.append(
						(
							*standard(union, stamp),
							union,
							"Base Union Committee",
							"Standalone",
							"Active",
							village,
							township,
							int(u % 3 == 0),
						)
					)
					cover_rows.append(
						(
							*standard(frappe.generate_hash(length=10), stamp),
							union,
							"Trade Union",
							"covered_units",
							unit,
							village,
						)
					)
				# 33 or 34 members in each covered unit: 600,000 at county scale
				for _m in range((MEMBERS_PER_UNIT + (u % 3 == 0)) if covered else 0):
					day, seq = divmod(member_serial, 1000)
					first17 = f"330182{(born + timedelta(days=day)).strftime('%Y%m%d')}{seq:03d}"
					member_rows.append(
						(
							*standard(f"{PREFIX}{member_serial:07d}", stamp),
							f"会员{member_serial}",
							first17 + id_check_char(first17),
							union,
							unit,
							village,
							"Member",
							"Formal",
							"At Employer",
							"2020-01-01",
						)
					)
					member_serial += 1
		flush()
	count_kept()
	return sizes()


def count_kept() -> None:
	member_counts.rebuild()
	unit_tally.rebuild()
	frappe.db.commit()


def sizes() -> dict:
	return {
		doctype: frappe.db.count(doctype)
		for doctype in ("Township", "Village", "Enterprise", "Trade Union", "Union Member")
	}


# One hand-written aggregate per report: the same numbers over the same rows.
SURVEY_SQL = """
select e.village,
	count(*) as units,
	sum(e.staff_total > 0) as required,
	sum(e.staff_total > 0 and cov.unit is not null) as covered,
	sum(e.staff_total >= %(threshold)s and cov.own = 1) as own_union,
	sum(e.staff_total >= %(threshold)s) as large,
	sum(e.staff_total) as staff, sum(e.staff_migrant) as migrant,
	sum(e.staff_dispatched) as dispatched, sum(e.staff_temporary) as temporary,
	sum(least(coalesce(m.members, 0), e.staff_total)) as members,
	sum(if(cov.unit is not null, least(coalesce(m.members, 0), e.staff_total), 0)) as covered_members,
	sum(if(cov.unit is not null, e.staff_total, 0)) as covered_staff,
	sum(cov.unit is not null and c.enterprise is not null) as contracts
from `tabEnterprise` e
left join (
	select tuu.enterprise as unit,
		max(tu.union_kind = 'Base Union Committee' and (select count(*) from `tabTrade Union Unit` x
			where x.parent = tu.name and x.parenttype = 'Trade Union') = 1) as own
	from `tabTrade Union Unit` tuu join `tabTrade Union` tu on tu.name = tuu.parent
	where tuu.parenttype = 'Trade Union' and tu.status = 'Active'
		and tu.union_kind not in ('Members'' Home', 'Township Federation')
	group by tuu.enterprise
) cov on cov.unit = e.name
left join (
	select employer, count(*) as members from `tabUnion Member`
	where status = 'Member' and joined_on <= %(on)s group by employer
) m on m.employer = e.name
left join (
	select distinct enterprise from `tabCollective Contract` where signed_on <= %(on)s and expires_on >= %(on)s
) c on c.enterprise = e.name
where e.status not in ('Bankrupt', 'Deregistered') and (e.founded_on is null or e.founded_on <= %(on)s)
group by e.village
"""
MEMBERS_SQL = """
select employment_kind, migrant, high_education, high_skill, high_income, party_member, join_channel, status,
	count(*) from `tabUnion Member` where joined_on <= %(on)s
group by employment_kind, migrant, high_education, high_skill, high_income, party_member, join_channel, status
"""
COMPLIANCE_SQL = """
select e.name, e.staff_total, cov.unit is not null
from `tabEnterprise` e
left join (select distinct tuu.enterprise as unit from `tabTrade Union Unit` tuu
	join `tabTrade Union` tu on tu.name = tuu.parent where tu.status = 'Active') cov on cov.unit = e.name
where e.status not in ('Bankrupt', 'Deregistered')
"""


AT_RISK_SQL = """
select m.name, m.member_name, m.employer, e.status, m.`union`, m.village
from `tabUnion Member` m join `tabEnterprise` e on e.name = m.employer
where e.status in %(at_risk)s and m.status = 'Member'
"""


def query_count(call) -> int:
	"""How many SQL statements one call sends: the same at every scale for a set-based report."""
	sql, sent = frappe.db.sql, []

	def counting(*args, **kwargs):
		sent.append(1)
		return sql(*args, **kwargs)

	frappe.db.sql = counting
	try:
		call()
	finally:
		frappe.db.sql = sql
	return len(sent)


def median_seconds(call, runs: int) -> float:
	times = []
	for _ in range(runs):
		start = time.perf_counter()
		call()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def run(townships: int = 20, runs: int = 3) -> list[tuple[str, float, float]]:
	from frappe.desk.query_report import run as run_report

	from gongjian import dashboard
	from gongjian.rules.membership import AT_RISK_EMPLOYER_STATUSES

	started = time.perf_counter()
	figures = generate(townships)
	print(f"dataset: {figures} (ready in {time.perf_counter() - started:.1f} s)")
	if compliance_findings.rebuilt_on(compliance_findings.current_marks()) is None:
		# what the first scheduled run of the day does (a bulk-loaded dataset marks nothing)
		started = time.perf_counter()
		compliance_findings.rebuild()
		frappe.db.commit()
		print(f"kept compliance warnings rebuilt in {time.perf_counter() - started:.1f} s")
	# timed as the users read them: in the site's language
	frappe.local.lang = compliance_findings.site_language()
	on = date.today().isoformat()
	params = {"on": on, "threshold": 25, "at_risk": list(AT_RISK_EMPLOYER_STATUSES)}

	def report(name):
		return lambda: run_report(name, filters={}, ignore_prepared_report=True)

	cases = [  # the workspace chart is the Semiannual Survey report itself
		("Semiannual Survey", report("Semiannual Survey"), SURVEY_SQL),
		("Annual Evaluation", report("Annual Evaluation"), SURVEY_SQL),
		("Compliance Warnings", report("Compliance Warnings"), COMPLIANCE_SQL),
		("Membership Statistics", report("Membership Statistics"), MEMBERS_SQL),
		("Members at Risk", report("Members at Risk"), AT_RISK_SQL),
		("Workspace card: Formation Rate", dashboard.formation_rate, SURVEY_SQL),
		("Workspace card: Open Warnings", dashboard.open_warnings, COMPLIANCE_SQL),
	]
	results = []
	for name, call, sql in cases:
		call()  # fills Frappe's caches (meta, settings), which a fresh site reads from the database once
		queries = query_count(call)
		report_time = median_seconds(call, runs)
		sql_time = median_seconds(lambda s=sql: frappe.db.sql(s, params), runs)
		results.append((name, report_time, sql_time))
		print(
			f"{name}: {report_time:.3f} s in {queries} queries, hand-written SQL {sql_time:.3f} s,"
			f" ratio {report_time / sql_time:.1f}x"
		)
	return results
