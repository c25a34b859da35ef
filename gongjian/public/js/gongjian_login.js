// The login page answers the lockout's 429 (gongjian.accounts.answer_locked_login): the server's
// message shows in a dialog and the login button reads as before, ready for a later try.
frappe.ready(() => {
	if (!(window.login && login.login_handlers) || login.login_handlers[429]) return;
	const label = $(".btn-login").first().text();
	login.login_handlers[429] = () => login.set_status(label);
});
