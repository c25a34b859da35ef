frappe.query_reports["Semiannual Survey"] = {
	filters: [
		{ fieldname: "period", label: __("Period"), fieldtype: "Data", description: __("2026-H1, 2026-H2 or 2026") },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
		{ fieldname: "group_by_township", label: __("One Row per Township"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
