"""What the desk needs at boot (frappe.boot.gongjian)."""

from frappe import _

from gongjian.rules.catalogue import RULE_NAMES, rule_title


def extend_bootinfo(bootinfo) -> None:
	# The rule filter of 合规预警 offers each code with its name, translated for the session user.
	bootinfo.gongjian = {"rules": [{"value": code, "label": rule_title(code, _)} for code in RULE_NAMES]}
