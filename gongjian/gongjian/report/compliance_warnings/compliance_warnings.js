frappe.query_reports["Compliance Warnings"] = {
	filters: [
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
		{
			fieldname: "rule",
			label: __("Rule"),
			fieldtype: "Select",
			options: ["", "R01", "R02", "R03", "R04", "R06", "R07", "R08", "R11", "R12", "R13", "R15", "R16", "R17", "R21"],
		},
		{
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Non-public Enterprise", label: __("Non-public Enterprise") },
				{ value: "State-owned Enterprise", label: __("State-owned Enterprise") },
				{ value: "Collective Enterprise", label: __("Collective Enterprise") },
				{ value: "Public Institution", label: __("Public Institution") },
				{ value: "Government Agency", label: __("Government Agency") },
				{ value: "Social Group", label: __("Social Group") },
				{ value: "Private Non-enterprise Unit", label: __("Private Non-enterprise Unit") },
				{ value: "Foundation", label: __("Foundation") },
				{ value: "Other New Social Organization", label: __("Other New Social Organization") },
			],
		},
	],
};
