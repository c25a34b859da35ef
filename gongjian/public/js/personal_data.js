frappe.provide("gongjian");

// 个人信息保护法 (gongjian/personal_data.py): ID numbers and phones show masked. Whoever may change a
// member or an application sees the whole numbers on purpose, and the town manager reviews who did.
gongjian.reveal_personal_data = function (frm) {
	frappe.confirm(__("Show the whole ID number and phone? Your name and the time are recorded."), () =>
		frappe
			.call({ method: "gongjian.personal_data.reveal", args: { doctype: frm.doctype, name: frm.doc.name } })
			.then(({ message }) => {
				const rows = Object.entries(message)
					.filter(([, value]) => value)
					.map(
						([fieldname, value]) =>
							`<tr><th>${__(frappe.meta.get_label(frm.doctype, fieldname))}</th><td>${frappe.utils.escape_html(value)}</td></tr>`
					);
				frappe.msgprint({
					title: __("Whole Numbers"),
					message: `<table class="table table-bordered">${rows.join("")}</table>`,
					indicator: "blue",
				});
			})
	);
};

for (const doctype of ["Union Member", "Membership Application"]) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new() || !frm.perm[0]?.write) return;
			frm.add_custom_button(__("Show Whole Numbers"), () => gongjian.reveal_personal_data(frm));
		},
	});
}

// The town manager's real-name roster: whole numbers, for the current list filters' union and village.
gongjian.export_real_name_roster = function (listview) {
	const filter_value = (field) =>
		listview.filter_area.get().find(([, f, op]) => f === field && op === "=")?.[3] || "";
	frappe.confirm(__("Export the real-name roster with whole ID numbers and phones? The export is recorded."), () =>
		open_url_post("/api/method/gongjian.personal_data.export_roster", {
			union: filter_value("union"),
			village: filter_value("village"),
		})
	);
};
