frappe.ui.form.on("Enrollment Batch", {
	refresh(frm) {
		frm.add_custom_button(__("Download Roster Template"), () => {
			window.open("/api/method/gongjian.enrollment.download_template");
		});
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Load Roster"), () => {
				frappe.call({
					method: "gongjian.enrollment.load_roster",
					args: { batch: frm.doc.name },
					freeze: true,
					callback: () => frm.reload_doc(),
				});
			});
		}
		if (frm.doc.invalid_rows) {
			frm.add_custom_button(__("Download Error Report"), () => {
				window.open(`/api/method/gongjian.enrollment.download_error_report?batch=${encodeURIComponent(frm.doc.name)}`);
			});
		}
	},
});
