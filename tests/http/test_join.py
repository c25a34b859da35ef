"""Workers join from their phones (issue 14, gongjian/join.py), over real HTTP: a union's signed join
link, the application as a guest (checked, duplicates, rate limits, consent), its status page, approval
and rejection by a village user, the worker's e-card and its check; every guest door with a valid, a
stopped, a replaced and no token; and another village's user kept out."""

import json
import random
import re
from urllib.parse import parse_qs, urlsplit

import frappe
import pytest

from gongjian import join
from gongjian.join import APPLICATIONS_PER_ADDRESS, APPLICATIONS_PER_ID, join_token
from gongjian.member_card import masked_name
from gongjian.personal_data import full_value
from gongjian.rules.identifiers import mask_id_number
from tests import factories
from tests.http.conftest import server_messages, signed_in
from tests.http.world import grant, make_user


def worker_id(seed: int) -> str:
	from gongjian.rules.identifiers import id_check_char

	first17 = f"4301241995{seed % 12 + 1:02d}{seed % 28 + 1:02d}{seed % 1000:03d}"
	return first17 + id_check_char(first17)


_seeds = iter(random.sample(range(1, 100_000), 2000))


def fresh_id() -> str:
	number = worker_id(next(_seeds))
	while factories.id_registered("Membership Application", number) or factories.id_registered(
		"Union Member", number
	):
		number = worker_id(next(_seeds))
	return number


def address() -> str:
	return f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}"


@pytest.fixture(scope="module")
def town(site):
	# The limits count per ID number for a day in Redis, which outlives the test site: an earlier run on
	# this machine must not have spent this run's numbers.
	frappe.cache.delete_keys("rl:")
	township = factories.township()
	village = factories.village(township_name=township)
	other_village = factories.village(township_name=township)
	unit = factories.enterprise(village)
	other_unit = factories.enterprise(other_village)
	no_union_unit = factories.enterprise(village)
	union = factories.union("Base Union Committee", village, [unit])
	other_union = factories.union("Base Union Committee", other_village, [other_unit])
	home = (
		frappe.get_doc(
			{
				"doctype": "Trade Union",
				"union_name": factories.unique("会员之家"),
				"union_kind": "Members' Home",
				"township": township,
			}
		)
		.insert()
		.name
	)
	for name in (union, other_union, home):
		frappe.db.set_value("Trade Union", name, "join_key", frappe.generate_hash(length=12))
	clerk, other_clerk, manager = make_user("joinclerk"), make_user("joinother"), make_user("joinmanager")
	grant(manager, "Gongjian Manager")
	grant(clerk, "Village User", villages=[{"village": village}])
	grant(other_clerk, "Village User", villages=[{"village": other_village}])
	held = factories.member(other_union, other_unit, member_name="赵已入")
	frappe.db.commit()
	return frappe._dict(
		township=township,
		village=village,
		other_village=other_village,
		unit=unit,
		other_unit=other_unit,
		no_union_unit=no_union_unit,
		union=union,
		other_union=other_union,
		home=home,
		clerk=clerk,
		other_clerk=other_clerk,
		manager=manager,
		held_id=factories.whole_number("Union Member", held),
	)


def token_of(union: str) -> str:
	frappe.db.rollback()  # see what the server committed
	return join_token(union, frappe.db.get_value("Trade Union", union, "join_key"))


def form(town, **values) -> dict:
	return {
		"token": token_of(town.union),
		"applicant_name": "李春生",
		"id_number": fresh_id(),
		"phone": "13912345678",
		"employment_kind": "Migrant Worker",
		"employer": town.unit,
		"hometown": "湖南省平江县",
		"consent": "1",
		**values,
	}


def apply(client, values: dict, ip: str | None = None):
	return client.post(
		"/api/method/gongjian.join.apply", data=values, headers={"X-Forwarded-For": ip or address()}
	)


def applied(client, town, **values) -> dict:
	response = apply(client, form(town, **values))
	assert response.status_code == 200, (response.status_code, server_messages(response))
	return response.json()["message"]


def applications() -> int:
	frappe.db.rollback()
	return frappe.db.count("Membership Application")


# The join page and the application


def test_the_join_page_offers_the_unions_units_in_chinese(client, town):
	page = client.get("/join", params={"t": token_of(town.union)})
	assert page.status_code == 200, page.text[:300]
	assert "申请加入工会" in page.text and town.union in page.text and town.unit in page.text
	assert town.other_unit not in page.text and town.no_union_unit not in page.text
	assert "个人信息" in page.text and "我已阅读并同意" in page.text  # what is collected, and consent


def test_the_members_homes_page_offers_the_townships_units_no_union_covers(client, town):
	page = client.get("/join", params={"t": token_of(town.home)})
	assert page.status_code == 200 and town.no_union_unit in page.text
	assert town.unit not in page.text and town.other_unit not in page.text
	assert town.village in page.text  # a township's Members' Home asks for the village


def test_a_worker_applies_and_the_status_page_shows_only_a_masked_name(client, town):
	number = fresh_id()
	result = applied(client, town, id_number=number.lower())
	assert re.fullmatch(r"SQ\d{10}", result["application"]), result
	frappe.db.rollback()
	stored = frappe.get_doc("Membership Application", result["application"])
	assert (stored.status, full_value(stored, "id_number"), stored.village, stored.union) == (
		"Awaiting Approval",
		number,
		town.village,
		town.union,
	)
	assert stored.id_number == mask_id_number(number)  # kept masked (个人信息保护法)
	assert stored.consent == 1 and stored.consent_on and "敏感个人信息" in stored.consent_text
	status = client.get(urlsplit(result["status_url"]).path, params={"no": result["application"]})
	assert status.status_code == 200 and "等待工会审核" in status.text
	assert masked_name("李春生") in status.text and "李春生" not in status.text
	assert number not in status.text and "13912345678" not in status.text


@pytest.mark.parametrize(
	"values, said",
	[
		({"id_number": "430124199501010000"}, "身份证号"),  # check digit
		({"id_number": "43012420990101001X"}, "身份证号"),  # born in the future
		({"phone": "12345"}, "手机号"),
		({"phone": "0571-88886666"}, "手机号"),  # a landline opens no e-card
		({"consent": "0"}, "同意"),
		({"consent": None}, "同意"),
		({"applicant_name": ""}, "申请人姓名"),
		({"applicant_name": "李" * 41}, "申请人姓名"),
		({"applicant_name": "<script>alert(1)</script>"}, "申请人姓名"),
		({"employer": "not-a-unit"}, "工作单位"),
		({"employer": "", "employer_name": ""}, "工作单位"),
		({"employment_kind": "Boss"}, "用工类型"),
		({"hometown": "x" * 5000}, "户籍地"),
		# a formula a clerk's export would run, text turned around, control characters
		({"applicant_name": '=HYPERLINK("http://e.x","李")'}, "公式"),
		({"hometown": "@SUM(1)"}, "公式"),
		({"applicant_name": "李\u202e反转"}, "反转"),
		({"hometown": "平江\x0b县"}, "控制字符"),
		# an argument missing altogether: a Chinese answer, not the server's error
		({"id_number": None}, "id_number"),
		({"token": None}, "token"),
	],
)
def test_bad_input_is_refused_in_chinese_and_saves_nothing(client, town, values, said):
	before = applications()
	values = {key: value for key, value in form(town, **values).items() if value is not None}
	response = apply(client, values)
	assert response.status_code == 417, (response.status_code, response.text[:300])
	message = server_messages(response)
	assert said in message and re.search(r"[\u4e00-\u9fff]", message), message
	assert "Traceback" not in response.text
	assert applications() == before


def test_an_unknown_employer_elsewhere_is_refused(client, town):
	# a unit of the township that the union does not cover is not the worker's to choose
	response = apply(client, form(town, employer=town.other_unit))
	assert response.status_code == 417 and "列表" in server_messages(response)


def test_a_duplicate_is_answered_without_naming_the_union_that_holds_it(client, town):
	member = apply(client, form(town, id_number=town.held_id))
	assert member.status_code == 417
	message = server_messages(member)
	assert "已登记为工会会员" in message and town.other_union not in message and "赵" not in message
	number = fresh_id()
	applied(client, town, id_number=number)
	again = apply(client, form(town, id_number=number))
	assert again.status_code == 417 and "等待审核" in server_messages(again)


def test_applying_is_limited_per_id_number_and_per_address(client, town):
	number = fresh_id()
	answers = [apply(client, form(town, id_number=number)).status_code for _ in range(APPLICATIONS_PER_ID)]
	assert answers[0] == 200 and set(answers[1:]) == {417}  # the rest are duplicates
	assert apply(client, form(town, id_number=number)).status_code == 429
	ip = address()
	statuses = [
		apply(client, form(town, phone="abc"), ip=ip).status_code for _ in range(APPLICATIONS_PER_ADDRESS)
	]
	assert set(statuses) == {417}
	limited = apply(client, form(town), ip=ip)
	assert limited.status_code == 429, limited.status_code
	assert apply(client, form(town)).status_code == 200  # another address applies


# The link: valid, stopped, replaced, forged, none


def test_a_stopped_or_replaced_or_forged_link_takes_nothing(client, town, server, site):
	old = token_of(town.other_union)
	with signed_in(server, site, town.other_clerk) as clerk:
		made = clerk.post("/api/method/gongjian.join.new_join_link", data={"union": town.other_union})
		assert made.ok, server_messages(made)
		new = parse_qs(urlsplit(made.json()["message"]).query)["t"][0]
		assert new != old
		before = applications()
		for token in (old, old[:-1] + "0", "", "x" * 500, join_token(town.other_union, "guess")):
			page = client.get("/join", params={"t": token})
			assert page.status_code == 404 and "已失效" in page.text and town.other_union not in page.text
			values = {**form(town, employer=town.other_unit), "token": token}
			refused = apply(client, values)
			assert refused.status_code == 417 and "已失效" in server_messages(refused)
		assert client.get("/join").status_code == 404
		assert applications() == before
		assert client.get("/join", params={"t": new}).status_code == 200
		assert clerk.post("/api/method/gongjian.join.stop_join_link", data={"union": town.other_union}).ok
		assert client.get("/join", params={"t": new}).status_code == 404


def test_another_villages_clerk_cannot_make_stop_or_print_a_unions_link(server, site, town):
	with signed_in(server, site, town.other_clerk) as clerk:
		for method in ("new_join_link", "stop_join_link"):
			response = clerk.post(f"/api/method/gongjian.join.{method}", data={"union": town.union})
			assert response.status_code == 403, (method, response.status_code)
		poster = clerk.get(
			"/api/method/frappe.www.printview.get_html_and_style",
			params={"doc": "Trade Union", "name": town.union, "print_format": "Join Poster"},
		)
		assert poster.status_code == 403 and token_of(town.union) not in poster.text


def test_the_clerks_poster_holds_the_join_link(server, site, town):
	with signed_in(server, site, town.clerk) as clerk:
		poster = clerk.get(
			"/api/method/frappe.www.printview.get_html_and_style",
			params={"doc": "Trade Union", "name": town.union, "print_format": "Join Poster"},
		)
		assert poster.ok, poster.text[:300]
		html = poster.json()["message"]["html"]
		assert "扫码加入工会" in html and "<svg" in html and token_of(town.union) in html


# Approval, the e-card and its check


def test_a_clerk_approves_and_the_worker_opens_a_card_that_checks_valid(client, server, site, town):
	number = fresh_id()
	application = applied(client, town, id_number=number, applicant_name="周晓梅")["application"]
	with signed_in(server, site, town.clerk) as clerk:
		listed = clerk.get(
			"/api/resource/Membership Application",
			params={"filters": f'[["name", "=", "{application}"]]', "fields": '["name", "id_number"]'},
		)
		assert listed.json()["data"] == [{"name": application, "id_number": mask_id_number(number)}]
		approved = clerk.post("/api/method/gongjian.join.approve", data={"names": f'["{application}"]'})
		assert approved.ok, server_messages(approved)
		outcome = approved.json()["message"]["outcomes"][application]
		assert outcome["status"] == "Approved" and outcome["card_number"].startswith("GH")
	frappe.db.rollback()
	stored = frappe.get_doc("Membership Application", application)
	assert (stored.status, stored.decided_by) == ("Approved", town.clerk) and stored.decided_on
	member = frappe.get_doc("Union Member", stored.member)
	assert (member.member_name, full_value(member, "id_number"), member.union, member.employer) == (
		"周晓梅",
		number,
		town.union,
		town.unit,
	)
	assert member.join_channel == "At Employer" and member.enrollment_batch and member.migrant
	assert member.card_number == outcome["card_number"] and member.hometown == "湖南省平江县"
	status = client.get("/join-status", params={"no": application})
	assert "已批准" in status.text and "/my-card" in status.text

	card = client.post(
		"/api/method/gongjian.join.open_card",
		data={"application": application, "id_number": number, "phone": "139 1234 5678"},
		headers={"X-Forwarded-For": address()},
	)
	assert card.ok, server_messages(card)
	shown = card.json()["message"]
	assert (shown["name"], shown["card_number"], shown["union"]) == ("周晓梅", member.card_number, town.union)
	assert shown["valid"] and shown["status"] == "会员" and "<svg" in shown["qr"]
	from gongjian.member_card import card_check_url

	check = client.get(
		urlsplit(card_check_url(member.card_number)).path,
		params=parse_qs(urlsplit(card_check_url(member.card_number)).query),
	)
	assert "会员证有效" in check.text and masked_name("周晓梅") in check.text

	wrong = [
		{"application": application, "id_number": number, "phone": "13900000000"},
		{"application": application, "id_number": fresh_id(), "phone": "13912345678"},
		{"application": "SQ0000000000", "id_number": number, "phone": "13912345678"},
		{"application": application, "id_number": number, "phone": "<b>"},
	]
	messages = set()
	for details in wrong:
		response = client.post(
			"/api/method/gongjian.join.open_card", data=details, headers={"X-Forwarded-For": address()}
		)
		assert response.status_code == 417 and "周晓梅" not in response.text
		messages.add(server_messages(response))
	assert messages == {"没有与这些信息相符的已批准申请"}, messages


def test_opening_a_card_is_limited_per_application(client, town):
	application = applied(client, town)["application"]
	statuses = [
		client.post(
			"/api/method/gongjian.join.open_card",
			data={"application": application, "id_number": fresh_id(), "phone": "13912345678"},
			headers={"X-Forwarded-For": address()},
		).status_code
		for _ in range(join.CARD_OPENINGS_PER_APPLICATION + 1)
	]
	assert set(statuses[:-1]) == {417} and statuses[-1] == 429, statuses


def test_a_clerk_rejects_with_a_reason_and_a_decision_stands(client, server, site, town):
	application = applied(client, town)["application"]
	with signed_in(server, site, town.clerk) as clerk:
		bare = clerk.post("/api/method/gongjian.join.reject", data={"names": application, "reason": " "})
		assert bare.status_code == 417 and "理由" in server_messages(bare)
		done = clerk.post(
			"/api/method/gongjian.join.reject", data={"names": application, "reason": "不在本村工作"}
		)
		assert done.ok and done.json()["message"]["rejected"] == 1
		again = clerk.post("/api/method/gongjian.join.approve", data={"names": application})
		assert again.status_code == 417 and "已审核" in server_messages(again)
		# chosen in bulk beside a pending one: the pending one is approved, the decided one said
		pending = applied(client, town)["application"]
		both = clerk.post(
			"/api/method/gongjian.join.approve", data={"names": json.dumps([application, pending])}
		)
		assert both.ok, server_messages(both)
		answer = both.json()["message"]
		assert answer["approved"] == 1 and answer["outcomes"][pending]["status"] == "Approved"
		assert answer["outcomes"][application]["status"] == "Already Decided"
		assert "已审核" in answer["outcomes"][application]["reason"]
		edited = clerk.put(
			f"/api/resource/Membership Application/{application}", json={"applicant_name": "改名"}
		)
		assert edited.status_code == 417
	status = client.get("/join-status", params={"no": application})
	assert "未获批准" in status.text and "不在本村工作" in status.text  # the clerk's reason, for the worker


def test_the_decision_is_not_typed_into_the_form(client, server, site, town):
	application = applied(client, town)["application"]
	with signed_in(server, site, town.clerk) as clerk:
		for values in ({"status": "Approved"}, {"member": "x"}, {"consent": 0}):
			response = clerk.put(f"/api/resource/Membership Application/{application}", json=values)
			assert response.status_code in (403, 417), (values, response.status_code)
	frappe.db.rollback()
	assert frappe.db.get_value("Membership Application", application, "status") == "Awaiting Approval"


def test_approval_through_the_members_home_counts_for_its_employer(client, server, site, town):
	"""以入会促建会 (R11): a worker of a unit without a union joins the township's Members' Home naming
	the unit. The town approves: a village's clerk sees the application but enrolls in village unions."""
	from gongjian import member_counts

	frappe.db.rollback()
	before = member_counts.members_by_unit_in_unions(["Member"], ["Members' Home"]).get(town.no_union_unit, 0)
	values = form(town, token=token_of(town.home), employer=town.no_union_unit)
	application = apply(client, values).json()["message"]["application"]
	with signed_in(server, site, town.clerk) as clerk:
		held = clerk.post("/api/method/gongjian.join.approve", data={"names": application})
		assert held.json()["message"]["outcomes"][application]["status"] == "Awaiting Approval"
	with signed_in(server, site, town.manager) as manager:
		done = manager.post("/api/method/gongjian.join.approve", data={"names": application})
		assert done.json()["message"]["approved"] == 1, done.text[:300]
	frappe.db.rollback()
	after = member_counts.members_by_unit_in_unions(["Member"], ["Members' Home"]).get(town.no_union_unit, 0)
	assert after == before + 1


def test_another_villages_clerk_neither_sees_nor_decides(client, server, site, town):
	application = applied(client, town)["application"]
	with signed_in(server, site, town.other_clerk) as other:
		assert other.get(f"/api/resource/Membership Application/{application}").status_code == 403
		listed = other.get("/api/resource/Membership Application", params={"limit_page_length": 0})
		assert application not in listed.text
		for method, data in (
			("approve", {"names": application}),
			("reject", {"names": application, "reason": "x"}),
		):
			response = other.post(f"/api/method/gongjian.join.{method}", data=data)
			# answered as for an application that does not exist (test_existence_oracle)
			assert response.status_code == 404, (method, response.status_code)
	frappe.db.rollback()
	assert frappe.db.get_value("Membership Application", application, "status") == "Awaiting Approval"


def test_guests_reach_nothing_else_through_the_join_doors(client, town):
	application = applied(client, town)["application"]
	for method in ("approve", "reject", "new_join_link", "stop_join_link"):
		response = client.post(
			f"/api/method/gongjian.join.{method}", data={"names": application, "union": town.union}
		)
		assert response.status_code == 403, (method, response.status_code)
	assert client.get(f"/api/resource/Membership Application/{application}").status_code == 403
	assert client.get("/api/resource/Membership Application").status_code == 403
	for path in ("/join/../app/membership-application", "/join.py", "/joinx", "/my-card/../app"):
		response = client.get(path, allow_redirects=False)
		assert response.status_code != 200 or "申请" in response.text or "会员证" in response.text, path
	assert client.get("/my-card").status_code == 200
	unknown = client.get("/join-status", params={"no": "SQ0000000000"})
	assert unknown.status_code == 200 and "没有这个编号的申请" in unknown.text


# Every guest door, with a valid, a stopped, a replaced and no token (the access matrix of the join page)

GUEST_DOORS = ("join page", "apply")
TOKEN_STATES = ("valid", "stopped", "replaced", "none")


@pytest.fixture(scope="module")
def token_states(town):
	"""A union per token state, so that the states do not disturb the other tests' links."""
	states = {}
	for state in TOKEN_STATES:
		unit = factories.enterprise(town.village)
		union = factories.union("Base Union Committee", town.village, [unit])
		frappe.db.set_value("Trade Union", union, "join_key", frappe.generate_hash(length=12))
		token = join_token(union, frappe.db.get_value("Trade Union", union, "join_key"))
		if state == "stopped":
			frappe.db.set_value("Trade Union", union, "join_key", None)
		elif state == "replaced":
			frappe.db.set_value("Trade Union", union, "join_key", frappe.generate_hash(length=12))
		states[state] = frappe._dict(union=union, unit=unit, token="" if state == "none" else token)
	frappe.db.commit()
	return states


@pytest.mark.parametrize("state", TOKEN_STATES)
@pytest.mark.parametrize("door", GUEST_DOORS)
def test_guest_door_by_token_state(client, town, token_states, door, state):
	case = token_states[state]
	open_ = state == "valid"
	if door == "join page":
		page = client.get("/join", params={"t": case.token} if case.token else None)
		assert page.status_code == (200 if open_ else 404), page.status_code
		assert (case.unit in page.text) == open_ and (case.union in page.text) == open_
		return
	before = applications()
	response = apply(client, form(town, token=case.token, employer=case.unit))
	assert response.status_code == (200 if open_ else 417), server_messages(response)
	assert applications() == before + int(open_)


def test_the_guest_methods_are_exactly_the_known_ones():
	"""A new allow_guest method is a new door: it is added to this list on purpose, with its tests."""
	from gongjian.overrides import GUEST_METHODS

	ours = {method for method in GUEST_METHODS if method.startswith("gongjian.")}
	assert ours == {"gongjian.join.apply", "gongjian.join.open_card"}
	import gongjian.join

	guest_callables = {
		f"gongjian.join.{name}"
		for name, function in vars(gongjian.join).items()
		if callable(function) and function in frappe.guest_methods
	}
	assert guest_callables == ours


def test_the_per_id_limit_counts_an_id_number_however_it_is_typed(client, town):
	number = fresh_id()
	while not number.endswith("X"):
		number = fresh_id()
	typed = [number.lower(), f" {number} ", number] * APPLICATIONS_PER_ID
	statuses = [apply(client, form(town, id_number=variant)).status_code for variant in typed]
	assert statuses[0] == 200 and statuses[APPLICATIONS_PER_ID] == 429, statuses


# Attacker review (outside session): what it found, kept found


def test_a_unit_name_with_quotes_is_text_on_the_join_page(client, town):
	"""A clerk named a unit `x" onanimationstart="…"`: the join page printed it unescaped into an
	attribute, and the script ran for every worker scanning the poster."""
	payload = 'Unit" style="animation:blink 1s" onanimationstart="document.title=1'
	unit = factories.enterprise(town.village, enterprise_name=factories.unique(payload))
	union = factories.union("Base Union Committee", town.village, [unit])
	frappe.db.set_value("Trade Union", union, "join_key", "xss-key")
	frappe.db.commit()
	page = client.get("/join", params={"t": join_token(union, "xss-key") + '"><b>'})
	assert page.status_code == 404  # a token with markup is no token
	page = client.get("/join", params={"t": join_token(union, "xss-key")})
	assert page.status_code == 200 and 'onanimationstart="' not in page.text
	assert "onanimationstart=&#34;" in page.text or "onanimationstart=&quot;" in page.text


def test_opening_a_card_is_limited_per_application_however_the_number_is_typed(client, town):
	application = applied(client, town)["application"]
	variants = [application, application.lower(), f" {application}  ", application.replace("SQ", "Ｓｑ")]
	statuses = [
		client.post(
			"/api/method/gongjian.join.open_card",
			data={
				"application": variants[i % len(variants)],
				"id_number": fresh_id(),
				"phone": "13912345678",
			},
			headers={"X-Forwarded-For": address()},
		).status_code
		for i in range(join.CARD_OPENINGS_PER_APPLICATION + 1)
	]
	assert set(statuses[:-1]) == {417} and statuses[-1] == 429, statuses


def test_broken_names_and_unknown_unions_get_clear_answers(server, site, town):
	with signed_in(server, site, town.clerk) as clerk:
		broken = clerk.post("/api/method/gongjian.join.approve", data={"names": '["x"'})
		assert broken.status_code == 417 and "Traceback" not in broken.text
		missing = clerk.post("/api/method/gongjian.join.new_join_link", data={"union": "没有这个工会"})
		hidden = clerk.post("/api/method/gongjian.join.new_join_link", data={"union": town.other_union})
		assert missing.status_code == hidden.status_code == 403
		assert server_messages(missing) == server_messages(hidden)
		typed = clerk.put(f"/api/resource/Trade Union/{town.union}", json={"join_key": "chosen"})
		assert typed.status_code == 417
	frappe.db.rollback()
	assert frappe.db.get_value("Trade Union", town.union, "join_key") != "chosen"


def website_user(label: str) -> str:
	"""A worker's own account on the site: no desk role (Frappe makes it a Website User)."""
	email = make_user(label)
	frappe.db.set_value("User", email, "user_type", "Website User")  # as signing up on the site makes it
	frappe.db.commit()
	return email


def test_a_worker_signed_in_with_their_own_account_keeps_the_card_on_it(client, server, site, town):
	number = fresh_id()
	application = applied(client, town, id_number=number, applicant_name="韩梅梅")["application"]
	with signed_in(server, site, town.clerk) as clerk:
		assert clerk.post("/api/method/gongjian.join.approve", data={"names": f'["{application}"]'}).ok
	worker, stranger = website_user("cardworker"), website_user("cardstranger")
	with signed_in(server, site, worker) as own:
		page = own.get("/my-card")
		assert page.ok and "保存到账号" in page.text and "const keptCard = null" in page.text
		card = own.post(
			"/api/method/gongjian.join.open_card",
			data={"application": application, "id_number": number, "phone": "13912345678"},
			headers={"X-Forwarded-For": address()},
		)
		assert card.ok, server_messages(card)
		again = own.get("/my-card")  # next time: at once, from the account
		assert card.json()["message"]["card_number"] in again.text
		assert "韩梅梅" in again.text and "\\u003csvg" in again.text  # the QR drawing, kept inside the script
	with signed_in(server, site, stranger) as other:
		page = other.get("/my-card")
		assert page.ok and card.json()["message"]["card_number"] not in page.text
	assert client.get("/my-card").status_code == 200  # a guest still opens it with the three details
	frappe.db.rollback()
	member = frappe.db.get_value("Membership Application", application, "member")
	assert frappe.db.get_value("Union Member", member, "website_user") == worker
