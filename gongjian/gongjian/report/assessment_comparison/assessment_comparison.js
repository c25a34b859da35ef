frappe.query_reports["Assessment Comparison"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
