// A retained membership (保留会籍) is kept by a union: the township's Members' Home (会员之家) by default.
const RETAIN = "Retain Membership";

frappe.ui.form.on("Membership Transfer", {
	setup(frm) {
		frm.set_query("to_union", () =>
			frm.doc.destination === RETAIN
				? { filters: { union_kind: "Members' Home", status: "Active" } }
				: { filters: { status: "Active" } }
		);
	},
	destination(frm) {
		suggest_retaining_union(frm);
	},
	member(frm) {
		suggest_retaining_union(frm);
	},
});

function suggest_retaining_union(frm) {
	if (frm.doc.destination !== RETAIN || !frm.doc.member || frm.doc.to_union) {
		return;
	}
	frappe
		.call({
			method: "gongjian.gongjian.doctype.membership_transfer.membership_transfer.retaining_union",
			args: { member: frm.doc.member },
		})
		.then((r) => {
			if (r.message && !frm.doc.to_union) {
				frm.set_value("to_union", r.message);
			}
		});
}
