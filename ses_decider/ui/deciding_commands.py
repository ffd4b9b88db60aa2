"""Steps of "Decide well" that change the table as well as the records: each is one undo step.

A factor of one's own made from a reason, a lean kept from the friend's view and a premortem's
one-click change are the session's own edits (undoable, autosaved, shown in the table at once);
where a record changes too, both go in one undo macro, so Undo takes back the whole step.
"""

from __future__ import annotations

from datetime import date

from ses_decider.core.deciding import Experiment, FriendView, OwnReason
from ses_decider.core.model import LEAN_MAX, LEAN_MIN, WEIGHT_MAX, WEIGHT_MIN, Factor
from ses_decider.ops import deciding as ops
from ses_decider.ui.session import Session


class DecidingCommands:
    def __init__(self, session: Session):
        self.session = session

    @property
    def person_id(self) -> int:
        return self.session.person.id

    def make_own_factor(self, reason: OwnReason, factor: Factor) -> None:
        """Add the factor to the table and note that it came from this reason (one undo step)."""
        stack = self.session.undo_stack
        stack.beginMacro(f"Make \u201c{factor.title}\u201d a factor of your own")
        try:
            self.session.add_factor(factor)
            self.session.run(
                ops.link_reason_to_own_factor,
                self.person_id,
                reason.id,
                factor.id,
                undo_text="Reason to factor",
            )
        finally:
            stack.endMacro()

    def keep_friend_answer(self, view: FriendView, factor_id: str) -> None:
        """Take the lean given for the friend as the person's own (one undo step)."""
        stack = self.session.undo_stack
        title = self.session.assessment.factor(factor_id).title
        stack.beginMacro(f"Keep your friend's answer for {title}")
        try:
            self.session.set_lean(factor_id, view.leans[factor_id])
            self.session.run(
                ops.keep_answer, self.person_id, view.id, factor_id, "friend", undo_text="Kept"
            )
        finally:
            stack.endMacro()

    def keep_own_answer(self, view: FriendView, factor_id: str) -> None:
        self.session.run(
            ops.keep_answer,
            self.person_id,
            view.id,
            factor_id,
            "own",
            undo_text="Keep your own answer",
        )

    def nudge(self, factor_id: str, field: str, delta: float) -> None:
        """The premortem's one click: a factor's lean or weight a point up or down, as a normal
        edit of the table. A factor not rated yet starts from the middle (lean 0, weight 5)."""
        rating = self.session.assessment.ratings[factor_id]
        if field == "lean":
            start = 0.0 if rating.lean is None else rating.lean
            self.session.set_lean(factor_id, min(LEAN_MAX, max(LEAN_MIN, start + delta)))
        else:
            start = 5.0 if rating.weight is None else rating.weight
            self.session.set_weight(factor_id, min(WEIGHT_MAX, max(WEIGHT_MIN, start + delta)))

    def finish_experiment(self, experiment: Experiment, learned: str, today: date) -> None:
        """Done: a snapshot of the table as it stands now (re-rated), labelled with the trial."""
        self.session.flush()
        self.session.run(
            ops.finish_experiment,
            self.person_id,
            experiment.id,
            self.session.assessment.copy(),
            learned,
            today.isoformat(),
            undo_text=f"Finish \u201c{experiment.title}\u201d",
        )
