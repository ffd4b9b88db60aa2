"""Small experiments: for the uncertain factors that could change the verdict (tipping points and the
robustness check), ways to find out before deciding, each with a date. Finishing one takes a
snapshot of the re-rated table, labelled with the experiment."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding import (
    Experiment,
    ExperimentSuggestion,
    edited,
    experiment_from_idea,
    suggest_experiments,
)
from ses_decider.core.deciding_content import ExperimentIdea, deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.core.explain import fmt
from ses_decider.ops import deciding as ops
from ses_decider.ui.a11y import name_buttons
from ses_decider.ui.deciding_commands import DecidingCommands
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import (
    add_shown,
    card,
    claim_html,
    clear_layout,
    date_edit,
    factor_combo,
    keeping_focus,
    on_date_chosen,
    step_heading,
    wrapped,
)

STATUS_WORDS = {"planned": "planned", "done": "done", "dropped": "dropped"}


def why_text(s: ExperimentSuggestion, factor_ratings) -> str:
    """Why this factor could change the verdict, in words."""
    parts = []
    if s.worth_checking:
        parts.append("the robustness check names it as worth finding out about")
    rating = factor_ratings[s.factor_id]
    if s.lean_tip is not None:
        parts.append(
            f"a lean of {fmt(s.lean_tip.at, signed=True)} instead of "
            f"{fmt(rating.lean, signed=True)} would make it {s.lean_tip.verdict.label}"
        )
    if s.weight_tip is not None:
        parts.append(
            f"a weight of {fmt(s.weight_tip.at)} instead of {fmt(rating.weight)} "
            f"would make it {s.weight_tip.verdict.label}"
        )
    return "; ".join(parts)


class FinishDialog(QDialog):
    """What the experiment taught; done takes a snapshot of the table as it stands."""

    def __init__(self, experiment: Experiment, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Done: {experiment.title}")
        self.learned = QPlainTextEdit()
        self.learned.setAccessibleName("What did you learn?")
        self.learned.setTabChangesFocus(True)
        buttons = name_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                "Re-rate the factors it told you about on the Decide page first. When you press "
                "OK, a snapshot of your table is taken, labelled with this experiment."
            )
        )
        layout.addWidget(wrapped("What did you learn?"))
        layout.addWidget(self.learned)
        layout.addWidget(buttons)


class ExperimentsPanel(QWidget):
    def __init__(self, session: Session, commands: DecidingCommands, parent=None):
        super().__init__(parent)
        self.session, self.commands = session, commands
        self.today = date.today
        content = deciding_content()
        self.suggestions_box = QGroupBox("Worth finding out before you decide")
        self.suggestions_layout = QVBoxLayout(self.suggestions_box)
        self.own_title = QLineEdit()
        self.own_title.setPlaceholderText("An experiment of your own")
        self.own_title.setAccessibleName("An experiment of your own")
        self.own_factor = None
        self.own_row = QHBoxLayout()
        self.own_due = date_edit(
            (date.today() + timedelta(days=14)).isoformat(), "Date of your own experiment"
        )
        self.own_add = QPushButton("Plan it")
        self.own_add.setAccessibleName("Plan your own experiment")
        self.own_add.clicked.connect(self.add_own)
        self.own_row.addWidget(self.own_title, 1)
        self.own_row.addWidget(self.own_due)
        self.own_row.addWidget(self.own_add)
        self.planned_box = QGroupBox("Your experiments")
        self.planned_layout = QVBoxLayout(self.planned_box)
        self.error = wrapped("", "errorText")
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("experiments")))
        layout.addWidget(self.suggestions_box)
        layout.addLayout(self.own_row)
        layout.addWidget(self.error)
        layout.addWidget(self.planned_box)
        layout.addStretch(1)
        self.suggestions: list[ExperimentSuggestion] = []
        self.records = DecidingRecords()

    def show_records(self, records: DecidingRecords) -> None:
        keeping_focus(self, lambda: self._rebuild(records))

    def _rebuild(self, records: DecidingRecords) -> None:
        self.records = records
        assessment = self.session.assessment
        self.suggestions = suggest_experiments(assessment, records.experiments)
        clear_layout(self.suggestions_layout)
        if not self.suggestions:
            add_shown(
                self.suggestions_layout,
                wrapped(
                    "Nothing you are unsure of looks able to change your verdict now. Rate "
                    "more factors, or mark the ones you are unsure of, to see suggestions.",
                    "emptyText",
                ),
            )
        for suggestion in self.suggestions:
            add_shown(self.suggestions_layout, self._suggestion(suggestion))
        if self.own_factor is not None:
            self.own_row.removeWidget(self.own_factor)
            self.own_factor.deleteLater()
        self.own_factor = factor_combo(assessment, None, "Factor your own experiment informs")
        self.own_row.insertWidget(1, self.own_factor)
        self.own_factor.show()
        clear_layout(self.planned_layout)
        if not records.experiments:
            add_shown(self.planned_layout, wrapped("None planned yet.", "emptyText"))
        for experiment in records.experiments:
            add_shown(self.planned_layout, self._planned(experiment))

    def _suggestion(self, s: ExperimentSuggestion) -> QWidget:
        frame, layout = card()
        frame.setAccessibleName(f"Worth finding out: {s.title}")
        ratings = self.session.assessment.ratings
        layout.addWidget(
            wrapped(f"<b>{escape(s.title)}</b>: {escape(why_text(s, ratings))}.", rich=True)
        )
        for idea in s.ideas:
            layout.addLayout(self._idea(s, idea))
        if not s.ideas:
            layout.addWidget(wrapped("Plan an experiment of your own for it below."))
        return frame

    def _idea(self, s: ExperimentSuggestion, idea: ExperimentIdea) -> QVBoxLayout:
        content = deciding_content()
        box = QVBoxLayout()
        claim = content.experiment_claims.get(idea.work)
        source = claim_html(content, claim) if claim else escape(content.works[idea.work].short)
        box.addWidget(
            wrapped(
                f"\u2022 <b>{escape(idea.title)}</b> ({escape(idea.duration)}). "
                f"{escape(idea.text)}<br><small>{source}</small>",
                rich=True,
            )
        )
        row = QHBoxLayout()
        when = self.today() + timedelta(days=idea.typical_days)
        due = date_edit(when.isoformat(), f"Date for: {idea.title} ({s.title})")
        plan = QPushButton("Plan it")
        plan.setAccessibleName(f"Plan: {idea.title} ({s.title})")
        plan.clicked.connect(
            lambda _=False, i=idea, d=due: self.plan_idea(i, d.date().toString("yyyy-MM-dd"))
        )
        row.addStretch(1)
        row.addWidget(due)
        row.addWidget(plan)
        box.addLayout(row)
        return box

    def plan_idea(self, idea: ExperimentIdea, due: str | None) -> None:
        on_table = {f.id for f, _ in self.session.assessment.shown()}
        experiment = experiment_from_idea(
            idea, self.today(), [f for f in idea.factor_ids if f in on_table]
        )
        if due:
            experiment = edited(experiment, due=due)
        self.session.run(
            ops.put_record, self.session.person.id, experiment, undo_text="Plan an experiment"
        )

    def add_own(self) -> None:
        title = self.own_title.text().strip()
        due = self.own_due.date().toString("yyyy-MM-dd")
        if not title:
            self.error.setText("Give your experiment a title first.")
            return
        factor = self.own_factor.currentData() if self.own_factor else None
        experiment = Experiment(title, (factor,) if factor else (), due)
        self.error.setText("")
        if self.session.run(
            ops.put_record, self.session.person.id, experiment, undo_text="Plan an experiment"
        ):
            self.own_title.clear()

    def _planned(self, e: Experiment) -> QWidget:
        frame, layout = card()
        frame.setAccessibleName(f"Experiment: {e.title}")
        titles = {f.id: f.title for f in self.session.assessment.factors}
        about = ", ".join(titles.get(f, f) for f in e.factor_ids) or "no factor named"
        status = STATUS_WORDS[e.status]
        if e.status == "planned" and e.due <= self.today().isoformat():
            status = "due now"
        layout.addWidget(
            wrapped(
                f"<b>{escape(e.title)}</b> \u2014 {escape(status)}; about {escape(about)}.",
                rich=True,
            )
        )
        if e.learned:
            layout.addWidget(wrapped(f"What you learned: {e.learned}"))
        row = QHBoxLayout()
        if e.status == "planned":
            due = date_edit(e.due, f"Date of the experiment {e.title}")
            on_date_chosen(
                due, lambda d=due, x=e: self._save(edited(x, due=d.date().toString("yyyy-MM-dd")))
            )
            finish = QPushButton("Done\u2026")
            finish.setAccessibleName(f"Done with the experiment {e.title}")
            finish.clicked.connect(lambda _=False, x=e: self.finish(x))
            drop = QPushButton("Drop")
            drop.setAccessibleName(f"Drop the experiment {e.title}")
            drop.clicked.connect(lambda _=False, x=e: self._save(edited(x, status="dropped")))
            row.addWidget(due)
            row.addWidget(finish)
            row.addWidget(drop)
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove the experiment {e.title}")
        remove.clicked.connect(lambda _=False, x=e: self._remove(x))
        row.addStretch(1)
        row.addWidget(remove)
        layout.addLayout(row)
        return frame

    def finish(self, experiment: Experiment) -> None:
        dialog = FinishDialog(experiment, self.window())
        if dialog.exec():
            self.commands.finish_experiment(experiment, dialog.learned.toPlainText(), self.today())

    def _save(self, experiment: Experiment) -> None:
        stored = {e.id: e for e in self.records.experiments}.get(experiment.id)
        if stored is not None and (stored.due, stored.status) == (
            experiment.due,
            experiment.status,
        ):
            return
        self.session.run(ops.put_record, self.session.person.id, experiment, undo_text="Experiment")

    def _remove(self, experiment: Experiment) -> None:
        self.session.run(
            ops.remove_record,
            self.session.person.id,
            "experiment",
            experiment.id,
            undo_text="Remove an experiment",
        )
