"""Lines a test wants shown at the end of the run even when it passes (pytest captures print)."""

SUMMARY_LINES: list[str] = []
