// Approving and rejecting workers' applications, from the form and the list (gongjian/join.py).
window.gongjian_decide_applications = function (names, decision) {
	if (decision === "reject") {
		return new Promise((resolve) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Rejection"), reqd: 1 },
				({ reason }) =>
					frappe
						.call({ method: "gongjian.join.reject", args: { names, reason } })
						.then((r) => {
							frappe.show_alert({ message: __("{0} rejected", [r.message.rejected]), indicator: "blue" });
							resolve();
						}),
				__("Reject"),
				__("Reject")
			);
		});
	}
	return frappe.call({ method: "gongjian.join.approve", args: { names }, freeze: true }).then((r) => {
		const { approved, outcomes } = r.message;
		const held = Object.entries(outcomes).filter(([, outcome]) => outcome.status !== "Approved");
		if (held.length) {
			frappe.msgprint({
				title: __("{0} approved, {1} still awaiting approval", [approved, held.length]),
				message: held
					.map(([name, outcome]) => `${frappe.utils.escape_html(name)}: ${frappe.utils.escape_html(outcome.reason)}`)
					.join("<br>"),
				indicator: "orange",
			});
		} else {
			frappe.show_alert({ message: __("{0} approved", [approved]), indicator: "green" });
		}
	});
};
