// A record's 行政村（社区） follows its unit, else its union, as the server sets it on save: filled in the
// form as soon as either is picked, so that the required field is not left for the clerk to guess.
frappe.provide("gongjian");

gongjian.fill_village_from = async function (frm, links) {
	for (const [doctype, fieldname] of links) {
		const name = frm.doc[fieldname];
		if (!name) continue;
		const { message } = await frappe.db.get_value(doctype, name, "village");
		if (message && message.village) {
			if (frm.doc.village !== message.village) frm.set_value("village", message.village);
			return;
		}
	}
};
