// The Enterprise, Trade Union and Union Member forms show the open warnings of their units (rule,
// finding, suggested action) and links to the unit's unions and members (gongjian.api.record_overview).
frappe.provide("gongjian.record_overview");

gongjian.record_overview.render = function (frm, data) {
	const esc = frappe.utils.escape_html;
	const parts = [];
	if (data.warnings.length) {
		const rows = data.warnings
			.map(
				(w) => `<tr>
					<td class="text-nowrap"><span class="indicator-pill red">${esc(w.rule_title)}</span></td>
					<td>${esc(w.message)}</td>
					<td class="text-muted">${esc(w.action)}</td>
				</tr>`
			)
			.join("");
		parts.push(`<table class="table table-sm gongjian-warnings">
			<thead><tr><th>${__("Rule")}</th><th>${__("Finding")}</th><th>${__("Suggested Action")}</th></tr></thead>
			<tbody>${rows}</tbody></table>`);
	} else {
		parts.push(`<p class="text-success">${__("No open compliance warnings")}</p>`);
	}
	const links = [];
	for (const union of data.unions) {
		const href = frappe.utils.get_form_link("Trade Union", union.name);
		links.push(`<a href="${href}">${esc(union.name)}</a> <span class="text-muted">(${esc(union.union_kind)})</span>`);
	}
	if (frm.doctype === "Enterprise" && !data.unions.length) {
		links.push(`<span class="text-muted">${__("No union covers this unit yet")}</span>`);
	}
	if (data.member_filter) {
		links.push(
			`<a class="gongjian-members-link" href="#">${__("{0} members", [data.members])}</a>`
		);
	}
	if (links.length) {
		parts.push(`<p class="gongjian-related">${links.join(" · ")}</p>`);
	}
	frm.dashboard.parent.find(".gongjian-overview").remove();
	const title = data.warnings.length
		? __("Open Compliance Warnings ({0})", [data.warnings.length])
		: __("Compliance");
	const body = frm.dashboard.add_section(parts.join(""), title, "gongjian-overview");
	body.find(".gongjian-members-link").on("click", (event) => {
		event.preventDefault();
		frappe.route_options = { [data.member_filter]: frm.doc.name, status: "Member" };
		frappe.set_route("List", "Union Member");
	});
	frm.dashboard.show();
};

gongjian.record_overview.refresh = function (frm) {
	frm.dashboard.parent.find(".gongjian-overview").remove();
	if (frm.is_new()) return;
	const name = frm.doc.name;
	frappe.xcall("gongjian.api.record_overview", { doctype: frm.doctype, name }).then((data) => {
		// the user may have moved on to another record meanwhile
		if (data && frm.doc && frm.doc.name === name) gongjian.record_overview.render(frm, data);
	});
};

for (const doctype of ["Enterprise", "Trade Union", "Union Member"]) {
	frappe.ui.form.on(doctype, { refresh: gongjian.record_overview.refresh });
}
