// The years a town evaluates: this one and the five before.
function evaluation_years() {
	const year = new Date().getFullYear();
	return Array.from({ length: 6 }, (_unused, i) => String(year - i));
}

frappe.query_reports["Annual Evaluation"] = {
	filters: [
		{
			// a year picked, not typed: "2026年" typed was refused with the half-years' wording
			fieldname: "period",
			label: __("Year"),
			fieldtype: "Select",
			options: evaluation_years(),
			default: String(new Date().getFullYear()),
			reqd: 1,
		},
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
