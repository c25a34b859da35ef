// The login page answers the lockout's 429 (gongjian.accounts.answer_locked_login): the server's
// message shows in a dialog and the login button reads as before, ready for a later try. Frappe 15.7x
// and later have a 429 handler of their own that only says "too many requests": ours replaces it.
frappe.ready(() => {
	if (!(window.login && login.login_handlers)) return;
	const label = $(".btn-login").first().text();
	login.login_handlers[429] = () => login.set_status(label);
});
