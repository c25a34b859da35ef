// Approve or reject a worker's application (gongjian/join.py): approval enrolls the member.
frappe.ui.form.on("Membership Application", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Awaiting Approval") {
			frm.disable_save();  // a decided application is a record: nothing in it changes
			frm.set_read_only();
			return;
		}
		if (frm.is_new() || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Approve"), () =>
			gongjian_decide_applications([frm.doc.name], "approve").then(() => frm.reload_doc())
		).addClass("btn-primary");
		frm.add_custom_button(__("Reject"), () =>
			gongjian_decide_applications([frm.doc.name], "reject").then(() => frm.reload_doc())
		);
	},
});
