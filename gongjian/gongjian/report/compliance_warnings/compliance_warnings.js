frappe.query_reports["Compliance Warnings"] = {
	filters: [
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{
			fieldname: "village",
			label: __("Village"),
			fieldtype: "Link",
			options: "Village",
			get_query() {
				const township = frappe.query_report.get_filter_value("township");
				return township ? { filters: { township } } : {};
			},
		},
		{
			fieldname: "rule",
			label: __("Rule"),
			fieldtype: "Select",
			// each code with its name, from gongjian.rules.catalogue.RULE_NAMES (see utils/boot.py)
			options: ["", ...((frappe.boot.gongjian && frappe.boot.gongjian.rules) || [])],
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
	// The unit column links to the record the finding is on: a unit, village, organizer or township.
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit_doctype) {
			const href = frappe.utils.get_form_link(data.unit_doctype, data.unit);
			return `<a href="${href}">${frappe.utils.escape_html(data.unit_title || data.unit)}</a>`;
		}
		return default_formatter(value, row, column, data);
	},
};
