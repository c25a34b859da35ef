"""Members: R10 (no member is lost on an exit) and enrollment that leads to union building (以入会促建会)."""

from dataclasses import dataclass

from gongjian.rules.settings import PolicySettings
from gongjian.rules.units import CLOSED_STATUSES, RESTRUCTURING_STATUSES
from gongjian.rules.violations import Violation, flag

# R10: the exits after which a member's membership is transferred or retained.
TRANSFER_REASONS = (
	"Enterprise Restructuring",
	"Bankruptcy",
	"Diversion",
	"Layoff",
	"Waiting for Post",
	"Early Retirement",
	"Termination of Labour Relation",
	"Job Transfer",
)
ACTIVE_STATUSES = frozenset({"Member"})
# Memberships counted at the unit: in transfer (转接中) a member stays counted until the receiving union
# accepts.
AT_UNIT = ("Member", "Transferring")
AT_RISK_EMPLOYER_STATUSES = CLOSED_STATUSES | RESTRUCTURING_STATUSES
# Why a membership ended (R10): kept with the member and reviewable in the member register.
EXIT_REASONS = (
	"Left the Employer",
	"Retired",
	"Voluntary Withdrawal",
	"Deceased",
	"Registered by Mistake",
	"Other",
)
REGISTERED_BY_MISTAKE = "Registered by Mistake"


@dataclass(frozen=True)
class MemberState:
	union: str | None
	employer: str | None
	status: str
	exit_reason: str | None = None
	exit_note: str | None = None


def member_exit_error(old: MemberState, new: MemberState, employer_status: str | None) -> str | None:
	"""R10 (blocks) for an edit made outside a Membership Transfer: an English template, or None.

	The union and employer of a member change only by transfer; a member of a unit that closed or
	is restructuring cannot simply withdraw: the membership is transferred or retained."""
	if new.status == "Transferring" and old.status != "Transferring":
		return "R10: only a membership transfer puts a member in transfer"
	if old.status == "Transferring" and new.status != "Transferring":
		return "R10: a member in transfer stays so until the receiving union accepts or returns the transfer"
	if old.union and new.union != old.union:
		return "R10: a member leaves a union only through a membership transfer or retention"
	if old.employer and new.employer != old.employer and old.status in ACTIVE_STATUSES:
		return "R10: a member changes employer only through a membership transfer or retention"
	if (
		new.status == "Withdrawn"
		and old.status != "Withdrawn"
		and employer_status in AT_RISK_EMPLOYER_STATUSES
	):
		return "R10: the employer is closing or restructuring: transfer or retain this membership instead of withdrawing it"
	if new.status == "Withdrawn" and old.status != "Withdrawn":
		if new.exit_reason not in EXIT_REASONS:
			return "R10: a withdrawal needs its reason"
		if new.exit_reason == "Other" and not (new.exit_note or "").strip():
			return "R10: describe the reason for the withdrawal in the note"
	return None


def member_deletion_error(
	status: str, exit_reason: str | None, has_history: bool, employer_status: str | None
) -> str | None:
	"""R10 for deleting a member record: an English template ({0}: the member's name), or None.

	A membership is ended by withdrawal with its reason, never by deleting the record. Only a record
	withdrawn as registered by mistake may go (Frappe's Deleted Documents keep it, reason included)."""
	if member_at_risk(status, employer_status):
		return "R10: the employer is closing or restructuring: transfer or retain this membership instead of deleting it"
	if status != "Withdrawn":
		return "R10: member {0} is not deleted: withdraw the membership with its reason (Registered by Mistake for a record entered in error)"
	if exit_reason == REGISTERED_BY_MISTAKE:
		return None
	if has_history:
		return "Member {0} has history and cannot be deleted: change the membership status instead"
	return None


def member_at_risk(status: str, employer_status: str | None) -> bool:
	"""R10: a member still listed at a unit that closed or was restructured."""
	return status in ACTIVE_STATUSES and employer_status in AT_RISK_EMPLOYER_STATUSES


def check_enrollment_builds_union(
	employer: str,
	members_in_fallback: int,
	employer_has_union: bool,
	settings: PolicySettings,
	employer_closed: bool = False,
) -> Violation | None:
	"""以入会促建会: members of one employer gathered in the township fallback union reach the base
	union threshold, so that employer should set up its own union."""
	if employer_closed or employer_has_union or members_in_fallback < settings.base_union_min_staff:
		return None
	return flag(
		"R11",
		employer,
		"R11: {count} members from {unit} are held in the township members' home: enough for a union of its own",
		"Set up a base union committee in this unit and transfer these members to it",
		count=members_in_fallback,
	)
