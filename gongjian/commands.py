"""bench commands of the app: `bench --site SITE gongjian-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("gongjian-demo")
@pass_context
def gongjian_demo(context):
	"""Load the deterministic demo town (skipped when it is there already)."""
	import frappe

	from gongjian.demo import load_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if not load_demo():
			click.echo("demo town already loaded")
	finally:
		frappe.destroy()


commands = [gongjian_demo]
