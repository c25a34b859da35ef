"""English words a Chinese-reading clerk would see on the page: its visible text and the placeholders
of visible inputs, less codes, addresses and a short list of proper nouns. (Hover tooltips are left
out: Frappe fills some with field names, which are not words to translate.)"""

import re

# Proper nouns and codes that stay Latin in a Chinese office: file formats and extensions, the
# superuser's name, key caps (the search bar's "Ctrl + G"), the date-format notation of a description.
ALLOWED = frozenset(
	{
		"Administrator",
		"PDF",
		"Excel",
		"CSV",
		"ID",
		"QR",
		"API",
		"URL",
		"xlsx",
		"csv",
		"Ctrl",
		"Shift",
		"Alt",
		"Esc",
		"YYYY",
	}
)
WORD = re.compile(r"(?<![A-Za-z0-9_@./-])[A-Za-z][A-Za-z'’]*[A-Za-z](?![A-Za-z0-9_@]|-\d)")
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|/\S+")

# innerText leaves out what CSS hides but not what is transparent: Frappe puts every field's name in a
# transparent .tooltip-content that only a developer's hover setting shows. Leave those out too.
TEXT_WITHOUT_TOOLTIPS_JS = """(element) => {
	if (!element) return null;
	const hide = document.createElement('style');
	hide.textContent = '.tooltip-content { display: none !important; }';
	document.head.appendChild(hide);
	const text = element.innerText;
	hide.remove();
	return text;
}"""
VISIBLE_TEXT_JS = f"""() => {{
	const parts = [({TEXT_WITHOUT_TOOLTIPS_JS})(document.body)];
	for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {{
		if (el.offsetParent !== null) parts.push(el.placeholder);
	}}
	return parts.join('\\n');
}}"""


def english_in(text: str) -> list[str]:
	text = NOT_WORDS.sub(" ", text or "")
	return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


# The names of the records on the page (a list's rows, the open form's) and of the files attached to
# the open form: identifiers, not words to translate. A hashed name such as "gfiaulbgkt" is all letters
# about one time in twenty-five, and Frappe adds six hashed letters to a file name already taken
# ("花名册dfdccd.xlsx").
RECORD_NAMES_JS = """() => [
	...((window.cur_list && cur_list.data) || []).map((row) => String(row.name)),
	...(window.cur_frm && cur_frm.doc ? [String(cur_frm.doc.name)] : []),
]"""
FILE_NAMES_JS = """() => {
	if (!window.cur_frm || !cur_frm.doc) return [];
	const attached = (cur_frm.fields || [])
		.filter((field) => ['Attach', 'Attach Image'].includes(field.df.fieldtype))
		.map((field) => cur_frm.doc[field.df.fieldname]);
	const docinfo = (cur_frm.get_docinfo && cur_frm.get_docinfo()) || {};
	const listed = (docinfo.attachments || []).map((file) => file.file_name || file.file_url);
	return [...attached, ...listed].filter(Boolean).map((url) => String(url).split('/').pop());
}"""


def english_words(page) -> list[str]:
	names = set(page.evaluate(RECORD_NAMES_JS))
	text = page.evaluate(VISIBLE_TEXT_JS)
	for file_name in sorted(set(page.evaluate(FILE_NAMES_JS)), key=len, reverse=True):
		text = text.replace(file_name, " ")
	return [word for word in english_in(text) if word not in names]
