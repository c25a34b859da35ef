// 摸底轮次: the town opens a round for a township and period; each village confirms its task. The form
// shows the progress village by village, closes the round and gives its survey table.
const SURVEY = "gongjian.survey";

frappe.ui.form.on("Survey Round", {
	refresh(frm) {
		if (frm.is_new()) {
			frm.get_field("progress_html").$wrapper.html(
				`<p class="text-muted">${__("Saving opens the round: each village of the township gets its task")}</p>`
			);
			return;
		}
		show_progress(frm);
		if (frm.doc.status === "Closed") {
			// A closed round is the record of what was confirmed.
			for (const field of ["deadline", "instructions"]) frm.set_df_property(field, "read_only", 1);
			frm.disable_save();
		}
		frm.add_custom_button(__("Download Survey Table (Excel)"), () => {
			window.open(
				`/api/method/${SURVEY}.download_round_table?name=${encodeURIComponent(frm.doc.name)}`
			);
		});
		if (frm.doc.status === "In Progress" && frm.perm[0]?.write) {
			frm.add_custom_button(__("Close Round"), () =>
				frappe.confirm(__("Close the round and freeze the township's figures?"), () =>
					frappe
						.call({ method: `${SURVEY}.close_round`, args: { name: frm.doc.name }, freeze: true })
						.then(() => frm.reload_doc())
				)
			);
		}
	},
});

function show_progress(frm) {
	frappe.call({ method: `${SURVEY}.round_progress`, args: { name: frm.doc.name } }).then(({ message }) => {
		const esc = frappe.utils.escape_html;
		const rows = message.tasks
			.map(
				(task) => `<tr>
					<td><a href="/app/survey-task/${encodeURIComponent(task.name)}">${esc(task.village)}</a></td>
					<td><span class="indicator-pill ${colour(task)}">${esc(task.status_label)}${task.overdue ? " · " + __("Overdue") : ""}</span></td>
					<td>${esc(task.confirmed_by_name || "")}</td>
					<td>${task.confirmed_on ? esc(frappe.datetime.str_to_user(task.confirmed_on)) : ""}</td>
					<td>${esc(task.return_comment || "")}</td>
				</tr>`
			)
			.join("");
		frm.get_field("progress_html").$wrapper.html(`
			<p class="gongjian-round-summary">${esc(
				__("{0} of {1} villages confirmed · {2} open · {3} overdue", [
					message.confirmed,
					message.total,
					message.open,
					message.overdue,
				])
			)}</p>
			<table class="table table-bordered table-sm">
				<thead><tr><th>${__("Village")}</th><th>${__("Status")}</th><th>${__("Confirmed By")}</th>
				<th>${__("Confirmed On")}</th><th>${__("Sent Back With")}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>`);
	});
}

function colour(task) {
	if (task.status === "Confirmed") return "green";
	return task.overdue ? "red" : task.status === "Sent Back" ? "orange" : "blue";
}
