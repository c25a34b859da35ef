import frappe
import pytest
from frappe.utils import getdate

from gongjian.dashboard import formation_rate
from gongjian.gongjian.report.semiannual_survey.semiannual_survey import execute as survey
from gongjian.metrics import metrics_for
from gongjian.rules.metrics import Rate, total
from tests import factories


@pytest.fixture
def town():
	"""One township, one village, the units of tests/unit/test_metrics.py, and their members."""
	township = factories.township()
	village = factories.village(township_name=township)
	founded = {"founded_on": "2020-01-01"}
	u1 = factories.enterprise(village, staff=30, staff_migrant=10, **founded)
	u2 = factories.enterprise(village, staff=10, staff_dispatched=2, staff_temporary=2, **founded)
	u3 = factories.enterprise(village, staff=5, **founded)
	u4 = factories.enterprise(village, staff=40, **founded)
	factories.enterprise(village, staff=50, status="Bankrupt", **founded)  # closed: left out
	own = factories.union(
		"Base Union Committee",
		village,
		[u1],
		workers_home=1,
		workers_home_year=getdate().year,
		workers_home_criteria="组织健全",
	)
	joint = factories.union("Joint Base Union", village, [u2])
	frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"enterprise": u1,
			"signed_on": "2020-01-01",
			"expires_on": "2099-01-01",
		}
	).insert()
	for _ in range(20):
		factories.member(own, u1, joined_on="2020-01-01")
	for _ in range(5):
		factories.member(joint, u2, joined_on="2020-01-01")
	factories.member(joint, u2, joined_on="2020-01-01", status="Retained")  # not active
	return frappe._dict(township=township, village=village, units=(u1, u2, u3, u4))


def test_each_metric_of_a_hand_built_town(town):
	m = total(metrics_for({"township": town.township}))
	assert (m.units, m.required) == (4, 4)
	assert m.formation == Rate(2, 4)
	assert m.own_union == Rate(1, 2)
	assert m.membership == Rate(25, 40)
	assert m.contract == Rate(1, 2)
	assert m.workers_home == Rate(1, 2)
	assert (m.staff, m.staff_migrant, m.staff_dispatched, m.staff_temporary) == (85, 10, 2, 2)


def test_survey_rows_carry_numerators_and_denominators(town):
	_columns, rows, _message, chart, summary = survey({"township": town.township})
	row = next(r for r in rows if r["group"] == town.village)
	assert (row["formation_num"], row["formation_den"], row["formation_rate"]) == (2, 4, 50.0)
	assert (row["membership_num"], row["membership_den"]) == (25, 40)
	assert row["open_flags"] > 0
	assert chart["data"]["labels"] == [town.village]
	assert summary


def test_a_period_leaves_out_later_members(town):
	m = total(metrics_for({"township": town.township, "period": "2019"}))
	assert m.membership.numerator == 0


def scoped_user(village: str) -> str:
	email = f"{factories.unique('village')}@example.com"
	frappe.get_doc({"doctype": "User", "email": email, "first_name": "村", "send_welcome_email": 0}).insert()
	frappe.get_doc(
		{
			"doctype": "Gongjian User Scope",
			"user": email,
			"role": "Village User",
			"villages": [{"village": village}],
		}
	).insert()
	return email


def test_a_village_user_sees_only_their_village(town):
	other = factories.village(township_name=town.township)
	factories.enterprise(other, staff=100)
	user = scoped_user(town.village)
	frappe.set_user(user)
	_columns, rows, *_ = survey({})
	assert {r["group"] for r in rows[:-1]} == {town.village}
	assert rows[-1]["formation_den"] == 4  # the total row too
	assert formation_rate()["value"] == 50.0


def test_a_submitted_assessment_is_frozen(town):
	doc = frappe.get_doc(
		{"doctype": "Assessment", "period": "2026-H1", "scope": "Village", "village": town.village}
	).insert()
	doc.submit()

	def figures(assessment):
		return {row.metric: (row.numerator or 0, row.denominator or 0) for row in assessment.metrics}

	frozen = figures(doc)
	factories.union("Joint Base Union", town.village, [town.units[2], town.units[3]])  # registers change
	doc.reload()
	assert figures(doc) == frozen
	assert doc.period_kind == "Semiannual" and doc.township == town.township
	doc.sync_research_note = "改了"
	with pytest.raises(frappe.ValidationError):
		doc.save()
	again = frappe.get_doc(
		{"doctype": "Assessment", "period": "2026-H1", "scope": "Village", "village": town.village}
	)
	again.insert()
	again.submit()
	rates = {(row.numerator, row.denominator) for row in again.metrics}
	assert (4, 4) in rates and (2, 4) not in rates  # a new assessment sees the new union


def count_queries(monkeypatch, call) -> int:
	"""How many SQL statements `call` sends to the real database."""
	sql, counter = frappe.db.sql, {"n": 0}

	def counting(*args, **kwargs):
		counter["n"] += 1
		return sql(*args, **kwargs)

	monkeypatch.setattr(frappe.db, "sql", counting)
	try:
		call()
	finally:
		monkeypatch.setattr(frappe.db, "sql", sql)
	return counter["n"]


def grow(village: str, units: int):
	for _ in range(units):
		unit = factories.enterprise(village, staff=12)
		factories.member(factories.union("Joint Base Union", village, [unit]), unit)


@pytest.mark.parametrize(
	"report",
	[
		"gongjian.gongjian.report.semiannual_survey.semiannual_survey",
		"gongjian.gongjian.report.annual_evaluation.annual_evaluation",
		"gongjian.gongjian.report.compliance_warnings.compliance_warnings",
		"gongjian.gongjian.report.membership_statistics.membership_statistics",
	],
)
def test_query_count_does_not_grow_with_units(town, monkeypatch, report):
	execute = frappe.get_module(report).execute
	filters = {"township": town.township}
	execute(filters)  # warm caches (settings, meta)
	grow(town.village, 3)
	small = count_queries(monkeypatch, lambda: execute(filters))
	grow(town.village, 12)
	large = count_queries(monkeypatch, lambda: execute(filters))
	assert large == small, (small, large)


def test_the_survey_filtered_by_a_village_shows_that_village(town):
	"""Issue 9, item 3: a village filter gave `Unknown column 'tabVillage.village'`."""
	_columns, rows, *_ = survey({"village": town.village})
	assert [r["group"] for r in rows[:-1]] == [town.village]
	assert rows[0]["open_flags"] > 0


def test_annual_evaluation_rows_have_no_rate_or_target_they_do_not_carry(town):
	"""五同步 rows carry evidence, not a 0 % rate against a 0 % target; counts carry no rate."""
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import FIVE_SYNC
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import execute as evaluation

	_columns, rows, _message, _chart, _summary = evaluation({"township": town.township, "period": "2026"})
	by_metric = {row["metric"]: row for row in rows}
	for _key, label in FIVE_SYNC:
		row = by_metric[frappe._(label)]
		assert row.get("rate") is None and row.get("target") is None and row.get("numerator") is None
		assert row["met"] in (frappe._("Yes"), frappe._("No"))
	sites = by_metric[frappe._("Demonstration Sites")]
	assert sites.get("rate") is None and sites.get("target") is None
	for row in rows:
		if row.get("target") is not None:
			assert row["rate"] is not None and row["denominator"], row
		if row.get("rate") is not None:
			assert row["denominator"], row


def test_the_survey_names_its_period_orders_villages_by_code_and_labels_each_column(town):
	from gongjian.gongjian.report.semiannual_survey.semiannual_survey import current_half_year

	frappe.local.lang = "zh"
	township = town.township
	other = factories.village(township_name=township)
	factories.enterprise(other, staff=3)
	# codes in the opposite order to the names: the rows must follow the codes
	by_name = sorted([other, town.village])
	frappe.db.set_value("Village", by_name[1], "village_code", "330182999001")
	frappe.db.set_value("Village", by_name[0], "village_code", "330182999002")
	columns, rows, _message, _chart, summary = survey({"township": township})
	assert [row["group"] for row in rows[:-1]] == [by_name[1], by_name[0]]
	period = summary[0]
	year, half = current_half_year().split("-H")
	assert period["value"] == f"{year}年{'上' if half == '1' else '下'}半年"
	labels = [column["label"] for column in columns]
	# every label once, but "已建会单位": the formation rate's numerator is the contract rate's denominator
	assert {label for label in labels if labels.count(label) > 1} == {"已建会单位"}
	assert "已建会单位" in labels and "应建会单位" in labels and not any("分子" in label for label in labels)
	_c, _r, _m, _ch, full_year = survey({"township": township, "period": "2025"})
	assert full_year[0]["value"] == "2025年全年"


def test_annual_evaluation_counts_the_organizers_of_its_scope(town):
	"""A village's evaluation counts the organizers assigned there, not every organizer of the town."""
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import execute as evaluation

	other_village = factories.village(township_name=town.township)
	elsewhere = factories.enterprise(other_village, staff=8)
	for name, unit in (("本村指导员", town.units[0]), ("外村指导员", elsewhere)):
		frappe.get_doc(
			{
				"doctype": "Union Organizer",
				"organizer_name": name,
				"source": "Government Cadre",
				"township": town.township,
				"assignments": [{"enterprise": unit, "assigned_on": "2025-01-01"}],
			}
		).insert()

	def organizers(filters):
		_columns, rows, *_rest = evaluation({**filters, "period": "2026"})
		return next(r for r in rows if r["metric"] == frappe._("Organizers Assessed This Year"))[
			"denominator"
		]

	assert organizers({"village": town.village}) == 1
	assert organizers({"village": other_village}) == 1
	assert organizers({"township": town.township}) == 2


def test_the_evaluation_tells_a_village_user_nothing_of_organizers_in_another_village(town):
	"""Attacker review F3: an organizer assigned in both villages was counted for village A's user asking
	about village B, telling how many of A's organizers also work there."""
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import execute as evaluation

	other_village = factories.village(township_name=town.township)
	elsewhere = factories.enterprise(other_village, staff=8)
	frappe.get_doc(
		{
			"doctype": "Union Organizer",
			"organizer_name": "两村指导员",
			"source": "Government Cadre",
			"township": town.township,
			"assignments": [
				{"enterprise": town.units[0], "assigned_on": "2025-01-01"},
				{"enterprise": elsewhere, "assigned_on": "2025-01-01"},
			],
		}
	).insert()
	frappe.set_user(scoped_user(town.village))

	def organizers(village):
		_columns, rows, *_rest = evaluation({"village": village, "period": "2026"})
		return next(r for r in rows if r["metric"] == frappe._("Organizers Assessed This Year"))[
			"denominator"
		]

	assert organizers(town.village) == 1
	assert organizers(other_village) == 0


def test_the_evaluation_of_a_scope_with_nothing_to_assess_meets_and_misses_nothing(town):
	"""Clerk review: a village without units showed every rate as 0/0 and 否, and the score with three
	decimals."""
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import execute as evaluation

	empty = factories.village(township_name=town.township)
	_columns, rows, _message, _chart, summary = evaluation({"village": empty, "period": "2026"})
	rated = [row for row in rows if row.get("target") is not None]
	assert rated and all(row["met"] is None and row["rate"] is None for row in rated)
	assert next(s for s in summary if s["label"] == frappe._("Targets Met"))["value"] == "0 / 0"
	assert next(s for s in summary if s["label"] == frappe._("Formation Rate"))["value"] == "—"
	_columns, rows, _message, _chart, summary = evaluation({"village": town.village, "period": "2026"})
	score = next(s for s in summary if s["label"] == frappe._("Score"))["value"]
	assert score.count(".") == 1 and len(score.split(".")[1]) == 2, score
	assert {row["met"] for row in rows if row.get("target") is not None} <= {frappe._("Yes"), frappe._("No")}


@pytest.fixture
def counted_town():
	"""The town of issue 11, with its figures worked out by hand:
	- 甲 (30 staff, of whom 12 migrant, 3 dispatched, 2 temporary): own union, 28 members;
	- 乙 (10 staff): in a joint union, 14 members registered, more than its staff;
	- 丙 (20 staff, above-scale non-public): no union, 3 of its workers in the township 会员之家;
	- two flexible workers in the 会员之家 with no employer, living in the village."""
	township = factories.township()
	village = factories.village(township_name=township)
	jia = factories.enterprise(
		village,
		staff=30,
		staff_migrant=12,
		staff_dispatched=3,
		staff_temporary=2,
		staff_counted_on="2026-01-05",
		founded_on="2020-01-01",
		enterprise_name=factories.unique("甲"),
	)
	counted = {"staff_counted_on": "2026-01-05", "founded_on": "2020-01-01"}
	yi = factories.enterprise(village, staff=10, enterprise_name=factories.unique("乙"), **counted)
	bing = factories.enterprise(
		village, staff=20, above_scale=1, enterprise_name=factories.unique("丙"), **counted
	)
	# Rated a 职工之家 for 2025 and not renewed: it counts in 2025, not in 2026.
	own = factories.union(
		"Base Union Committee",
		village,
		[jia],
		workers_home=1,
		workers_home_year=2025,
		workers_home_criteria="组织健全",
	)
	joint = factories.union("Joint Base Union", village, [yi])
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
	for union, employer, count in ((own, jia, 28), (joint, yi, 14), (home, bing, 3), (home, None, 2)):
		for _ in range(count):
			factories.member(union, employer, village=village, joined_on="2026-01-10")
	return frappe._dict(township=township, village=village, units=(jia, yi, bing))


def test_rates_of_a_town_counted_by_hand(counted_town):
	for period in ("2026-H1", None):  # the half-year in which they joined, and today
		m = total(metrics_for({"township": counted_town.township, "period": period}))
		assert (m.staff, m.staff_migrant, m.staff_dispatched, m.staff_temporary) == (60, 12, 3, 2)
		assert m.formation == Rate(2, 3)
		assert m.formation_above_scale == Rate(0, 1)
		assert m.membership == Rate(28 + 10, 30 + 10)  # 乙 counts its 10 staff, not its 14 members
		assert m.membership_all_units == Rate(28 + 10 + 3, 60)
		assert (m.members, m.units_over_staff, m.members_without_unit) == (41, 1, 2)
	assert total(metrics_for({"township": counted_town.township, "period": "2026-H1"})).workers_home == Rate(
		0, 2
	)
	before = total(metrics_for({"township": counted_town.township, "period": "2025-H2"}))
	assert before.membership == Rate(0, 40) and before.members_without_unit == 0
	assert before.workers_home == Rate(1, 2)
	# A unit with no founding date is in the register from the day it was registered: not in 2025.
	factories.enterprise(counted_town.village, staff=12)
	assert total(metrics_for({"township": counted_town.township, "period": "2025-H2"})).staff == 60
	assert total(metrics_for({"township": counted_town.township})).staff == 72


def test_more_members_than_staff_is_a_data_quality_warning(counted_town):
	from gongjian.compliance import compliance_rows

	rows = [r for r in compliance_rows({"village": counted_town.village}) if r["rule"] == "R09"]
	assert [r["unit"] for r in rows] == [counted_town.units[1]]
	assert "14" in rows[0]["message"] and "10" in rows[0]["message"]


def test_the_survey_by_unit_category_and_its_definitions(counted_town):
	frappe.local.lang = "zh"
	columns, rows, message, _chart, _summary = survey(
		{"township": counted_town.township, "period": "2026-H1", "group_by": "category"}
	)
	assert [r["group"] for r in rows] == ["非公有制企业", "合计"]
	assert (rows[0]["membership_all_units_num"], rows[0]["membership_all_units_den"]) == (41, 60)
	assert "规上非公企业组建率" in {c["label"] for c in columns}
	assert "其中数" in message and "会员之家" in message


def test_a_past_period_counts_the_union_and_members_as_they_were(counted_town):
	"""乙's joint union dissolved on 30 September and one of 甲's members withdrew on 1 August: the
	first half-year still counts them, the second and today do not."""
	jia, yi, _bing = counted_town.units
	union = frappe.get_doc("Trade Union", {"union_kind": "Joint Base Union", "village": counted_town.village})
	union.update({"status": "Dissolved", "dissolved_on": "2026-09-30"})
	union.save()
	leaver = frappe.get_doc("Union Member", {"employer": jia, "status": "Member"})
	leaver.update({"status": "Withdrawn", "exit_reason": "Left the Employer", "exit_on": "2026-08-01"})
	leaver.save()
	first = total(metrics_for({"township": counted_town.township, "period": "2026-H1"}))
	assert first.formation == Rate(2, 3)
	assert first.membership == Rate(28 + 10, 40)
	assert first.workers_home == Rate(0, 2)
	for period in ("2026-H2", None):
		later = total(metrics_for({"township": counted_town.township, "period": period}))
		assert later.formation == Rate(1, 3), period
		assert later.membership == Rate(27, 30), period  # 乙 is no longer unionised
		assert later.membership_all_units == Rate(27 + 10 + 3, 60), period


def test_a_past_period_counts_the_staff_counted_by_its_end(counted_town):
	"""甲 grew from 30 to 36 staff (of whom 15 migrant), counted on 1 September: the first half-year
	keeps 30, the second half-year and today count 36."""
	jia = frappe.get_doc("Enterprise", counted_town.units[0])
	jia.update({"staff_total": 36, "staff_migrant": 15, "staff_counted_on": "2026-09-01"})
	jia.save()
	first = total(metrics_for({"township": counted_town.township, "period": "2026-H1"}))
	assert (first.staff, first.staff_migrant) == (60, 12)
	assert first.membership == Rate(28 + 10, 30 + 10)
	for period in ("2026-H2", None):
		later = total(metrics_for({"township": counted_town.township, "period": period}))
		assert (later.staff, later.staff_migrant) == (66, 15), period
		assert later.membership == Rate(28 + 10, 36 + 10), period
	history = [(str(r.counted_on), r.staff_total, r.source) for r in jia.staff_history]
	assert history == [("2026-01-05", 30, "Unit Record"), ("2026-09-01", 36, "Unit Record")]


def test_staff_history_is_kept_by_the_system(counted_town):
	from gongjian.exceptions import GongjianValidationError

	jia = frappe.get_doc("Enterprise", counted_town.units[0])
	jia.staff_history[0].staff_total = 999  # a client rewriting the past
	jia.append("staff_history", {"counted_on": "2025-01-01", "staff_total": 1})
	jia.save()
	jia.reload()
	assert [(str(r.counted_on), r.staff_total) for r in jia.staff_history] == [("2026-01-05", 30)]
	# New figures entered without a new date were counted today; an earlier date than the last count
	# is refused, and nothing is saved.
	jia.staff_total = 31
	jia.save()
	assert str(jia.staff_counted_on) == frappe.utils.today()
	assert [r.staff_total for r in jia.staff_history] == [30, 31]
	jia.update({"staff_total": 32, "staff_counted_on": "2026-02-01"})
	with pytest.raises(GongjianValidationError):
		jia.save()
	assert frappe.db.get_value("Enterprise", jia.name, "staff_total") == 31


def test_a_staff_census_records_every_unit_in_scope_once_a_day(counted_town):
	from gongjian.exceptions import GongjianValidationError
	from gongjian.staff import take_staff_census

	assert take_staff_census(village=counted_town.village) == {"recorded": 3, "already": 0}
	assert take_staff_census(village=counted_town.village) == {"recorded": 0, "already": 3}
	rows = frappe.get_all(
		"Staff Census",
		filters={"parent": ["in", counted_town.units], "source": "Census"},
		fields=["parent", "counted_on", "staff_total", "idx"],
	)
	assert sorted((r.staff_total, r.idx) for r in rows) == [(10, 2), (20, 2), (30, 2)]
	assert {str(r.counted_on) for r in rows} == {frappe.utils.today()}
	with pytest.raises(GongjianValidationError):
		take_staff_census(village=counted_town.village, counted_on="2026-06-30")


def test_villages_are_ranked_by_their_score(counted_town):
	from gongjian.gongjian.report.village_ranking.village_ranking import execute as ranking

	other = factories.village(township_name=counted_town.township)
	factories.enterprise(other, staff=30)  # nothing organised: formation 0 of 1
	assessment = frappe.get_doc(
		{
			"doctype": "Assessment",
			"period": "2026",
			"scope": "Village",
			"village": counted_town.village,
			"sync_research_on": "2026-03-01",
			"sync_research_note": "党委会研究工建",
			"sync_deploy_on": "2026-03-15",  # no evidence: not counted
		}
	).insert()
	assessment.submit()
	_columns, rows, _message, chart = ranking({"period": "2026", "township": counted_town.township})
	assert [row["village"] for row in rows] == [counted_town.village, other]
	assert [row["rank"] for row in rows] == [1, 2]
	assert rows[0]["five_sync"] == 1 and rows[1]["five_sync"] == 0
	assert rows[0]["score"] > rows[1]["score"] and chart["data"]["labels"][0] == counted_town.village


def test_a_five_sync_date_outside_the_period_is_refused(counted_town):
	doc = frappe.get_doc(
		{
			"doctype": "Assessment",
			"period": "2026-H1",
			"scope": "Village",
			"village": counted_town.village,
			"sync_inspect_on": "2026-08-01",
		}
	)
	with pytest.raises(frappe.ValidationError):
		doc.insert()


def test_the_survey_sets_each_rate_beside_the_same_period_last_year(counted_town):
	_columns, rows, _message, _chart, summary = survey(
		{"township": counted_town.township, "period": "2026-H2"}
	)
	row = next(r for r in rows if r["group"] == counted_town.village)
	# A year earlier nobody had joined yet (they joined in January 2026); the unions stood already.
	assert (row["formation_last_year"], row["membership_last_year"]) == (66.67, 0.0)
	assert rows[-1]["membership_last_year"] == 0.0
	assert any(item["value"] == 0.0 for item in summary)


def test_a_regional_contract_counts_for_every_unit_it_covers(counted_town):
	jia, yi, bing = counted_town.units
	contract = frappe.get_doc(
		{
			"doctype": "Collective Contract",
			"contract_level": "Regional",
			"covered_units": [{"enterprise": yi}, {"enterprise": bing}],
			"signed_on": "2026-01-01",
			"expires_on": "2028-12-31",
		}
	).insert()
	assert contract.village == counted_town.village and not contract.enterprise
	m = total(metrics_for({"township": counted_town.township, "period": "2026-H1"}))
	assert m.contract == Rate(1, 2)  # 乙 is unionised and covered; 丙 is covered but has no union
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			{
				"doctype": "Collective Contract",
				"contract_level": "Industry",
				"signed_on": "2026-01-01",
				"expires_on": "2028-12-31",
			}
		).insert()


def test_retained_and_transferring_members_still_count(counted_town):
	jia = counted_town.units[0]
	home = frappe.get_value("Trade Union", {"union_kind": "Members' Home", "township": counted_town.township})
	retained = frappe.get_doc("Union Member", {"employer": jia, "status": "Member"})
	frappe.get_doc(
		{
			"doctype": "Membership Transfer",
			"member": retained.name,
			"reason": "Layoff",
			"destination": "Retain Membership",
			"to_union": home,
		}
	).submit()
	m = total(metrics_for({"township": counted_town.township}))
	assert (m.members_registered, m.members_without_unit) == (
		27 + 14 + 3,
		3,
	)  # 保留会籍 counts where they live
	_columns, rows, _message, _chart, _summary = survey(
		{"township": counted_town.township, "group_by": "category"}
	)
	assert rows[-1]["workers_home_den"] == 2  # the unions count in the total, without a category


def test_a_long_warnings_report_lists_the_first_villages_and_counts_every_warning(town, monkeypatch):
	"""A county's 400,000 warnings are listed a township or village at a time: beyond the report's limit it
	lists the first villages by name, says so in Chinese, and its chart and totals still count them all."""
	from gongjian.gongjian.report.compliance_warnings import compliance_warnings as report

	frappe.local.lang = "zh"
	factories.enterprise(factories.village(township_name=town.township), staff=30)  # no union: R01, R02
	filters = {"township": town.township}
	_columns, rows, message, chart, summary = report.execute(filters)
	assert message is None
	villages = sorted({row["village"] for row in rows if row["village"]})
	assert len(villages) >= 2
	monkeypatch.setattr(report, "MOST_ROWS", 1)
	_columns, listed, message, listed_chart, listed_summary = report.execute(filters)
	assert (listed_chart, listed_summary) == (chart, summary)
	assert {row["village"] for row in listed if row["village"]} == {villages[0]}
	assert [row for row in rows if row["village"] in (None, villages[0])] == listed
	assert str(len(listed)) in message and str(summary[0]["value"]) in message
	assert message.startswith("已列出") and not any("a" <= ch <= "z" for ch in message.lower()), message
	# a rule filter counts and lists that rule only; an unknown rule lists nothing, without an error
	_columns, r02, _message, r02_chart, r02_summary = report.execute({**filters, "rule": "R02"})
	assert r02 and {row["rule"] for row in r02} == {r02[0]["rule"]} and r02[0]["rule"].startswith("R02")
	assert r02_chart["data"]["labels"] == [r02[0]["rule"].replace(" ", "")]
	assert (
		r02_summary[0]["value"]
		== len(r02)
		== chart["data"]["datasets"][0]["values"][
			chart["data"]["labels"].index(r02[0]["rule"].replace(" ", ""))
		]
	)
	_columns, unknown, _message, _chart, unknown_summary = report.execute({**filters, "rule": "%"})
	assert unknown == [] and unknown_summary[0]["value"] == 0
	# under a village or category filter, the report says how unions and organizers count there
	monkeypatch.setattr(report, "MOST_ROWS", 5000)
	for narrowed in ({"village": villages[0]}, {"category": "Non-public Enterprise"}):
		_columns, _rows, message, _chart, _summary = report.execute({**filters, **narrowed})
		assert message and "重复计算" in message and not any("a" <= ch <= "z" for ch in message), message


def test_the_annual_evaluation_says_how_its_score_is_made(town):
	"""Clerk review: the score (79.45) came with no word of how it is made."""
	from gongjian.gongjian.report.annual_evaluation.annual_evaluation import execute as evaluation

	frappe.local.lang = "zh"
	_columns, _rows, message, _chart, summary = evaluation({"township": town.township, "period": "2026"})
	assert summary[0]["label"] == "得分"
	assert "得分满分 100" in message and "工建政策参数" in message
