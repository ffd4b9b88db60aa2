"""A premortem for both paths: "it is two years from now and this was a mistake: why?".

Each answer links to a factor, whose lean or weight is one click away (the session's normal,
undoable edit), and may get a step that would prevent it, with a date.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding import PremortemItem, edited
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.core.explain import fmt
from ses_decider.core.reasons import match_reason
from ses_decider.ops import deciding as ops
from ses_decider.ui.deciding_commands import DecidingCommands
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import (
    add_shown,
    card,
    clear_layout,
    factor_combo,
    keeping_focus,
    named_field,
    on_date_chosen,
    step_heading,
    wrapped,
)
from ses_decider.ui.views.readiness_view import plan_date_edit, plan_date_value

PATH_NAMES = {"ses": "going for the SES", "stay": "staying"}


class PremortemPanel(QWidget):
    def __init__(self, session: Session, commands: DecidingCommands, parent=None):
        super().__init__(parent)
        self.session, self.commands = session, commands
        content = deciding_content()
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("premortem")))
        layout.addWidget(wrapped(content.premortem.intro))
        self.inputs: dict[str, QLineEdit] = {}
        self.lists: dict[str, QVBoxLayout] = {}
        for path in content.premortem.paths:
            box = QGroupBox(path.question)
            box.setObjectName(f"premortem_{path.id}")
            inner = QVBoxLayout(box)
            examples = "; ".join(e.text for e in path.examples[:3])
            inner.addWidget(wrapped(f"For example: {examples}", "exampleText"))
            row = QHBoxLayout()
            edit = QLineEdit()
            edit.setPlaceholderText("Why it went wrong")
            edit.setAccessibleName(f"Why {PATH_NAMES[path.id]} was a mistake")
            edit.returnPressed.connect(lambda p=path.id: self.add_answer(p))
            add = QPushButton("Add")
            add.setAccessibleName(f"Add this reason why {PATH_NAMES[path.id]} was a mistake")
            add.clicked.connect(lambda _=False, p=path.id: self.add_answer(p))
            row.addWidget(edit, 1)
            row.addWidget(add)
            inner.addLayout(row)
            items = QVBoxLayout()
            inner.addLayout(items)
            self.inputs[path.id], self.lists[path.id] = edit, items
            layout.addWidget(box)
        layout.addStretch(1)

    def add_answer(self, path: str) -> None:
        """Store the answer, linked to the factor its words point to (the person may change it)."""
        edit = self.inputs[path]
        text = edit.text().strip()
        if not text:
            return
        best = match_reason(text, [f for f, _ in self.session.assessment.shown()]).best
        item = PremortemItem(path, text, best.factor_id if best else None)
        if self.session.run(
            ops.put_record, self.session.person.id, item, undo_text="Add a premortem answer"
        ):
            edit.clear()

    def show_records(self, records: DecidingRecords) -> None:
        keeping_focus(self, lambda: self._rebuild(records))

    def _rebuild(self, records: DecidingRecords) -> None:
        for path, items in self.lists.items():
            clear_layout(items)
            for item in records.premortem:
                if item.path == path:
                    add_shown(items, self._card(item))

    def _card(self, item: PremortemItem) -> QWidget:
        frame, layout = card()
        frame.setAccessibleName(f"Premortem answer: {item.text}")
        layout.addWidget(wrapped(f"<b>{escape(item.text)}</b>", rich=True))
        link = QHBoxLayout()
        combo = factor_combo(self.session.assessment, item.factor_id, f"Factor behind: {item.text}")
        combo.activated.connect(
            lambda _i, c=combo, it=item: self._save(it, factor_id=c.currentData())
        )
        link.addWidget(wrapped("Factor:"))
        link.addWidget(combo, 1)
        layout.addLayout(link)
        if item.factor_id in self.session.assessment.ratings:
            layout.addLayout(self._one_clicks(item))
        prevent = QHBoxLayout()
        step = QLineEdit(item.prevention)
        step.setPlaceholderText(deciding_content().premortem.prevention_question)
        step.setAccessibleName(f"What would prevent: {item.text}")
        step.editingFinished.connect(
            lambda s=step, it=item: (
                s.text().strip() != it.prevention and self._save(it, prevention=s.text())
            )
        )
        due = named_field(plan_date_edit(item.due, ""), f"Date for the step against: {item.text}")
        on_date_chosen(due, lambda d=due, it=item: self._save(it, due=plan_date_value(d)))
        done = QCheckBox("Done")
        done.setAccessibleName(f"The step against {item.text} is done")
        done.setChecked(item.done)
        done.toggled.connect(lambda on, it=item: self._save(it, done=on))
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove the premortem answer {item.text}")
        remove.clicked.connect(lambda _=False, it=item: self._remove(it))
        prevent.addWidget(step, 1)
        prevent.addWidget(due)
        prevent.addWidget(done)
        prevent.addWidget(remove)
        layout.addLayout(prevent)
        return frame

    def _one_clicks(self, item: PremortemItem) -> QHBoxLayout:
        """The linked factor as it stands, and a click to move its lean or weight."""
        factor = self.session.assessment.factor(item.factor_id)
        rating = self.session.assessment.ratings[item.factor_id]
        row = QHBoxLayout()
        weight = "not rated" if rating.weight is None else fmt(rating.weight)
        lean = "not rated" if rating.lean is None else fmt(rating.lean, signed=True)
        row.addWidget(wrapped(f"{factor.title} now: weight {weight}, lean {lean}.", "linkedNow"))
        for text, field, delta in (
            ("Lean \u22121", "lean", -1.0),
            ("Lean +1", "lean", 1.0),
            ("Weight +1", "weight", 1.0),
        ):
            button = QPushButton(text)
            button.setAccessibleName(f"{text} for {factor.title} (from: {item.text})")
            button.clicked.connect(
                lambda _=False, f=item.factor_id, fl=field, d=delta: self.commands.nudge(f, fl, d)
            )
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _save(self, item: PremortemItem, **changes) -> None:
        if all(getattr(item, k) == v for k, v in changes.items()):
            return
        self.session.run(
            ops.put_record,
            self.session.person.id,
            edited(item, **changes),
            undo_text="Premortem answer",
        )

    def _remove(self, item: PremortemItem) -> None:
        self.session.run(
            ops.remove_record,
            self.session.person.id,
            "premortem",
            item.id,
            undo_text="Remove a premortem answer",
        )
