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


@click.command("gongjian-benchmark")
@click.option("--townships", default=20, help="20 townships is county scale: 20,000 units, 600,000 members")
@click.option("--runs", default=3, help="Timed runs of each report and query; the median is printed")
@pass_context
def gongjian_benchmark(context, townships, runs):
	"""Time each report against a hand-written SQL aggregate on a bulk-loaded dataset (use a scratch site)."""
	import frappe

	from gongjian.benchmark import run

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		run(townships=townships, runs=runs)
	finally:
		frappe.destroy()


@click.command("gongjian-benchmark-enrollment")
@click.option("--rows", default=10_000, help="Roster size; the same number goes through Data Import")
@pass_context
def gongjian_benchmark_enrollment(context, rows):
	"""Rows per second of an Enrollment Batch against Frappe's Data Import (use a scratch site)."""
	import frappe

	from gongjian.benchmark_enrollment import run

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		run(rows=rows)
	finally:
		frappe.destroy()


@click.command("gongjian-demo-accounts")
@click.option("--password", required=True, help="Password of every demo account (reset when they exist)")
@pass_context
def gongjian_demo_accounts(context, password):
	"""One account per role on the demo town: manager, viewer, village, enterprise, organizer."""
	import frappe

	from gongjian.demo import ensure_demo_accounts

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		for login, full_name, role in ensure_demo_accounts(password):
			click.echo(f"  {login:<32} {full_name:<10} {role}")
	finally:
		frappe.destroy()


@click.command("gongjian-benchmark-load")
@click.option("--users", default=50, help="Scoped users working at once (accounts load-NNN@example.com)")
@click.option("--seconds", default=60, help="How long each server is loaded")
@click.option("--workers", default=0, help="gunicorn workers (default 2 x cores + 1, as production mode)")
@pass_context
def gongjian_benchmark_load(context, users, seconds, workers):
	"""p50/p95 per action, throughput, errors and scope leaks under N users: production vs development server."""
	import frappe

	from gongjian.benchmark_load import run

	frappe.init(site=get_site(context))
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		run(users=users, seconds=seconds, workers=workers or None)
	finally:
		frappe.destroy()


commands = [
	gongjian_demo,
	gongjian_demo_accounts,
	gongjian_benchmark,
	gongjian_benchmark_enrollment,
	gongjian_benchmark_load,
]
