frappe.listview_settings["Membership Application"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colour = { "Awaiting Approval": "orange", Approved: "green", Rejected: "red" }[doc.status];
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
	onload(listview) {
		if (!frappe.model.can_write("Membership Application")) return;
		for (const decision of ["approve", "reject"]) {
			listview.page.add_action_item(decision === "approve" ? __("Approve") : __("Reject"), () => {
				const names = listview.get_checked_items(true);
				if (!names.length) return frappe.msgprint(__("Choose the applications first"));
				gongjian_decide_applications(names, decision).then(() => listview.refresh());
			});
		}
	},
};
