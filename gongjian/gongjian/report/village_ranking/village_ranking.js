frappe.query_reports["Village Ranking"] = {
	filters: [
		{ fieldname: "period", label: __("Year"), fieldtype: "Data", default: String(new Date().getFullYear()) },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
	],
	// A rate over nothing (no unit to organise, no union yet) is not scored: blank, not "0 %".
	formatter(value, row, column, data, default_formatter) {
		return value == null ? "" : default_formatter(value, row, column, data);
	},
};
