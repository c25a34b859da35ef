frappe.listview_settings["Union Member"] = {
	onload(listview) {
		// Exporting whole ID numbers is the town manager's right, and recorded (gongjian/personal_data.py).
		if (frappe.user.has_role("Gongjian Manager")) {
			listview.page.add_menu_item(__("Export Real-name Roster"), () => gongjian.export_real_name_roster(listview));
		}
	},
};
