// Sites served without Frappe's realtime server set `disable_async` (scripts/bootstrap's server, the
// browser tests). Frappe 15 then leaves frappe.realtime without a socket but still emits on it when a
// list or form opens, which throws. Without a socket there is nothing to tell the server: do nothing.
if (frappe.realtime) {
	const emit = frappe.realtime.emit;
	frappe.realtime.emit = function (...args) {
		if (!this.socket) return;
		return emit.apply(this, args);
	};
}

// frappe-charts redraws a chart whenever its container is resized, also when the chart's own drawing
// has already been replaced (a report drawing its chart again, a page opened again); the redraw then
// throws "removeChild … not a child of this node". And a chart whose page was left before its first
// animation ends draws into a container of no width ("<rect> attribute width: A negative value").
// Redraw only a chart whose drawing is still in place and visible (the resize on return draws it),
// and stop the chart a container held before drawing a new one there.
if (frappe.Chart) {
	const FrappeChart = frappe.Chart;
	const chart_in = new WeakMap();
	const drawing_in_place = (chart) =>
		chart.parent?.isConnected &&
		chart.parent.offsetWidth > 0 &&
		(!chart.svg || chart.svg.parentNode === chart.container);
	frappe.Chart = function (parent, options) {
		const container = typeof parent === "string" ? document.querySelector(parent) : parent;
		chart_in.get(container)?.destroy?.();
		const chart = new FrappeChart(parent, options);
		if (chart.boundDrawFn) {
			chart.destroy();
			chart.boundDrawFn = () => drawing_in_place(chart) && chart.draw(true);
			chart.resizeObserver = new ResizeObserver(chart.boundDrawFn);
			chart.resizeObserver.observe(chart.parent);
			window.addEventListener("resize", chart.boundDrawFn);
			window.addEventListener("orientationchange", chart.boundDrawFn);
			const update = chart.update;
			chart.update = function (...args) {
				if (!drawing_in_place(this)) {
					// keep the data; the resize that shows the chart again draws it
					if (args[0]) this.data = this.prepareData(args[0]);
					return;
				}
				return update.apply(this, args);
			};
		}
		chart_in.set(container, chart);
		return chart;
	};
	frappe.Chart.prototype = FrappeChart.prototype;
}

// The version timeline shows a cleared field as "改为 null": frappe.utils.html2text(null) parses the
// word "null". An empty value has no text.
if (frappe.utils?.html2text) {
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = (html) => (html == null ? "" : html2text(html));
}

// frappe.meta.get_label gives a field's label untranslated, and the version timeline prints it as is
// for a change in a table row ("第 0 行的Row Status"). Labels a user reads are translated.
if (frappe.meta?.get_label) {
	const get_label = frappe.meta.get_label;
	frappe.meta.get_label = function (...args) {
		const label = get_label.apply(this, args);
		return typeof label === "string" ? __(label) : label;
	};
}

// A number card computed by gongjian.dashboard sends a line of detail with its figure (numerator,
// denominator, date): "80.95%" alone does not say of what, nor when. Show it under the figure.
const NumberCard = frappe.widget?.widget_factory?.number_card;
if (NumberCard) {
	const render_stats = NumberCard.prototype.render_stats;
	NumberCard.prototype.render_stats = function (...args) {
		const detail = this.data && typeof this.data === "object" ? this.data.detail : null;
		if (detail) {
			$(this.body)
				.find(".widget-content")
				.append(`<div class="card-stats grey-stat gongjian-card-detail">${frappe.utils.escape_html(detail)}</div>`);
		}
		return render_stats.apply(this, args);
	};
	// "Edit" opens the Number Card form, which only its managers may open: a clerk met an English page
	// behind a permission error. Offered to those who may change the card.
	const set_card_actions = NumberCard.prototype.set_card_actions;
	NumberCard.prototype.set_card_actions = function (actions) {
		const editable = frappe.model.can_write("Number Card");
		return set_card_actions.call(
			this,
			actions.filter((action) => editable || action.action !== "action-edit")
		);
	};
}

// Frappe 15 offers every desk user "+ New" workspace; the app's clerks work in the one 工建 workspace,
// which the town's administrators keep. Only a Workspace Manager sees the button.
$(document).on("startup", () => {
	// The print view advertises Frappe's Print Designer, an English page of Frappe Cloud's marketplace.
	$("<style>#page-print .inner-page-message { display: none !important; }</style>").appendTo("head");
	if (!frappe.user.has_role("Workspace Manager")) {
		$("<style>.btn-new-workspace { display: none !important; }</style>").appendTo("head");
	}
});

// A workspace chart's menu names its report or list untranslated ("Semiannual Survey报告"): Frappe
// passes the report's name to "{0} Report" as it is. The name a user reads is translated.
const ChartWidget = frappe.widget?.widget_factory?.chart;
if (ChartWidget) {
	const set_chart_actions = ChartWidget.prototype.set_chart_actions;
	ChartWidget.prototype.set_chart_actions = function (actions) {
		const chart = this.chart_doc || {};
		for (const action of actions) {
			if (action.action !== "action-list") continue;
			action.label = chart.document_type
				? __("{0} List", [__(chart.document_type)])
				: __("{0} Report", [__(chart.report_name)]);
		}
		// "Edit" opens the Dashboard Chart form, an English page of settings: offered, as a number
		// card's is, to those who may change the chart.
		const editable = frappe.model.can_write("Dashboard Chart");
		return set_chart_actions.call(
			this,
			actions.filter((action) => editable || action.action !== "action-edit")
		);
	};

	// Frappe 15.44 titles a report chart's filter dialog with the chart's record name and labels its
	// button "Set", both untranslated (later 15 releases translate them): the dialog it makes is given
	// the names a user reads.
	const setup_filter_dialog = ChartWidget.prototype.setup_filter_dialog;
	ChartWidget.prototype.setup_filter_dialog = function (...args) {
		const Dialog = frappe.ui.Dialog;
		const chart_name = __(this.chart_doc.chart_name);
		frappe.ui.Dialog = class extends Dialog {
			constructor(options) {
				super({
					...options,
					title: __("Set Filters for {0}", [chart_name]),
					primary_action_label: __("Set"),
				});
			}
		};
		try {
			return setup_filter_dialog.apply(this, args);
		} finally {
			frappe.ui.Dialog = Dialog;
		}
	};
}

// The print view, adapted once its page script (print.js) has defined it:
// - its 打印格式 box shows a format's record name ("Member Card") as it is: it shows the name translated,
//   and gives the print view back the record name when asked. Print Format is a translated DocType
//   (gongjian/gongjian/custom/print_format.json), so the box's suggestions are translated too;
// - its PDF button warns of the server's wkhtmltopdf build, which only a System Manager can change: a
//   clerk is not shown the warning.
if (frappe.views?.Page) {
	const trigger_page_event = frappe.views.Page.prototype.trigger_page_event;
	frappe.views.Page.prototype.trigger_page_event = function (eventname) {
		// print.js, the page's script, has just defined the print view, which on_page_load makes
		if (this.name === "print" && eventname === "on_page_load") adapt_print_view();
		return trigger_page_event.call(this, eventname);
	};
}

function adapt_print_view() {
	const PrintView = frappe.ui.form.PrintView;
	if (!PrintView || PrintView.prototype.setup_sidebar.shows_translated_names) return;
	const is_wkhtmltopdf_valid = PrintView.prototype.is_wkhtmltopdf_valid;
	PrintView.prototype.is_wkhtmltopdf_valid = function (...args) {
		return frappe.user.has_role("System Manager") ? is_wkhtmltopdf_valid.apply(this, args) : undefined;
	};
	const setup_sidebar = PrintView.prototype.setup_sidebar;
	PrintView.prototype.setup_sidebar = function (...args) {
		const made = setup_sidebar.apply(this, args);
		const $input = this.print_format_selector;
		const view = this;
		this.print_format_selector = Object.assign(Object.create($input), {
			val(name) {
				if (name === undefined) {
					const shown = $input.val();
					const names = view.frm ? frappe.meta.get_print_formats(view.frm.doctype) : [];
					return ["Standard", ...names].find((format) => __(format) === shown) || shown;
				}
				$input.val(name ? __(name) : name);
				return this;
			},
		});
		return made;
	};
	PrintView.prototype.setup_sidebar.shows_translated_names = true;
}

// A date-time field shows the time zone's name ("Asia/Shanghai") under it, for users in another zone
// than the site's. Everyone of a township works in the site's zone: the name is noise to them.
if (frappe.ui.form.ControlDatetime) {
	const set_description = frappe.ui.form.ControlDatetime.prototype.set_description;
	frappe.ui.form.ControlDatetime.prototype.set_description = function (...args) {
		if (frappe.datetime.is_system_time_zone()) this.df.hide_timezone = 1;
		return set_description.apply(this, args);
	};
}

// A worker's application through the join page is made by Guest. The desk names who made a record by
// the full name in frappe.boot.user_info, which has no Guest at boot, and Frappe 15.101 copies the
// English "Guest" from the User record into it whenever a form opens. Keep one translated entry.
if (frappe.boot?.user_info) {
	Object.defineProperty(frappe.boot.user_info, "Guest", {
		enumerable: true,
		configurable: true,
		get: () => ({ fullname: __("Guest"), name: "Guest", image: null }),
		set: () => {},
	});
}
