// 职工之家 is rated for a year: ticking it proposes this year.
frappe.ui.form.on("Trade Union", {
	workers_home(frm) {
		if (frm.doc.workers_home && !frm.doc.workers_home_year) {
			frm.set_value("workers_home_year", Number(frappe.datetime.get_today().slice(0, 4)));
		}
	},
});
