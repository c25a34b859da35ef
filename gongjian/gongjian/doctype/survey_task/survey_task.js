// 摸底任务: the village checks its figures for the period and its open warnings, corrects its
// registers where needed, then confirms, which freezes its Assessment. The town may send it back.
const SURVEY = "gongjian.survey";

frappe.ui.form.on("Survey Task", {
	refresh(frm) {
		show_figures(frm);
		const waiting = ["Awaiting Confirmation", "Sent Back"].includes(frm.doc.status);
		if (waiting && frm.perm[0]?.write) {
			frm.add_custom_button(__("Confirm Figures"), () =>
				frappe.prompt(
					{
						fieldname: "note",
						fieldtype: "Small Text",
						label: __("Confirmation Note"),
						default: frm.doc.confirmation_note,
					},
					({ note }) => call(frm, "confirm_task", { note: note || "" }),
					__("Confirm Figures"),
					__("Confirm")
				)
			).addClass("btn-primary");
		}
		if (frm.doc.status === "Confirmed") {
			// Confirmed figures stay as confirmed until the town sends the task back.
			frm.set_df_property("confirmation_note", "read_only", 1);
			frm.disable_save();
		}
		if (frm.doc.status !== "Sent Back" && frappe.user.has_role("Gongjian Manager")) {
			frappe.db.get_value("Survey Round", frm.doc.survey_round, "status").then(({ message }) => {
				if (message?.status !== "In Progress") return; // a closed round sends nothing back
				frm.add_custom_button(__("Send Back"), () =>
					frappe.prompt(
						{ fieldname: "comment", fieldtype: "Small Text", label: __("Sent Back With"), reqd: 1 },
						({ comment }) => call(frm, "send_back", { comment }),
						__("Send Back"),
						__("Send Back")
					)
				);
			});
		}
	},
});

function call(frm, method, args) {
	frappe
		.call({ method: `${SURVEY}.${method}`, args: { name: frm.doc.name, ...args }, freeze: true })
		.then(() => frm.reload_doc());
}

function show_figures(frm) {
	if (frm.is_new()) return;
	frappe.call({ method: `${SURVEY}.task_figures`, args: { name: frm.doc.name } }).then(({ message }) => {
		const esc = frappe.utils.escape_html;
		const rates = message.rates
			.map(
				(rate) => `<tr><td>${esc(rate.label)}</td>
					<td class="text-right">${rate.denominator ? esc(format_percent(rate.percent)) : "—"}</td>
					<td class="text-right">${rate.numerator}</td><td class="text-right">${rate.denominator}</td></tr>`
			)
			.join("");
		const counts = message.counts
			.map((count) => `<tr><td>${esc(count.label)}</td><td class="text-right" colspan="3">${count.value}</td></tr>`)
			.join("");
		const warnings = message.warnings.length
			? message.warnings
					.map(
						(w) => `<li><b>${esc(w.rule_title)}</b> ${esc(w.message)}
							<span class="text-muted">${esc(w.action)}</span></li>`
					)
					.join("")
			: `<li class="text-muted">${__("No open warnings")}</li>`;
		frm.get_field("figures_html").$wrapper.html(`
			<p class="text-muted">${esc(__("Figures as of {0}, within what you may read", [frappe.datetime.str_to_user(message.as_of)]))}</p>
			<table class="table table-bordered table-sm gongjian-task-figures">
				<thead><tr><th>${__("Metric")}</th><th class="text-right">${__("Rate")}</th>
				<th class="text-right">${__("Numerator")}</th><th class="text-right">${__("Denominator")}</th></tr></thead>
				<tbody>${rates}${counts}</tbody>
			</table>
			<p><b>${__("Open Compliance Warnings")}</b> (${message.warnings.length})</p>
			<ul class="gongjian-task-warnings">${warnings}</ul>`);
	});
}

function format_percent(value) {
	return `${(Math.round(value * 10) / 10).toFixed(1)}%`;
}
