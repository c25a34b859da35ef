"""What a rule reports: a rule ID, the unit, and an English message template with its arguments."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
	rule: str
	unit: str
	message: str
	action: str
	args: dict = field(default_factory=dict)
	doctype: str | None = None  # the record it is on when that is not a unit (e.g. a Trade Union)

	def render(self, translate: Callable[[str], str] = lambda text: text) -> tuple[str, str]:
		"""The message and suggested action, translated by `translate`, with the arguments filled in.
		List arguments are names of things (systems, relations): each is translated, then joined."""
		args = {
			key: "、".join(translate(item) for item in value) if isinstance(value, list | tuple) else value
			for key, value in self.args.items()
		}
		return translate(self.message).format(**args), translate(self.action).format(**args)


def flag(rule: str, unit: str, message: str, action: str, **args) -> Violation:
	"""A flag on `unit`; its name is always available to the message as {unit}."""
	return Violation(rule=rule, unit=unit, message=message, action=action, args={"unit": unit, **args})
