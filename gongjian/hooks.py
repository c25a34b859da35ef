from gongjian.scoped_doctypes import CHILD_PARENTS, SCOPED_DOCTYPES

app_name = "gongjian"
app_title = "Gongjian"
app_publisher = "gongjian developers"
app_description = "党建带工建: township trade-union building, rules, reviews and access"
app_email = "gongjian@localhost"
app_license = "MIT"

# Guests see the login page and nothing else (see overrides.guard_request).
home_page = "login"

after_install = "gongjian.install.after_install"
after_migrate = "gongjian.install.after_migrate"

# Row-level access (gongjian/permissions.py): one rule per DocType for lists and for documents.
permission_query_conditions = {
	**{doctype: "gongjian.permissions.query_conditions" for doctype in (*SCOPED_DOCTYPES, *CHILD_PARENTS)},
	"File": "gongjian.permissions.file_query_conditions",
}
has_permission = {
	**{doctype: "gongjian.permissions.has_permission" for doctype in SCOPED_DOCTYPES},
	"File": "gongjian.permissions.file_has_permission",
}
doc_events = {doctype: {"validate": "gongjian.permissions.check_saved_scope"} for doctype in SCOPED_DOCTYPES}

# Doors that Frappe 15 leaves open to scoped users, closed here (reasons in gongjian/overrides.py).
override_whitelisted_methods = {
	"frappe.client.get_count": "gongjian.overrides.get_count",
	"frappe.desk.search.search_link": "gongjian.overrides.search_link",
	"frappe.desk.search.search_widget": "gongjian.overrides.search_widget",
	"frappe.desk.query_report.run": "gongjian.overrides.run_report",
	"frappe.desk.query_report.export_query": "gongjian.overrides.export_report",
}
auth_hooks = ["gongjian.overrides.guard_request"]

# Print formats: the member card's QR code (gongjian/printing.py).
jinja = {"methods": ["gongjian.printing.card_qr_svg"]}
