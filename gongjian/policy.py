"""The bridge from the site to gongjian.rules: the settings record as PolicySettings."""

import frappe

from gongjian.rules.settings import PolicySettings

SETTINGS_DOCTYPE = "Gongjian Settings"


def get_policy_settings() -> PolicySettings:
	return PolicySettings.from_mapping(frappe.get_cached_doc(SETTINGS_DOCTYPE).as_dict())
