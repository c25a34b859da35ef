"""Serve one site for `scripts/bootstrap`: the desk with its static assets, on 127.0.0.1 by default,
threaded, and without the Werkzeug debugger that `bench serve` turns on (it runs code sent to it).

	python -m gongjian.devserver SITE [PORT] [HOST]   (from the bench's sites folder)
"""

import sys

from werkzeug.serving import run_simple


def main(site: str, port: int = 8000, host: str = "127.0.0.1") -> None:
	import frappe.app

	frappe.app._site = site
	frappe.app._sites_path = "."
	run_simple(
		host,
		port,
		frappe.app.application_with_statics(),
		use_reloader=False,
		use_debugger=False,
		threaded=True,
	)


if __name__ == "__main__":
	main(
		sys.argv[1],
		int(sys.argv[2]) if len(sys.argv) > 2 else 8000,
		sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1",
	)
