frappe.query_reports["Membership Statistics"] = {
	filters: [
		{ fieldname: "period", label: __("Period"), fieldtype: "Data", description: __("2026-H1, 2026-H2 or 2026") },
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
	],
};
