"""Two villages, A and B, with one record of every scoped DocType in each, and a user per role.

Every "A" record is reachable from unit A1 (so the enterprise user of A1 and the organizer assigned
to A1 reach it too); no "B" record is reachable from anything in A.
"""

import frappe

from gongjian.rules.identifiers import id_check_char
from tests import factories

PASSWORD = "Gongjian-Access-2026!"
ROLES = ("Gongjian Manager", "Gongjian Viewer", "Village User", "Enterprise User", "Union Organizer")


def person_id(seed: int) -> str:
	first17 = f"3301821988{seed % 12 + 1:02d}{seed % 28 + 1:02d}{seed % 1000:03d}"
	return first17 + id_check_char(first17)


def build_side(side: str, township: str, home_union: str, seed: int) -> dict:
	village = factories.village(name=factories.unique(f"{side}村"), township_name=township)
	party_org = (
		frappe.get_doc(
			{
				"doctype": "Party Organization",
				"org_name": factories.unique(f"{side}党支部"),
				"org_kind": "Party Branch",
				"village": village,
			}
		)
		.insert()
		.name
	)
	unit = factories.enterprise(
		village,
		staff=30,
		party_org=party_org,
		management=[
			{"role": "Administrative Head", "person_name": f"{side}厂长", "id_number": person_id(seed + 1)}
		],
		relatives=[{"relative_of": f"{side}厂长", "relation": "Spouse", "person_name": f"{side}厂长之妻"}],
		union_funds=[{"year": 2025, "payroll_total": 1_200_000, "amount_paid": 24_000}],
	)
	union = factories.union(
		"Base Union Committee",
		village,
		[unit],
		officers=[{"position": "Chair", "person_name": f"{side}工会主席", "id_number": person_id(seed + 2)}],
	)
	member = factories.member(union, unit, member_name=f"{side}会员")
	docs = {
		"Village": village,
		"Party Organization": party_org,
		"Enterprise": unit,
		"Trade Union": union,
		"Union Member": member,
		"Membership Transfer": frappe.get_doc(
			{
				"doctype": "Membership Transfer",
				"member": member,
				"reason": "Job Transfer",
				"destination": "Retain Membership",
				"to_union": home_union,
			}
		)
		.insert()
		.name,
		"Collective Contract": frappe.get_doc(
			{
				"doctype": "Collective Contract",
				"contract_level": "Regional",  # with a row of its own, for the child-table doors
				"covered_units": [{"enterprise": unit}],
				"union": union,
				"signed_on": "2025-01-01",
				"expires_on": "2028-12-31",
			}
		)
		.insert()
		.name,
		"Party Recommendation": frappe.get_doc(
			{"doctype": "Party Recommendation", "member": member, "category": "Technical Backbone"}
		)
		.insert()
		.name,
		"Union Election": frappe.get_doc(
			{
				"doctype": "Union Election",
				"union": union,
				"election_date": "2026-06-01",
				"candidates": [
					{
						"position": "Chair",
						"person_name": f"{side}主席",
						"id_number": person_id(seed),
						"elected": 1,
					}
				],
			}
		)
		.insert()
		.name,
		"Demonstration Site": frappe.get_doc(
			{
				"doctype": "Demonstration Site",
				"site_name": factories.unique(f"{side}示范点"),
				"township": township,
				"site_unit": unit,
				"year": 2026,
			}
		)
		.insert()
		.name,
		"Union Activity": frappe.get_doc(
			{
				"doctype": "Union Activity",
				"activity_title": f"{side}劳动竞赛",
				"union": union,
				"activity_kind": "Labour Competition",
				"activity_date": "2026-05-01",
			}
		)
		.insert()
		.name,
		"Union Organizer": frappe.get_doc(
			{
				"doctype": "Union Organizer",
				"organizer_name": f"{side}指导员",
				"source": "Government Cadre",
				"township": township,
				"assignments": [{"enterprise": unit, "assigned_on": "2025-01-01"}],
				"trainings": [{"training_date": "2026-03-01", "topic": "工会组建", "hours": 4}],
				"assessments": [{"year": 2025, "result": "Competent"}],
			}
		)
		.insert()
		.name,
	}
	docs["Membership Application"] = (
		frappe.get_doc(
			{
				"doctype": "Membership Application",
				"applicant_name": f"{side}申请人",
				"id_number": person_id(seed + 4),
				"phone": f"1390000{seed % 10000:04d}",
				"employment_kind": "Migrant Worker",
				"union": union,
				"employer": unit,
			}
		)
		.insert()
		.name
	)
	assessment = frappe.get_doc(
		{"doctype": "Assessment", "period": "2026-H1", "scope": "Village", "village": village}
	).insert()
	assessment.submit()  # submitting freezes its metric rows (Assessment Metric)
	docs["Assessment"] = assessment.name
	docs["Enrollment Batch"] = (
		frappe.get_doc(
			{
				"doctype": "Enrollment Batch",
				"title": f"{side}集中入会",
				"union": union,
				"village": village,
				"rows": [
					{"member_name": f"{side}新会员", "id_number": person_id(seed + 3), "employment_kind": "1"}
				],
			}
		)
		.insert()
		.name
	)
	# A bankrupt unit whose member is at risk: a row for the Members at Risk report.
	closing = factories.enterprise(village, staff=5, status="Bankrupt")
	closing_union = factories.union(
		"Joint Base Union", village, [closing, factories.enterprise(village, staff=3)]
	)
	docs["at_risk_member"] = factories.member(closing_union, closing, member_name=f"{side}风险会员")
	return docs


def make_user(label: str) -> str:
	email = f"{factories.unique(label)}@example.com"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": label,
			"send_welcome_email": 0,
			"new_password": PASSWORD,
		}
	).insert()
	return email


def grant(user: str, role: str, **scope) -> None:
	frappe.get_doc({"doctype": "Gongjian User Scope", "user": user, "role": role, **scope}).insert()


def build_world() -> dict:
	township = factories.township()
	home = (
		frappe.get_doc(
			{
				"doctype": "Trade Union",
				"union_name": factories.unique("会员之家"),
				"union_kind": "Members' Home",
				"township": township,
			}
		)
		.insert()
		.name
	)
	a = build_side("A", township, home, 11)
	b = build_side("B", township, home, 22)
	users = {role: make_user(role.split()[-1].lower()) for role in ROLES}
	grant(users["Gongjian Manager"], "Gongjian Manager")
	grant(users["Gongjian Viewer"], "Gongjian Viewer")
	grant(users["Village User"], "Village User", villages=[{"village": a["Village"]}])
	grant(users["Enterprise User"], "Enterprise User", enterprises=[{"enterprise": a["Enterprise"]}])
	grant(users["Union Organizer"], "Union Organizer", organizer=a["Union Organizer"])
	# A survey round of the township, once the users are in place: a task for each side's village.
	survey_round = frappe.get_doc(
		{"doctype": "Survey Round", "township": township, "period": "2026-H2", "deadline": "2099-12-31"}
	).insert()
	for side in (a, b):
		side["Survey Task"] = frappe.get_value(
			"Survey Task", {"survey_round": survey_round.name, "village": side["Village"]}
		)
	# 集中入会行动 are the town's: A's in the users' own township, B's in another one.
	other_township = factories.township()
	a["campaign_village"], b["campaign_village"] = (
		a["Village"],
		factories.village(township_name=other_township),
	)
	a["campaign_township"], b["campaign_township"] = township, other_township
	for side in (a, b):
		side["Enrollment Campaign"] = (
			frappe.get_doc(campaign_values(side, factories.unique(f"{side['campaign_township']}入会行动")))
			.insert()
			.name
		)
	files = {side: attach_private_files(docs, side) for side, docs in (("A", a), ("B", b))}
	for side in (a, b):
		side.update(kept_count_rows(side))
		side["Personal Data Access Log"] = access_log_row(side)
	frappe.db.commit()
	return {
		"township": township,
		"home": home,
		"A": a,
		"B": b,
		"users": users,
		"files": files,
		"survey_round": survey_round.name,
	}


def campaign_values(side: dict, name: str) -> dict:
	return {
		"doctype": "Enrollment Campaign",
		"campaign_name": name,
		"township": side["campaign_township"],
		"start_date": "2026-11-01",
		"end_date": "2027-02-28",
		"targets": [{"village": side["campaign_village"], "target": 20}],
	}


def access_log_row(side: dict) -> str:
	"""A look at a side's member's whole numbers, as the log keeps it (read by the town manager only)."""
	from gongjian.personal_data import log_access

	log_access("Reveal", "Union Member", side["Union Member"], "身份证号码", 1)
	return frappe.get_all(
		"Personal Data Access Log", filters={"reference_name": side["Union Member"]}, pluck="name"
	)[0]


def kept_count_rows(side: dict) -> dict:
	"""The rows the app keeps counting a side's unit, its members by unit and by village, and keeping the
	warnings of its village (the rows recomputed, and the unit marked again)."""
	from gongjian import compliance_findings

	compliance_findings.recompute_marked()
	compliance_findings.mark({"Enterprise": {side["Enterprise"]}})
	finding = frappe.db.get_value("Compliance Finding", {"village": side["Village"]})
	assert finding, f"no kept warning in {side['Village']}"
	return {
		"Compliance Finding": finding,
		"Compliance Finding Mark": compliance_findings.mark_key("Enterprise", side["Enterprise"]),
		"Unit Tally": side["Enterprise"],
		"Unit Member Count": frappe.db.get_value(
			"Unit Member Count", {"union": side["Trade Union"], "employer": side["Enterprise"]}
		),
		"Village Member Count": frappe.db.get_value("Village Member Count", {"village": side["Village"]}),
	}


def attach_private_files(docs: dict, side: str) -> dict:
	"""A private attachment on each scoped record: file URL by DocType."""
	urls = {}
	for doctype, name in docs.items():
		if doctype[0].islower():
			continue
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{side}-{frappe.scrub(doctype)}-{frappe.generate_hash(length=6)}.txt",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": f"secret of {side} {doctype}",
			}
		).insert()
		urls[doctype] = file.file_url
	return urls
