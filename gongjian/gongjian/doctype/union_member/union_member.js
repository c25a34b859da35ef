const MEMBER_VILLAGE_FROM = [
	["Enterprise", "employer"],
	["Trade Union", "union"],
];

frappe.ui.form.on("Union Member", {
	employer: (frm) => gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM),
	union: (frm) => gongjian.fill_village_from(frm, MEMBER_VILLAGE_FROM),
});
