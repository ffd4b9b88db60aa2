"""Fit and readiness: the fit questions, the six-ways checklist, the ECQ self-rating, the plan, the 2x2.

Every change goes through the Session (undoable, autosaved); `refresh()` redraws from the assessment.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core import readiness as rules
from ses_decider.core.model import EcqRating
from ses_decider.core.readiness_content import readiness_content
from ses_decider.ui.session import Session
from ses_decider.ui.views.quadrant_chart import QuadrantChart

NOT_ANSWERED = "Not answered"
NO_DATE = QDate(2000, 1, 1)  # the date field's lowest value, shown as "no date"


def fitting_combo() -> QComboBox:
    """A drop-down as wide as its panel allows, not as its longest choice: the panel never
    outgrows its tab (its arrow and text stay in view); the open list shows every choice whole."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo


def plan_date_edit(value: str | None, name: str) -> QDateEdit:
    """A target date that can only be a real calendar date, or "no date"."""
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("no date")
    edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)
    edit.setAccessibleName(name)
    return edit


def plan_date_value(edit: QDateEdit) -> str | None:
    return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")


class ReadinessView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.content = readiness_content()
        self.fit_inputs: dict[str, QComboBox] = {}
        self.fact_inputs: dict[str, QWidget] = {}
        self.ecq_inputs: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.ecq_evidence: dict[str, QLabel] = {}  # what the story bank shows, per ECQ

        form_host = QWidget()
        forms = QVBoxLayout(form_host)
        forms.addWidget(self._fit_group())
        forms.addWidget(self._checklist_group())
        self.ecq_group = QGroupBox("Executive Core Qualifications: rate yourself")
        self.ecq_layout = QVBoxLayout(self.ecq_group)
        forms.addWidget(self.ecq_group)
        self.plan_group = QGroupBox("Development plan")
        self.plan_layout = QVBoxLayout(self.plan_group)
        forms.addWidget(self.plan_group)
        forms.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.quadrant = QuadrantChart()
        self.quadrant_text = QLabel()
        self.quadrant_text.setWordWrap(True)
        self.rules = QLabel("\n".join(rules.rules_text()))
        self.rules.setWordWrap(True)
        self.rules.setObjectName("rulesText")
        self.rules.hide()
        self.rules_button = QPushButton("How are these computed?")
        self.rules_button.setAccessibleName("How are want and ready computed?")
        self.rules_button.setCheckable(True)
        self.rules_button.toggled.connect(self.rules.setVisible)
        self.quadrant.setMinimumHeight(140)  # room for the 2x2 at 200% too
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.quadrant, 3)
        right_layout.addWidget(self.quadrant_text)
        right_layout.addWidget(self.rules_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.rules)
        right_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._ecq_set_shown: str | None = None
        self._plan_shown: list | None = None

    # Building -------------------------------------------------------------------------------
    def _fit_group(self) -> QGroupBox:
        group = QGroupBox("Fit: is the SES life for you? (feeds \u201cDo I want it?\u201d)")
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for question in self.content.fit_questions:
            combo = fitting_combo()
            combo.addItem(NOT_ANSWERED, None)
            for value, label in enumerate(self.content.fit_labels):
                combo.addItem(f"{value} \u2013 {label}", value)
            combo.setAccessibleName(question.text)
            combo.setToolTip(f"{question.why}\n0: {question.low}\n4: {question.high}")
            combo.currentIndexChanged.connect(
                lambda i, q=question.id, c=combo: self.session.set_fit(q, c.itemData(i))
            )
            text = QLabel(question.text)
            text.setWordWrap(True)
            text.setToolTip(question.why)
            text.setBuddy(combo)  # a screen reader reads the question with its answer
            form.addRow(text)  # the question across the panel, its answer under it
            form.addRow(combo)
            self.fit_inputs[question.id] = combo
        return group

    def _checklist_group(self) -> QGroupBox:
        group = QGroupBox("Six ways in: your facts (feed \u201cAm I ready?\u201d)")
        layout = QVBoxLayout(group)
        for way in self.content.ways:
            items = self.content.items_of(way.id)
            if not items:
                continue
            title = QLabel(f"<b>{way.title}</b>")
            title.setToolTip(way.text)
            layout.addWidget(title)
            form = QFormLayout()
            for item in items:
                widget = self._fact_input(item)
                label = QLabel(item.text)
                label.setWordWrap(True)
                label.setToolTip(item.why)
                form.addRow(label, widget)
                self.fact_inputs[item.id] = widget
            layout.addLayout(form)
        return group

    def _fact_input(self, item) -> QWidget:
        if item.kind == "yesno":
            box = QCheckBox("Yes")
            box.setAccessibleName(item.text)
            box.toggled.connect(lambda on, i=item.id: self._set_fact(i, 1.0 if on else 0.0))
            return box
        if item.kind == "scale":
            combo = fitting_combo()
            combo.addItem(NOT_ANSWERED, None)
            for value, label in enumerate(item.labels):
                combo.addItem(label, value)
            combo.setAccessibleName(item.text)
            combo.currentIndexChanged.connect(
                lambda i, c=combo, k=item.id: self._set_fact(k, c.itemData(i))
            )
            return combo
        spin = QSpinBox()
        spin.setRange(0, int(item.upper()))
        spin.setSuffix(f" {item.unit}" if item.unit else "")
        spin.setAccessibleName(item.text)
        spin.setToolTip(f"{item.why} (full credit at {item.target:g})")
        spin.valueChanged.connect(lambda v, k=item.id: self._set_fact(k, float(v)))
        return spin

    def _rebuild_ecqs(self, state) -> None:
        while self.ecq_layout.count():
            child = self.ecq_layout.takeAt(0)
            if child.widget():
                child.widget().deleteLater()
        self.ecq_inputs = {}
        self.ecq_evidence = {}
        chooser = fitting_combo()
        for ecq_set in self.content.ecq_sets:
            chooser.addItem(ecq_set.title, ecq_set.id)
        chooser.setAccessibleName("Which set of Executive Core Qualifications")
        chooser.setCurrentIndex(chooser.findData(state.ecq_set))
        chooser.currentIndexChanged.connect(lambda i: self._set_ecq_set(chooser.itemData(i)))
        self.ecq_layout.addWidget(chooser)
        active = rules.active_ecq_set(state)
        note = QLabel(f"{active.note} (in effect from {active.in_effect_from})")
        note.setWordWrap(True)
        self.ecq_layout.addWidget(note)
        for ecq in active.ecqs:
            box = QWidget()
            row = QFormLayout(box)
            row.setContentsMargins(0, 4, 0, 4)
            row.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            rating = fitting_combo()
            rating.addItem("Not rated", None)
            for value, label in enumerate(self.content.rating_labels):
                rating.addItem(f"{value} \u2013 {label}", value)
            rating.setAccessibleName(f"Your rating on {ecq.title}")
            example = QLineEdit()
            example.setPlaceholderText("One concrete example you could write up (CCAR)")
            example.setAccessibleName(f"An example for {ecq.title}")
            rating.currentIndexChanged.connect(
                lambda i, e=ecq.id, c=rating: self._set_ecq(e, rating=c.itemData(i))
            )
            example.editingFinished.connect(
                lambda e=ecq.id, w=example: self._set_ecq(e, example=w.text())
            )
            title = QLabel(f"<b>{ecq.title}</b>")
            title.setWordWrap(True)
            title.setToolTip(
                ecq.summary + ("\n" + ", ".join(ecq.competencies) if ecq.competencies else "")
            )
            row.addRow(title, rating)
            row.addRow("Example:", example)
            stories = QLabel()
            stories.setAccessibleName(f"Story bank evidence for {ecq.title}")
            row.addRow("Stories:", stories)
            self.ecq_layout.addWidget(box)
            self.ecq_inputs[ecq.id] = (rating, example)
            self.ecq_evidence[ecq.id] = stories
        self._ecq_set_shown = state.ecq_set

    def _rebuild_plan(self, state) -> None:
        while self.plan_layout.count():
            child = self.plan_layout.takeAt(0)
            if child.widget():
                child.widget().deleteLater()
        suggest = QPushButton("Suggest a step for each gap")
        suggest.setAccessibleName("Suggest a step for each gap")
        suggest.clicked.connect(self.suggest_steps)
        self.plan_layout.addWidget(suggest)
        if not state.plan:
            self.plan_layout.addWidget(QLabel("No steps yet."))
        for index, item in enumerate(state.plan):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            done = QCheckBox()
            done.setChecked(item.done)
            done.setAccessibleName(f"Done: {item.text}")
            text = QLineEdit(item.text)
            text.setAccessibleName("Step")
            date = plan_date_edit(item.target_date, f"Target date for: {item.text}")
            done.toggled.connect(lambda on, i=index: self._set_plan(i, done=on))
            text.editingFinished.connect(lambda i=index, w=text: self._set_plan(i, text=w.text()))
            date.dateChanged.connect(
                lambda _d, i=index, w=date: self._set_plan(i, target_date=plan_date_value(w))
            )
            line.addWidget(done)
            line.addWidget(text, 1)
            line.addWidget(date)
            self.plan_layout.addWidget(row)

    # Edits ------------------------------------------------------------------------------------
    def _evidence(self):
        from ses_decider.ops.applying import story_evidence

        return self.session.read(story_evidence, self.session.person.id)

    def _state(self):
        state = self.session.assessment.readiness
        return state.copy() if state is not None else rules.blank_readiness()

    def _set_fact(self, item_id: str, value) -> None:
        state = self._state()
        if value is None:
            state.facts.pop(item_id, None)
        else:
            state.facts[item_id] = value
        self.session.set_readiness(state, "Readiness fact")

    def _set_ecq_set(self, set_id: str) -> None:
        state = self._state()
        state.ecq_set = set_id
        self.session.set_readiness(state, "ECQ set")

    def _set_ecq(self, ecq_id: str, **changes) -> None:
        state = self._state()
        old = state.ecq.get(ecq_id, EcqRating())
        new = replace(old, **changes)
        if new == old:
            return
        state.ecq[ecq_id] = new
        self.session.set_readiness(state, "ECQ self-rating")

    def _set_plan(self, index: int, **changes) -> None:
        state = self._state()
        new = replace(state.plan[index], **changes)
        if new == state.plan[index]:
            return
        state.plan[index] = new
        self.session.set_readiness(state, "Development plan")

    def suggest_steps(self) -> None:
        state = self._state()
        state.plan = rules.refresh_plan(state, self._evidence())
        self.session.set_readiness(state, "Suggested steps")

    # Showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        assessment = self.session.assessment
        state = assessment.readiness or rules.blank_readiness()
        for qid, combo in self.fit_inputs.items():
            _select(combo, assessment.fit.get(qid))
        for item_id, widget in self.fact_inputs.items():
            value = state.facts.get(item_id)
            with QSignalBlocker(widget):
                if isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QComboBox):
                    _select(widget, None if value is None else int(value))
                else:
                    widget.setValue(int(value or 0))
        if state.ecq_set != self._ecq_set_shown:
            self._rebuild_ecqs(state)
        for ecq_id, (rating, example) in self.ecq_inputs.items():
            current = state.ecq.get(ecq_id, EcqRating())
            _select(rating, current.rating)
            if example.text() != current.example:
                with QSignalBlocker(example):
                    example.setText(current.example)
        if state.plan != self._plan_shown:
            self._rebuild_plan(state)
            self._plan_shown = [replace(item) for item in state.plan]
        evidence = self._evidence()
        no_story = {g.key.removeprefix("story:") for g in evidence.gaps}
        for ecq_id, label in self.ecq_evidence.items():
            label.setText(_evidence_words(ecq_id in no_story, evidence.strength.get(ecq_id, 0)))
        axes = rules.axes(assessment, self.session.evaluation, evidence)
        past = [
            (p.want, p.ready)
            for p in self.session.snapshots()
            if p.want is not None and p.ready is not None
        ]
        now = None if axes.want is None or axes.ready is None else (axes.want, axes.ready)
        self.quadrant.show_points(now, past)
        self.quadrant_text.setText(_quadrant_words(axes))


def _select(combo: QComboBox, value) -> None:
    index = combo.findData(value) if value is not None else 0
    if index >= 0 and combo.currentIndex() != index:
        with QSignalBlocker(combo):
            combo.setCurrentIndex(index)


def _evidence_words(no_story: bool, strength: int) -> str:
    if no_story:
        return "none in your story bank yet (Applying › Story bank)"
    return f"evidence {strength} of 4 from your story bank"


def _quadrant_words(axes) -> str:
    if axes.quadrant is None:
        missing = []
        if axes.want is None:
            missing.append("weigh the factors or answer the fit questions")
        if axes.ready is None:
            missing.append("fill in your facts or rate yourself on the ECQs")
        return "To place yourself on the 2\u00d72: " + " and ".join(missing) + "."
    text = axes.quadrant.text
    capped = " (held below 50 by a dealbreaker)" if axes.want_capped else ""
    return (
        f"<b>{text.title}</b> \u2014 want {axes.want:.0f}{capped}, ready {axes.ready:.0f}."
        f"<p>{text.meaning}</p><p><b>Next step:</b> {text.next_step}</p>"
    )
