// The survey periods a clerk picks from: each half-year and whole year, this year and the three before.
function survey_periods() {
	const year = new Date().getFullYear();
	const periods = [];
	for (let y = year; y > year - 4; y--) {
		periods.push(
			{ value: `${y}-H2`, label: __("{0} second half", [y]) },
			{ value: `${y}-H1`, label: __("{0} first half", [y]) },
			{ value: String(y), label: __("{0} full year", [y]) }
		);
	}
	return periods;
}

function current_half_year() {
	const now = new Date();
	return `${now.getFullYear()}-H${now.getMonth() < 6 ? 1 : 2}`;
}

frappe.query_reports["Semiannual Survey"] = {
	filters: [
		{
			fieldname: "period",
			label: __("Survey Period"),
			fieldtype: "Select",
			options: survey_periods(),
			default: current_half_year(),
			reqd: 1,
		},
		{ fieldname: "township", label: __("Township"), fieldtype: "Link", options: "Township" },
		{ fieldname: "village", label: __("Village"), fieldtype: "Link", options: "Village" },
		{
			fieldname: "group_by",
			label: __("One Row per"),
			fieldtype: "Select",
			options: [
				// the value is what the dropdown shows: named as a grouping, not as the village filter beside it
				{ value: "village", label: __("A Row per Village") },
				{ value: "township", label: __("A Row per Township") },
				{ value: "category", label: __("A Row per Category") },
			],
			default: "village",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		// A rate over nothing (no above-scale enterprise in the village, …) reads "—", not "0 %".
		if (data && column.fieldname.endsWith("_rate") && data[column.fieldname.replace(/_rate$/, "_den")] === 0) {
			value = "—";
		} else {
			value = default_formatter(value, row, column, data);
		}
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
