from tests.reporting import SUMMARY_LINES


def pytest_terminal_summary(terminalreporter):
	for line in SUMMARY_LINES:
		terminalreporter.write_line(line)
