from gongjian.rules.metrics import Rate, UnionFigures, UnitFigures, metrics_by_group, score, total
from gongjian.rules.settings import PolicySettings

S = PolicySettings()


def test_rate_keeps_numerator_and_denominator():
	assert Rate(19, 20).percent == 95.0
	assert Rate(0, 0).percent == 0.0
	assert Rate(1, 2) + Rate(2, 3) == Rate(3, 5)


def test_metrics_of_a_hand_built_village():
	units = [
		UnitFigures(
			"甲村", staff_formal=20, staff_migrant=10, covered=True, own_union=True, contract=True, members=20
		),
		UnitFigures("甲村", staff_formal=6, staff_dispatched=2, staff_temporary=2, covered=True, members=5),
		UnitFigures("甲村", staff_formal=5),
		UnitFigures("甲村", staff_formal=40),
		UnitFigures("甲村"),  # no staff: nobody to organise
	]
	unions = [
		UnionFigures("甲村", "Base Union Committee", True),
		UnionFigures("甲村", "Joint Base Union", False),
		UnionFigures("甲村", "Village Union Committee", True),  # not a base union
	]
	m = metrics_by_group(units, unions, S)["甲村"]
	assert (m.units, m.required) == (5, 4)
	assert m.formation == Rate(2, 4)
	assert m.own_union == Rate(1, 2)
	assert m.membership == Rate(25, 40)  # R09: migrant, dispatched and temporary staff count
	assert m.contract == Rate(1, 2)
	assert m.workers_home == Rate(1, 2)
	assert (m.staff_formal, m.staff_migrant, m.staff_dispatched, m.staff_temporary, m.staff) == (
		71,
		10,
		2,
		2,
		85,
	)


def test_total_adds_villages():
	groups = metrics_by_group(
		[UnitFigures("甲", staff_formal=10, covered=True), UnitFigures("乙", staff_formal=10)], [], S
	)
	assert total(groups).formation == Rate(1, 2)


def test_score_against_targets():
	m = metrics_by_group([UnitFigures("甲", staff_formal=10, covered=True, members=10)], [], S)["甲"]
	scored = score(m, S)
	assert scored["formation"] == (100.0, 95.0, True)
	assert scored["membership"] == (100.0, 95.0, True)
	assert scored["workers_home"] == (0.0, 85.0, False)
