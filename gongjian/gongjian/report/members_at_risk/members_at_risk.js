frappe.query_reports["Members at Risk"] = {
	filters: [
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
