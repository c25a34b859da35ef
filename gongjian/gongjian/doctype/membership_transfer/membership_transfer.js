// A retained membership (保留会籍) is kept by a union: the township's Members' Home (会员之家) by default.
// A transfer to a union may go to any active union of the township; that union accepts or returns it.
const RETAIN = "Retain Membership";
const METHODS = "gongjian.gongjian.doctype.membership_transfer.membership_transfer";

frappe.ui.form.on("Membership Transfer", {
	setup(frm) {
		frm.set_query("to_union", () =>
			frm.doc.destination === RETAIN
				? { filters: { union_kind: "Members' Home", status: "Active" } }
				: { query: `${METHODS}.transfer_destinations` }
		);
		frm.set_query("to_employer", () => ({
			query: `${METHODS}.receiving_units`,
			filters: { union: frm.doc.to_union },
		}));
	},
	refresh(frm) {
		// Frappe would describe the search's filter by its key ("Union = …"), not a field of the unit.
		frm.set_df_property("to_employer", "filter_description", __("Units covered by the receiving union"));
		if (frm.doc.__onload && frm.doc.__onload.can_answer) {
			frm.add_custom_button(__("Accept Transfer"), () => answer(frm, "accept_transfer"));
			frm.add_custom_button(__("Return Transfer"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Return"), reqd: 1 },
					({ reason }) => answer(frm, "return_transfer", { reason }),
					__("Return Transfer"),
					__("Return")
				)
			);
		}
	},
	destination(frm) {
		suggest_retaining_union(frm);
	},
	member(frm) {
		suggest_retaining_union(frm);
	},
});

function answer(frm, method, args = {}) {
	frappe
		.call({ method: `${METHODS}.${method}`, args: { name: frm.doc.name, ...args }, freeze: true })
		.then(() => frm.reload_doc());
}

function suggest_retaining_union(frm) {
	if (frm.doc.destination !== RETAIN || !frm.doc.member || frm.doc.to_union) {
		return;
	}
	frappe
		.call({
			method: `${METHODS}.retaining_union`,
			args: { member: frm.doc.member },
		})
		.then((r) => {
			if (r.message && !frm.doc.to_union) {
				frm.set_value("to_union", r.message);
			}
		});
}
