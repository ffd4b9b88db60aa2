"""Your own reasons first, then "did you miss?".

A reason is written in the person's words and matched to a factor by `core.reasons.match_reason`;
the match is only a suggestion until the person confirms it, picks another factor, or makes the
reason a factor of their own (added to the table through the session, so it is undoable).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding import OwnReason, answered_prompt_ids, covered_factor_ids
from ses_decider.core.deciding_content import MissPrompt, deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.core.reasons import match_reason, missed_prompts, own_title
from ses_decider.ops import deciding as ops
from ses_decider.ui.deciding_commands import DecidingCommands
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import (
    add_shown,
    card,
    clear_layout,
    factor_combo,
    keeping_focus,
    step_heading,
    wrapped,
)

SIDE_LABELS = {"for": "For going for the SES", "against": "Against going for the SES"}


def side_combo(name: str) -> QComboBox:
    combo = QComboBox()
    for side, label in SIDE_LABELS.items():
        combo.addItem(label, side)
    combo.setAccessibleName(name)
    return combo


def own_factor_dialog(reason: OwnReason, title: str, taken: set[str], parent: QWidget):
    """The factor dialog filled in from a reason: a title, and the reason on its side; the person
    writes the other side."""
    from ses_decider.ui.dialogs import FactorDialog

    dialog = FactorDialog(taken, parent)
    dialog.title_edit.setText(title[:60])
    (dialog.pro_edit if reason.side == "for" else dialog.con_edit).setText(reason.text)
    return dialog


def prompt_of(prompt_id: str | None) -> MissPrompt | None:
    return next((p for p in deciding_content().prompts if p.id == prompt_id), None)


class ReasonsPanel(QWidget):
    """Write reasons, see the matched factor, confirm or change it, or make it a factor."""

    def __init__(self, session: Session, commands: DecidingCommands, parent=None):
        super().__init__(parent)
        self.session, self.commands = session, commands
        content = deciding_content()
        self.text = QLineEdit()
        self.text.setPlaceholderText("A reason, in your own words")
        self.text.setAccessibleName("Your reason, in your own words")
        self.text.returnPressed.connect(self.add_reason)
        self.side = side_combo("Is this reason for or against the SES?")
        self.add_button = QPushButton("Add reason")
        self.add_button.setAccessibleName("Add this reason")
        self.add_button.clicked.connect(self.add_reason)
        self.error = wrapped("", "errorText")
        form = QHBoxLayout()
        form.addWidget(self.text, 1)
        form.addWidget(self.side)
        form.addWidget(self.add_button)
        self.list_layout = QVBoxLayout()
        self.empty = wrapped(
            "No reasons yet. Write one above: the table works without them, too.", "emptyText"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("own_reasons")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addLayout(self.list_layout)
        layout.addStretch(1)
        self.cards: dict[str, QWidget] = {}

    def add_reason(self) -> None:
        """The reason written in the form above the list."""
        if not self.text.text().strip():
            self.error.setText("Write the reason first.")
            return
        self.error.setText("")
        if self.add(self.text.text(), self.side.currentData()):
            self.text.clear()

    def add(self, text: str, side: str, prompt_id: str | None = None) -> bool:
        """Store a reason (unmatched: the person confirms the suggested factor)."""
        reason = OwnReason(text, side, prompt_id=prompt_id)
        result = self.session.run(
            ops.put_record, self.session.person.id, reason, undo_text="Add a reason"
        )
        return result is not None

    def show_records(self, records: DecidingRecords) -> None:
        keeping_focus(self, lambda: self._rebuild(records))

    def _rebuild(self, records: DecidingRecords) -> None:
        clear_layout(self.list_layout)
        self.cards = {}
        self.empty.setVisible(not records.own_reasons)
        for reason in records.own_reasons:
            frame = self._card(reason)
            self.cards[reason.id] = frame
            add_shown(self.list_layout, frame)

    def _card(self, reason: OwnReason) -> QWidget:
        assessment = self.session.assessment
        frame, layout = card()
        frame.setAccessibleName(f"Reason: {reason.text}")
        side = "for" if reason.side == "for" else "against"
        layout.addWidget(
            wrapped(f"<b>{escape(reason.text)}</b> <i>({side} the SES)</i>", rich=True)
        )
        row = QHBoxLayout()
        combo = factor_combo(
            assessment,
            reason.matched_factor_id,
            f"Factor for the reason {reason.text}",
            "Not matched yet",
        )
        combo.activated.connect(lambda _i, c=combo, r=reason: self._choose(r, c.currentData()))
        row.addWidget(wrapped("Counts toward:"))
        row.addWidget(combo, 1)
        status = wrapped("", "matchText")
        if reason.matched_factor_id is None:
            best = self.suggestion(reason)
            if best is not None:
                fid, title = best
                status.setText(f"Suggested: {title}")
                use = QPushButton(f"Use {title}")
                use.setAccessibleName(f"Match the reason {reason.text} to {title}")
                use.clicked.connect(lambda _=False, r=reason, f=fid: self._choose(r, f))
                row.addWidget(use)
            else:
                status.setText("No factor in the table matches it: make it a factor of your own.")
        elif reason.custom_factor_id is not None:
            status.setText("A factor of your own, made from this reason.")
        make = QPushButton("Make it a factor of my own\u2026")
        make.setAccessibleName(f"Make the reason {reason.text} a factor of your own")
        make.clicked.connect(lambda _=False, r=reason: self.make_own(r))
        # Again possible once the factor it became has been taken off the table.
        make.setEnabled(reason.custom_factor_id not in assessment.ratings)
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove the reason {reason.text}")
        remove.clicked.connect(lambda _=False, r=reason: self._remove(r))
        row.addWidget(make)
        row.addWidget(remove)
        layout.addLayout(row)
        layout.addWidget(status)
        return frame

    def suggestion(self, reason: OwnReason) -> tuple[str, str] | None:
        """(id, title) of the factor the reason seems to be about: the best match of its words,
        else the first factor of the prompt it answers that is on the table; None: make it own."""
        shown = [f for f, _ in self.session.assessment.shown()]
        best = match_reason(reason.text, shown).best
        if best is not None:
            return best.factor_id, best.title
        prompt = prompt_of(reason.prompt_id)
        titles = {f.id: f.title for f in shown}
        for factor_id in prompt.factor_ids if prompt else ():
            if factor_id in titles:
                return factor_id, titles[factor_id]
        return None

    def _choose(self, reason: OwnReason, factor_id: str | None) -> None:
        if factor_id == reason.matched_factor_id:
            return
        self.session.run(
            ops.match_reason_to,
            self.session.person.id,
            reason.id,
            factor_id,
            undo_text="Match a reason",
        )

    def _remove(self, reason: OwnReason) -> None:
        self.session.run(
            ops.remove_record,
            self.session.person.id,
            "own_reason",
            reason.id,
            undo_text="Remove a reason",
        )

    def make_own(self, reason: OwnReason) -> None:
        """Open the factor dialog filled in from the reason; OK adds it to the table. A reason that
        answers a "did you miss?" prompt takes the prompt's title for such a factor."""
        taken = {f.id for f in self.session.assessment.factors}
        prompt = prompt_of(reason.prompt_id)
        title = (prompt.own_factor if prompt else "") or own_title(reason.text)
        dialog = own_factor_dialog(reason, title, taken, self.window())
        if dialog.exec():
            self.commands.make_own_factor(reason, dialog.factor())


class MissedPanel(QWidget):
    """ "Did you miss?": by category, only the prompts not covered by reasons or the table."""

    def __init__(self, session: Session, reasons: ReasonsPanel, parent=None):
        super().__init__(parent)
        self.session, self.reasons = session, reasons
        content = deciding_content()
        self.groups_layout = QVBoxLayout()
        self.all_covered = wrapped(
            "Nothing left to ask: your reasons and your table cover every topic.", "emptyText"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("did_you_miss")))
        layout.addWidget(self.all_covered)
        layout.addLayout(self.groups_layout)
        layout.addStretch(1)
        self.prompt_ids: list[str] = []

    def covered(self, records: DecidingRecords) -> set[str]:
        """Factors covered by a reason, or weighed on the table (rated, weight above 0)."""
        weighed = {f.id for f, r in self.session.assessment.active() if r.weight > 0}
        return covered_factor_ids(records.own_reasons) | weighed

    def show_records(self, records: DecidingRecords) -> None:
        keeping_focus(self, lambda: self._rebuild(records))

    def _rebuild(self, records: DecidingRecords) -> None:
        clear_layout(self.groups_layout)
        groups = missed_prompts(self.covered(records), answered_prompt_ids(records.own_reasons))
        self.prompt_ids = [p.id for g in groups for p in g.prompts]
        self.all_covered.setVisible(not groups)
        for group in groups:
            box = QGroupBox(group.category.title)
            inner = QVBoxLayout(box)
            for prompt in group.prompts:
                inner.addWidget(self._prompt(prompt))
            add_shown(self.groups_layout, box)

    def _prompt(self, prompt: MissPrompt) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(wrapped(prompt.text))
        row = QHBoxLayout()
        answer = QLineEdit()
        answer.setPlaceholderText("If it matters to you, say how")
        answer.setAccessibleName(f"Your answer to: {prompt.text}")
        side = side_combo(f"Is your answer to {prompt.id} for or against the SES?")
        side.setCurrentIndex(1)
        add = QPushButton("Add as a reason")
        add.setAccessibleName(f"Add your answer to: {prompt.text}")

        def submit(_=False, p=prompt, a=answer, s=side) -> None:
            if a.text().strip():
                self.reasons.add(a.text(), s.currentData(), p.id)

        add.clicked.connect(submit)
        answer.returnPressed.connect(submit)
        row.addWidget(answer, 1)
        row.addWidget(side)
        row.addWidget(add)
        layout.addLayout(row)
        return holder
