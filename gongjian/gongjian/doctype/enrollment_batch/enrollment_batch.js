frappe.ui.form.on("Enrollment Batch", {
	union: (frm) => gongjian.fill_village_from(frm, [["Trade Union", "union"]]),
	refresh(frm) {
		if (frm.is_new()) {
			// The roster is attached to a saved batch (an attachment needs its record).
			frm.set_intro(__("Save the batch first, then attach the filled roster and load it"), "blue");
		}
		frm.toggle_display("roster", !frm.is_new());
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
