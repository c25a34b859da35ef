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
	employer(frm) {
		gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM);
		fill_union_from_employer(frm);
	},
	union: (frm) => gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM),
});

// Unions a member joins at a unit: not the Members' Home or the federation, which cover no unit's staff.
const NOT_A_UNITS_UNION = ["Members' Home", "Township Federation"];

// The clerk picks where the worker works; the union follows when one active union covers that unit.
async function fill_union_from_employer(frm) {
	const employer = frm.doc.employer;
	if (!employer || frm.doc.union) return;
	const unions = await frappe.db.get_list("Trade Union", {
		filters: [
			["Trade Union Unit", "enterprise", "=", employer],
			["status", "=", "Active"],
			["union_kind", "not in", NOT_A_UNITS_UNION],
		],
		fields: ["name"],
		limit: 2,
	});
	if (unions.length === 1 && frm.doc.employer === employer && !frm.doc.union) {
		frm.set_value("union", unions[0].name);
	}
}
