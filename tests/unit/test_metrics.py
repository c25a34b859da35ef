from gongjian.rules.metrics import (
	Rate,
	UnionFigures,
	UnitFigures,
	metrics_by_group,
	score,
	total,
	workers_home_rated,
)
from gongjian.rules.settings import PolicySettings

S = PolicySettings()


def test_rate_keeps_numerator_and_denominator():
	assert Rate(19, 20).percent == 95.0
	assert Rate(0, 0).percent == 0.0
	assert Rate(1, 2) + Rate(2, 3) == Rate(3, 5)


def test_metrics_of_a_hand_built_village():
	units = [
		UnitFigures(
			"甲村", staff=30, staff_migrant=10, covered=True, own_union=True, contract=True, members=20
		),
		UnitFigures("甲村", staff=10, staff_dispatched=2, staff_temporary=2, covered=True, members=5),
		UnitFigures("甲村", staff=5),
		UnitFigures("甲村", staff=40),
		UnitFigures("甲村"),  # no staff: nobody to organise
	]
	unions = [
		UnionFigures("甲村", "Base Union Committee", True),
		UnionFigures("甲村", "Joint Base Union", False),
		UnionFigures("甲村", "Village Union Committee", True),  # rated too: in the denominator (R18)
		UnionFigures("甲村", "Industry Union", True),  # not rated as a workers' home
	]
	m = metrics_by_group(units, unions, S)["甲村"]
	assert (m.units, m.required) == (5, 4)
	assert m.formation == Rate(2, 4)
	assert m.own_union == Rate(1, 2)
	assert m.membership == Rate(25, 40)  # R09: migrant, dispatched and temporary staff count
	assert m.contract == Rate(1, 2)
	assert m.workers_home == Rate(2, 3)
	assert (m.staff, m.staff_migrant, m.staff_dispatched, m.staff_temporary) == (85, 10, 2, 2)
	assert m.membership_all_units == Rate(25, 85)


def test_total_adds_villages():
	groups = metrics_by_group([UnitFigures("甲", staff=10, covered=True), UnitFigures("乙", staff=10)], [], S)
	assert total(groups).formation == Rate(1, 2)


def test_score_against_targets():
	m = metrics_by_group([UnitFigures("甲", staff=10, covered=True, members=10)], [], S)["甲"]
	scored = score(m, S)
	assert scored["formation"] == (100.0, 95.0, True)
	assert scored["membership"] == (100.0, 95.0, True)
	assert scored["workers_home"] == (0.0, 85.0, False)


def test_migrant_workers_are_part_of_the_staff_not_added_to_it():
	# 其中: 30 staff of whom 12 are migrant workers is 30 staff, not 42 (R09, the statistical forms).
	m = metrics_by_group([UnitFigures("甲", staff=30, staff_migrant=12, covered=True, members=27)], [], S)[
		"甲"
	]
	assert m.staff == 30
	assert m.membership == Rate(27, 30)


def test_a_unit_counts_at_most_its_staff_as_members():
	units = [
		UnitFigures("甲", staff=20, covered=True, members=50),  # a register error
		UnitFigures("甲", staff=100, covered=True, members=50),
	]
	m = metrics_by_group(units, [], S)["甲"]
	assert m.membership == Rate(70, 120)  # not 100 / 120 = 83 %
	assert (m.members, m.units_over_staff) == (70, 1)


def test_membership_rate_over_all_units_and_over_unionised_units():
	units = [
		UnitFigures("甲", staff=40, covered=True, members=38),
		UnitFigures("甲", staff=10, members=3),  # no union: its members joined the 会员之家
		UnitFigures("甲", staff=10),
	]
	m = metrics_by_group(units, [], S)["甲"]
	assert m.membership == Rate(38, 40)
	assert m.membership_all_units == Rate(41, 60)


def test_formation_rate_of_above_scale_non_public_enterprises():
	units = [
		UnitFigures("甲", staff=300, above_scale_non_public=True, covered=True),
		UnitFigures("甲", staff=120, above_scale_non_public=True),
		UnitFigures("甲", staff=8, covered=True),
	]
	m = metrics_by_group(units, [], S)["甲"]
	assert m.formation_above_scale == Rate(1, 2)
	assert m.formation == Rate(2, 3)


def test_members_without_a_unit_count_where_they_live_and_in_no_rate():
	m = metrics_by_group([UnitFigures("甲", staff=10, covered=True, members=9)], [], S, {"甲": 4, "乙": 2})
	assert (m["甲"].members, m["甲"].members_without_unit, m["甲"].membership) == (9, 4, Rate(9, 10))
	assert (m["乙"].members_without_unit, m["乙"].membership) == (2, Rate(0, 0))


def test_a_workers_home_rating_lapses_unless_renewed():
	assert workers_home_rated(True, 2026, 2026)
	assert not workers_home_rated(True, 2025, 2026)  # last year's rating, not renewed
	assert not workers_home_rated(False, 2026, 2026)
	assert not workers_home_rated(True, None, 2026)


def test_weighted_score_gives_partial_points_and_leaves_out_rates_over_nothing():
	from gongjian.rules.metrics import Metrics, weighted_score

	full = Metrics(
		formation=Rate(19, 20),  # at the 95 % target: 30 points
		membership=Rate(9, 10),  # 90 % of a 95 % target: 30 x 90/95
		workers_home=Rate(0, 0),  # no base union: left out with its 15 points
		contract=Rate(1, 2),  # 50 % of 100 %: 15 x 0.5
	)
	expected = 100 * (30 + 30 * 90 / 95 + 15 * 0.5 + 10 * 3 / 5) / (30 + 30 + 15 + 10)
	assert weighted_score(full, S, 3) == round(expected, 2)
	assert weighted_score(Metrics(), S, 5) == 100.0  # only 五同步 to score


def test_five_sync_counts_items_within_the_period_with_evidence():
	from datetime import date

	from gongjian.rules.metrics import five_sync_done

	items = [
		(date(2026, 3, 1), True),
		(date(2025, 12, 31), True),  # before the period
		(date(2026, 6, 1), False),  # no note, no file
		(None, True),
		(date(2026, 12, 31), True),
	]
	assert five_sync_done(items, date(2026, 1, 1), date(2026, 12, 31)) == 2


def test_classes_of_like_units_give_the_metrics_of_their_units():
	"""The set-based survey sums like units in SQL (gongjian/survey_figures.py): counted by class,
	every group's metrics equal the sum of its units' own."""
	import random
	from collections import defaultdict

	from gongjian.rules.metrics import UnitClass, metrics_by_group_of_classes

	settings = PolicySettings()
	for seed in range(20):
		rng = random.Random(seed)
		units = [
			UnitFigures(
				group=rng.choice("AB"),
				staff=(staff := rng.choice([0, 3, 24, 25, 60])),
				staff_migrant=rng.randint(0, staff),
				covered=(covered := rng.random() < 0.6),
				own_union=covered and rng.random() < 0.5,
				contract=rng.random() < 0.5,
				members=rng.choice([0, 2, 30, 70]),
				above_scale_non_public=rng.random() < 0.3,
			)
			for _ in range(40)
		]
		classes: dict[tuple, list] = defaultdict(list)
		for unit in units:
			c = UnitClass.of(unit, settings)
			classes[
				(
					c.group,
					c.required,
					c.large,
					c.over_staff,
					c.covered,
					c.own_union,
					c.contract,
					c.above_scale_non_public,
				)
			].append(c)
		summed = [
			UnitClass(
				*key[:1],
				units=len(members),
				required=key[1],
				large=key[2],
				over_staff=key[3],
				covered=key[4],
				own_union=key[5],
				contract=key[6],
				above_scale_non_public=key[7],
				staff=sum(c.staff for c in members),
				staff_migrant=sum(c.staff_migrant for c in members),
				members=sum(c.members for c in members),
				counted_members=sum(c.counted_members for c in members),
			)
			for key, members in classes.items()
		]
		assert metrics_by_group_of_classes(summed, []) == metrics_by_group(units, [], settings)
