// Each task's state at a glance: awaiting, confirmed or sent back.
const TASK_COLOURS = { "Awaiting Confirmation": "orange", Confirmed: "green", "Sent Back": "red" };

frappe.listview_settings["Survey Task"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		return [__(doc.status), TASK_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
