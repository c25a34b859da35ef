frappe.query_reports["Annual Evaluation"] = {
	filters: [
		{ fieldname: "period", label: __("Year"), fieldtype: "Data", default: String(new Date().getFullYear()) },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
	// A figure a row does not have (五同步 has no rate, a count no target) stays blank, not "0 %".
	formatter(value, row, column, data, default_formatter) {
		if (value == null && ["numerator", "denominator", "rate", "target"].includes(column.fieldname)) {
			return "";
		}
		return default_formatter(value, row, column, data);
	},
};
