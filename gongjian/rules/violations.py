"""What a rule reports: a rule ID, the unit, and an English message template with its arguments."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
	rule: str
	unit: str
	message: str
	action: str
	args: dict = field(default_factory=dict)

	def render(self, translate=lambda text: text) -> tuple[str, str]:
		"""The message and suggested action, translated by `translate`, with the arguments filled in."""
		return translate(self.message).format(**self.args), translate(self.action).format(**self.args)
