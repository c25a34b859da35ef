const STAFF_FIELDS = ["staff_formal", "staff_migrant", "staff_dispatched", "staff_temporary"];

frappe.ui.form.on("Enterprise", Object.fromEntries(
	STAFF_FIELDS.map((field) => [field, (frm) => {
		frm.set_value("staff_total", STAFF_FIELDS.reduce((sum, f) => sum + (frm.doc[f] || 0), 0));
	}])
));
