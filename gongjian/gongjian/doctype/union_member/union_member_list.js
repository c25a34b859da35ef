frappe.listview_settings["Union Member"] = {
	onload(listview) {
		// The list shows ID numbers masked: a whole number typed here finds its member (gongjian/personal_data.py).
		listview.page.add_inner_button(__("Find by ID Number"), () =>
			frappe.prompt(
				{ fieldname: "id_number", fieldtype: "Data", label: __("ID Number"), reqd: 1 },
				({ id_number }) =>
					frappe.call("gongjian.personal_data.find_member", { id_number }).then(({ message }) => {
						if (message) frappe.set_route("Form", "Union Member", message);
						else frappe.msgprint(__("No member you may see has this ID number."));
					}),
				__("Find by ID Number"),
				__("Find")
			)
		);
		// Exporting whole ID numbers is the town manager's right, and recorded.
		if (frappe.user.has_role("Gongjian Manager")) {
			listview.page.add_menu_item(__("Export Real-name Roster"), () => gongjian.export_real_name_roster(listview));
		}
	},
};
