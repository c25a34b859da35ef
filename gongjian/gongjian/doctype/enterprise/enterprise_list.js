// 普查登记: whoever keeps units records the staff figures of all of them (or of one village) as
// counted on a day, so that the survey of a past period uses the staff of its end.
frappe.listview_settings["Enterprise"] = {
	onload(listview) {
		if (!frappe.model.can_write("Enterprise")) {
			return;
		}
		listview.page.add_inner_button(__("Staff Census"), () => take_staff_census(listview));
	},
};

function take_staff_census(listview) {
	frappe.prompt(
		[
			{
				fieldname: "counted_on",
				fieldtype: "Date",
				label: __("Staff Counted On"),
				default: frappe.datetime.get_today(),
				reqd: 1,
				description: __("Each unit's staff figures as they stand are recorded as counted on this day. To change a unit's figures, edit the unit."),
			},
			{
				fieldname: "village",
				fieldtype: "Link",
				options: "Village",
				label: __("Village"),
				description: __("Leave empty for every unit you keep"),
			},
		],
		(values) =>
			frappe
				.call({ method: "gongjian.staff.take_staff_census", args: values, freeze: true })
				.then((r) => {
					const day = frappe.datetime.str_to_user(values.counted_on);
					const said = [
						__("The staff figures of {0} units were recorded as counted on {1}", [r.message.recorded, day]),
					];
					if (r.message.already) {
						said.push(__("{0} units had been counted on {1} already and keep that count", [r.message.already, day]));
					}
					frappe.msgprint(said.join("<br>"), __("Staff Census"));
					listview.refresh();
				}),
		__("Staff Census"),
		__("Record Figures")
	);
}
