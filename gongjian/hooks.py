from gongjian.scoped_doctypes import CHILD_PARENTS, MARKED_DOCTYPES, SCOPED_DOCTYPES, SEALING_DOCTYPES

app_name = "gongjian"
app_title = "Gongjian"
app_publisher = "gongjian developers"
app_description = "党建带工建: township trade-union building, rules, reviews and access"
app_email = "gongjian@localhost"
app_license = "MIT"
# The login page and the desk's navbar show 工建's mark, not Frappe's (the name: install.name_the_app).
app_logo_url = "/assets/gongjian/images/gongjian-logo.svg"

extend_bootinfo = "gongjian.utils.boot.extend_bootinfo"

app_include_js = [
	# Desk fix for sites served without the realtime server
	"/assets/gongjian/js/gongjian_desk.js",
	# Open warnings and related records on the Enterprise, Trade Union and Union Member forms
	"/assets/gongjian/js/record_overview.js",
	# A record's village from its unit or union, as soon as they are picked
	"/assets/gongjian/js/village_from_links.js",
	"/assets/gongjian/js/gongjian_language.js",  # Frappe's English outside __()
	# Approve and reject workers' applications from their form and list
	"/assets/gongjian/js/membership_applications.js",
	# Whole ID numbers and phones on purpose, logged; the manager's real-name roster
	"/assets/gongjian/js/personal_data.js",
]

# The login page shows the lockout like a wrong password (gongjian/accounts.py).
web_include_js = ["/assets/gongjian/js/gongjian_login.js"]

# Guests see the login page and nothing else (see overrides.guard_request).
home_page = "login"

# The app's roles, where Frappe people look for them (gongjian/fixtures/role.json).
# Controllers carry their fields' types: Frappe rewrites the block when a DocType is saved in developer mode.
export_python_type_annotations = True

fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				["Gongjian Manager", "Village User", "Enterprise User", "Union Organizer", "Gongjian Viewer"],
			]
		],
	}
]
after_install = "gongjian.install.after_install"
after_migrate = "gongjian.install.after_migrate"

# Row-level access (gongjian/permissions.py): one rule per DocType for lists and for documents.
permission_query_conditions = {
	**{doctype: "gongjian.permissions.query_conditions" for doctype in (*SCOPED_DOCTYPES, *CHILD_PARENTS)},
	"File": "gongjian.permissions.file_query_conditions",
	"User": "gongjian.permissions.user_query_conditions",
	**{
		doctype: "gongjian.permissions.own_rows_query_conditions"
		for doctype in ("Tag Link", "Document Follow", "List Filter")
	},
}
has_permission = {
	**{doctype: "gongjian.permissions.has_permission" for doctype in SCOPED_DOCTYPES},
	"File": "gongjian.permissions.file_has_permission",
	"User": "gongjian.permissions.user_has_permission",
	**{
		doctype: "gongjian.permissions.own_rows_has_permission"
		for doctype in ("Tag Link", "Document Follow", "List Filter")
	},
}
doc_events = {
	doctype: {
		"before_validate": "gongjian.permissions.check_links_in_scope",
		"validate": "gongjian.permissions.check_saved_scope",
	}
	for doctype in SCOPED_DOCTYPES
}
# Every value of every gongjian record, checked from the DocType meta (gongjian/utils/validation.py).
doc_events["*"] = {
	"before_insert": "gongjian.utils.validation.check_values",  # before a name is made from a value
	"before_validate": "gongjian.utils.validation.check_values",
	"before_update_after_submit": "gongjian.utils.validation.check_values",
}
# Accounts speak the site's language and get System Manager only on purpose (gongjian/accounts.py).
doc_events["User"] = {
	"before_insert": "gongjian.accounts.default_language",
	"before_validate": "gongjian.accounts.note_requested_roles",
	"validate": "gongjian.accounts.refuse_silent_system_manager",
}
doc_events["File"] = {"validate": "gongjian.permissions.refuse_reused_private_url"}
# Each unit's kept figures follow its record, its unions and its contracts (gongjian/unit_tally.py).
for doctype in ("Enterprise", "Trade Union", "Collective Contract"):
	doc_events[doctype] = {
		**doc_events[doctype],
		"on_update": "gongjian.unit_tally.refresh_for_doc",
		"after_delete": "gongjian.unit_tally.refresh_for_doc",
	}
# Each record's kept compliance warnings are marked for recomputation by the saves that can change them
# (gongjian/compliance_findings.py).
for doctype in MARKED_DOCTYPES:
	doc_events.setdefault(doctype, {})
	for event in ("on_update", "after_delete"):
		handlers = doc_events[doctype].get(event) or []
		handlers = [handlers] if isinstance(handlers, str) else list(handlers)
		doc_events[doctype][event] = [*handlers, "gongjian.compliance_findings.mark_for_doc"]
doc_events.setdefault("Gongjian Settings", {})["on_update"] = "gongjian.compliance_findings.forget_rebuild"
# Personal numbers are kept masked, the whole number sealed beside them (gongjian/personal_data.py).
for doctype in SEALING_DOCTYPES:
	doc_events.setdefault(doctype, {})
	before_validate = doc_events[doctype].get("before_validate") or []
	before_validate = [before_validate] if isinstance(before_validate, str) else list(before_validate)
	doc_events[doctype] = {
		**doc_events[doctype],
		# unsealed first: the checks after it read the whole numbers
		"before_validate": ["gongjian.personal_data.unseal", *before_validate],
		"on_change": "gongjian.personal_data.hide_seals",
	}
doc_events["Version"] = {"before_insert": "gongjian.personal_data.keep_versions_masked"}
# Kept counts follow the records they count, and do not hold a record's deletion back.
ignore_links_on_delete = ["Unit Tally", "Unit Member Count", "Village Member Count", "Compliance Finding"]
# To-dos, follows and events point only at records their maker may read (gongjian/permissions.py).
for doctype in ("ToDo", "Document Follow", "Event"):
	doc_events[doctype] = {"validate": "gongjian.permissions.check_references_readable"}
before_request = [
	"gongjian.accounts.guests_speak_site_language",
	# Reads go to the primary while the read replica is down or behind (gongjian/utils/replica.py).
	"gongjian.utils.replica.use_primary_when_replica_unhealthy",
]
before_job = ["gongjian.utils.replica.use_primary_in_job_when_replica_unhealthy"]
after_request = [
	"gongjian.accounts.answer_locked_login",
	# No SQL or other debug notes in a user's answer (gongjian/utils/frappe_fixes.py).
	"gongjian.utils.frappe_fixes.drop_debug_messages",
]

# Doors that Frappe 15 leaves open to scoped users, closed here (reasons in gongjian/overrides.py).
override_whitelisted_methods = {
	"frappe.client.get_count": "gongjian.overrides.get_count",
	"frappe.desk.reportview.get_count": "gongjian.overrides.count_for_list",
	"frappe.desk.search.search_link": "gongjian.overrides.search_link",
	"frappe.desk.search.search_widget": "gongjian.overrides.search_widget",
	"frappe.desk.query_report.run": "gongjian.overrides.run_report",
	"frappe.desk.query_report.export_query": "gongjian.overrides.export_report",
	"frappe.desk.reportview.export_query": "gongjian.overrides.export_list",
	"frappe.desk.listview.get_group_by_count": "gongjian.overrides.get_group_by_count",
	"frappe.client.validate_link": "gongjian.overrides.validate_link",
	"frappe.core.doctype.user.user.reset_password": "gongjian.overrides.reset_password",
	"frappe.desk.search.get_link_title": "gongjian.overrides.get_link_title",
	"frappe.client.bulk_update": "gongjian.overrides.bulk_update",
	"frappe.client.get": "gongjian.overrides.get_record",
	"frappe.desk.form.load.getdoc": "gongjian.overrides.getdoc",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "gongjian.overrides.dashboard_chart",
}
auth_hooks = ["gongjian.overrides.guard_request"]

# Print formats: the member card's QR code (gongjian/printing.py).
jinja = {
	"methods": [
		"gongjian.printing.card_qr_svg",
		"gongjian.printing.batch_member_cards",
		"gongjian.printing.card_issuer",
		"gongjian.join.join_poster",
		"gongjian.survey.round_table",
	]
}

# 半年一摸底: villages past a survey round's deadline are reminded once a day.
# The kept counts are recounted each night, and any drift reported (member_counts.py, unit_tally.py).
scheduler_events = {
	"daily": [
		"gongjian.survey.remind_overdue",
		"gongjian.member_counts.reconcile_nightly",
		"gongjian.unit_tally.reconcile_nightly",
	],
	# Marked records' compliance warnings are recomputed within minutes; every record's each day.
	"all": ["gongjian.compliance_findings.flush"],
	"hourly": ["gongjian.compliance_findings.reconcile_hourly"],
}
