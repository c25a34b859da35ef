"""What the desk needs at boot (frappe.boot.gongjian)."""

from frappe import _

from gongjian.rules.catalogue import RULE_NAMES, rule_title


def extend_bootinfo(bootinfo) -> None:
	# The rule filter of 合规预警 offers each code with its name, translated for the session user.
	bootinfo.gongjian = {"rules": [{"value": code, "label": rule_title(code, _)} for code in RULE_NAMES]}
	# A worker's application through the join page is made by Guest. A form names who made it by the
	# user's full name from the boot, where Guest is missing, so the desk would show the English id.
	if bootinfo.get("user_info") is not None:
		bootinfo.user_info.setdefault("Guest", {"fullname": _("Guest"), "name": "Guest", "image": None})
