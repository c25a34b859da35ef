import frappe
import pytest

from gongjian.exceptions import InvalidIdentifierError
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


def test_staff_total_is_derived_from_every_kind():
	name = factories.enterprise(
		factories.village(), staff=10, staff_migrant=5, staff_dispatched=3, staff_temporary=2
	)
	assert frappe.db.get_value("Enterprise", name, "staff_total") == 20


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
