from tests.translatable import all_strings, zh_translations


def test_every_user_facing_string_has_a_chinese_translation():
	translations = zh_translations()
	missing = sorted(s for s in all_strings() if s not in translations)
	assert not missing, "missing in gongjian/translations/zh.csv:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
	import re

	placeholder = re.compile(r"\{[a-z_0-9]*\}")
	for source, target in zh_translations().items():
		assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(target)), source


def test_translations_are_chinese():
	for source, target in zh_translations().items():
		assert target and target != source, source
