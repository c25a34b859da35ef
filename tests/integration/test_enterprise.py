import frappe
import pytest
from frappe.query_builder import DocType

from gongjian.exceptions import InvalidIdentifierError, StaffFiguresError
from tests import factories


def test_bad_uscc_is_refused_in_chinese_and_nothing_is_written():
	village = factories.village()
	frappe.local.lang = "zh"
	before = frappe.db.count("Enterprise")
	doc = frappe.get_doc(
		{
			"doctype": "Enterprise",
			"enterprise_name": factories.unique("坏代码企业"),
			"uscc": "91350100M000100Y44",
			"category": "Non-public Enterprise",
			"village": village,
		}
	)
	with pytest.raises(InvalidIdentifierError) as error:
		doc.insert()
	assert "统一社会信用代码" in str(error.value)
	assert "校验码不符" in str(error.value)
	assert frappe.db.count("Enterprise") == before


def test_letter_led_uscc_is_accepted_and_normalised():
	name = factories.enterprise(factories.village(), uscc="n2330182ma2x0k7l0h")
	assert frappe.db.get_value("Enterprise", name, "uscc") == "N2330182MA2X0K7L0H"


def test_staff_subsets_are_parts_of_the_total():
	# R09 as the statistical forms count: 农民工, 劳务派遣工 and 临时工 are 其中 (of which), not added.
	name = factories.enterprise(
		factories.village(), staff=10, staff_migrant=5, staff_dispatched=3, staff_temporary=2
	)
	assert frappe.db.get_value("Enterprise", name, "staff_total") == 10


@pytest.mark.parametrize(
	"subsets, message",
	[
		({"staff_migrant": 11}, "农民工是职工总数中的“其中”数"),
		({"staff_dispatched": 12}, "劳务派遣工是职工总数中的“其中”数"),
		({"staff_temporary": 11}, "临时工是职工总数中的“其中”数"),
		({"staff_dispatched": 6, "staff_temporary": 5}, "劳务派遣工与临时工之和不能超过职工总数"),
	],
)
def test_staff_subsets_larger_than_the_total_are_refused_in_chinese(subsets, message):
	village = factories.village()
	frappe.local.lang = "zh"
	before = frappe.db.count("Enterprise")
	with pytest.raises(StaffFiguresError) as error:
		factories.enterprise(village, staff=10, **subsets)
	assert message in str(error.value) and "R09" in str(error.value)
	assert frappe.db.count("Enterprise") == before


def test_old_staff_buckets_are_migrated_to_a_total_with_subsets():
	from gongjian.patches.v0_3 import staff_total_with_subsets

	# A site made after the change has no formal-staff column; DDL commits, so it comes first.
	frappe.db.sql_ddl("alter table `tabEnterprise` add column if not exists staff_formal int")
	frappe.cache.hdel("table_columns", "tabEnterprise")  # Frappe's cached list of the table's columns
	name = factories.enterprise(factories.village(), staff=0)
	unit = DocType("Enterprise")
	# As the first wave stored it: four disjoint buckets (formal first), their sum not yet the total.
	frappe.qb.update(unit).set(unit.staff_formal, 20).set(unit.staff_migrant, 6).set(
		unit.staff_dispatched, 3
	).set(unit.staff_temporary, 1).where(unit.name == name).run()
	staff_total_with_subsets.execute()
	assert frappe.db.get_value(
		"Enterprise", name, ["staff_total", "staff_migrant", "staff_dispatched", "staff_temporary"]
	) == (30, 6, 3, 1)
	frappe.get_doc("Enterprise", name).save()  # the migrated figures hold together (R09)


def test_village_level_union_needs_a_village():
	with pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			{
				"doctype": "Trade Union",
				"union_name": factories.unique("无村工会"),
				"union_kind": "Joint Base Union",
				"township": factories.township(),
			}
		).insert()
