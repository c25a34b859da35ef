// 职工之家 is rated for a year: ticking it proposes this year.
frappe.ui.form.on("Trade Union", {
	workers_home(frm) {
		if (frm.doc.workers_home && !frm.doc.workers_home_year) {
			frm.set_value("workers_home_year", Number(frappe.datetime.get_today().slice(0, 4)));
		}
	},
	refresh(frm) {
		gongjian_join_link_buttons(frm);
	},
});

// 扫码入会: the union's join link, its QR poster, and replacing or stopping it (gongjian/join.py).
function gongjian_join_link_buttons(frm) {
	const joinable = !frm.is_new() && frm.doc.status === "Active" && frm.doc.union_kind !== "Township Federation";
	if (!joinable || !frm.perm[0]?.write) return;
	const group = __("Join by QR Code");
	if (frm.doc.join_key) {
		frm.add_custom_button(
			__("Print QR Poster"),
			() =>
				window.open(
					`/printview?${new URLSearchParams({
						doctype: frm.doctype,
						name: frm.doc.name,
						format: "Join Poster",
					})}`
				),
			group
		);
	}
	frm.add_custom_button(
		frm.doc.join_key ? __("New Join Link") : __("Make Join Link"),
		() => {
			const make = () =>
				frappe
					.call({ method: "gongjian.join.new_join_link", args: { union: frm.doc.name } })
					.then((r) => frm.reload_doc().then(() => show_join_link(r.message)));
			if (!frm.doc.join_key) return make();
			frappe.confirm(__("The old join link and every poster printed with it will stop working. Go on?"), make);
		},
		group
	);
	if (frm.doc.join_key) {
		frm.add_custom_button(
			__("Stop Join Link"),
			() =>
				frappe.confirm(__("Workers will no longer be able to apply through this union's link. Go on?"), () =>
					frappe
						.call({ method: "gongjian.join.stop_join_link", args: { union: frm.doc.name } })
						.then(() => frm.reload_doc())
				),
			group
		);
	}
}

// The clerk sends the link to workers (a WeChat group, a text message) or prints the QR poster.
function show_join_link(link) {
	const dialog = new frappe.ui.Dialog({
		title: __("The join link is ready"),
		fields: [
			{
				fieldname: "link",
				fieldtype: "Small Text",
				label: __("Join Link"),
				read_only: 1,
				default: link,
				description: __("Send it to workers, for example in a WeChat group, or print the QR poster."),
			},
		],
		primary_action_label: __("Copy Link"),
		primary_action: () => {
			frappe.utils.copy_to_clipboard(link);
			dialog.hide();
		},
	});
	dialog.show();
}
