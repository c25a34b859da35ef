frappe.query_reports["Annual Evaluation"] = {
	filters: [
		{ fieldname: "period", label: __("Year"), fieldtype: "Data", default: String(new Date().getFullYear()) },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
