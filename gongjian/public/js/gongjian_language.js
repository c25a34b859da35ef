// Awesomplete (the search bar's and link fields' drop-downs) writes its status line in English,
// outside Frappe's __(): "Begin typing for results.", "3 results found". The line is hidden on screen
// but is part of the page's text (screen readers read it); say it in the desk's language.
(() => {
	const proto = window.Awesomplete && window.Awesomplete.prototype;
	if (!proto || proto.gongjian_translated) return;
	proto.gongjian_translated = true;

	const translate_status = (status) => {
		const text = status && status.textContent;
		if (!text) return;
		const found = text.match(/^(\d+) results found$/);
		const item = text.match(/^(.*), list item (\d+) of (\d+)$/);
		if (found) status.textContent = __("{0} results found", [found[1]]);
		else if (item) status.textContent = __("{0}, item {1} of {2}", [item[1], item[2], item[3]]);
		else status.textContent = __(text);
	};
	for (const method of ["evaluate", "goto"]) {
		const original = proto[method];
		proto[method] = function (...args) {
			const result = original.apply(this, args);
			translate_status(this.status);
			return result;
		};
	}
	// The constructor sets the first status line, then assigns the list: translate there.
	const list = Object.getOwnPropertyDescriptor(proto, "list");
	if (list && list.set) {
		Object.defineProperty(proto, "list", {
			...list,
			set(value) {
				list.set.call(this, value);
				translate_status(this.status);
			},
		});
	}
})();

// Report View's sidebar advertises another product ("Get more insights with Frappe Insights"), in part
// untranslatable: a township office has no use for it.
localStorage.setItem("show_insights_banner", "false");
