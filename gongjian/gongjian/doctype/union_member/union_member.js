const MEMBER_VILLAGE_FROM = [
	["Enterprise", "employer"],
	["Trade Union", "union"],
];
// 转接中 is set and cleared by a membership transfer only: not offered by hand.
const IN_TRANSFER = "Transferring";

frappe.ui.form.on("Union Member", {
	refresh(frm) {
		const options = frappe.meta.get_docfield("Union Member", "status").options.split("\n");
		frm.set_df_property(
			"status",
			"options",
			frm.doc.status === IN_TRANSFER ? [IN_TRANSFER] : options.filter((o) => o !== IN_TRANSFER)
		);
	},
	employer: (frm) => gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM),
	union: (frm) => gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM),
});
