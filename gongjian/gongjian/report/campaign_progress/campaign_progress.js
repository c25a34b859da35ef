frappe.query_reports["Campaign Progress"] = {
	filters: [
		{ fieldname: "campaign", label: __("Enrollment Campaign"), fieldtype: "Link", options: "Enrollment Campaign" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
