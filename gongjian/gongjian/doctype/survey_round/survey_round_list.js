// Rounds in progress and closed rounds, told apart in the list.
frappe.listview_settings["Survey Round"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colour = doc.status === "In Progress" ? "blue" : "gray";
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
};
