// Prints every gongjian report's filters as the desk defines them, read from the reports' own .js
// files with a stand-in for the desk's globals: {"Report Name": [{fieldname, fieldtype, options, default}]}
const fs = require("fs");
const path = require("path");

global.frappe = { query_reports: {}, boot: { gongjian: { rules: [{ value: "R01", label: "R01" }] } } };
global.__ = (text) => text;

const reports = path.join(__dirname, "..", "..", "gongjian", "gongjian", "report");
for (const name of fs.readdirSync(reports)) {
	const script = path.join(reports, name, `${name}.js`);
	if (fs.existsSync(script)) require(script);
}
const out = {};
for (const [report, spec] of Object.entries(frappe.query_reports)) {
	out[report] = (spec.filters || []).map((f) => ({
		fieldname: f.fieldname,
		fieldtype: f.fieldtype,
		options: f.options ?? null,
		default: f.default ?? null,
	}));
}
process.stdout.write(JSON.stringify(out));
