"""Pay in dollars, from the Pay row: the 2026 calculator (core.pay.compare_pay) with its inputs, every
figure with its source and as-of date, and the Pay lean it suggests with the rule that gives it.

Nothing in the assessment changes unless the person presses "Use this lean", which sets the SES's
Pay lean through the session's usual undoable edit. The inputs are remembered per person (in the
settings, under the person's uid: see ses_decider/ops/pay.py) when the dialog closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.explain import fmt
from ses_decider.core.pay import PayComparison, PayInputError, PayInputs, compare_pay
from ses_decider.core.pay_tables import PayTables, find_locality, pay_tables
from ses_decider.ops.pay import remember_pay_inputs, saved_pay_inputs
from ses_decider.ui.a11y import name_buttons

PAY_FACTOR = "pay"
NOT_GIVEN = "not given"


def _optional(low: float, high: float, step: float, suffix: str) -> QDoubleSpinBox:
    """A number that may be left out: one below ``low`` reads "not given"."""
    box = QDoubleSpinBox()
    box.setRange(low - step, high)
    box.setSingleStep(step)
    box.setDecimals(1 if step < 1 else 0)
    box.setSpecialValueText(NOT_GIVEN)
    box.setSuffix(suffix)
    box.setValue(box.minimum())
    return box


def _given(box: QDoubleSpinBox) -> float | None:
    return None if box.value() == box.minimum() else box.value()


class PayDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.tables: PayTables = pay_tables()
        self.result: PayComparison | None = None
        self.setWindowTitle(f"Pay in dollars ({self.tables.year} tables)")
        self._build_inputs()
        self.output = QLabel()
        self.output.setObjectName("payOutput")
        self.output.setWordWrap(True)
        self.output.setTextFormat(Qt.TextFormat.RichText)
        self.output.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.output.setAccessibleName("Pay comparison")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.output)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("paySuggestion")
        self.suggestion.setWordWrap(True)
        self.use_lean = QPushButton("&Use this lean")
        self.use_lean.setAccessibleName("Use the suggested lean for Pay")
        self.use_lean.clicked.connect(self.accept_lean)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.addButton(self.use_lean, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        name_buttons(box)

        inputs = QWidget()
        inputs.setLayout(self.form)
        inputs.setMaximumWidth(460)
        columns = QHBoxLayout()
        columns.addWidget(inputs, 0)
        columns.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.suggestion)
        layout.addWidget(box)
        room = (parent or self).screen().availableGeometry()  # 200% scaling leaves little room
        self.resize(min(960, room.width() - 40), min(620, room.height() - 60))
        self._restore(self.session.read(saved_pay_inputs, self.session.person.uid))
        self.recompute()

    # Inputs -------------------------------------------------------------------------------------
    def _build_inputs(self) -> None:
        t = self.tables
        self.grade = QSpinBox()
        self.grade.setRange(1, 15)
        self.grade.setValue(15)
        self.grade.setPrefix("GS-")
        self.step = QSpinBox()
        self.step.setRange(1, 10)
        self.locality = QComboBox()
        self.locality.setEditable(True)
        self.locality.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for area in t.localities:
            self.locality.addItem(area.label, area.code)
        completer = self.locality.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # type-ahead on any part of the name
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.locality.setCurrentIndex(self.locality.findData(t.default_locality))
        self.locality.lineEdit().setAccessibleName("Locality pay area: type to search")
        self.has_salary = QCheckBox("I expect a salary of:")
        self.salary = QSpinBox()
        self.salary.setRange(0, 1_000_000)
        self.salary.setSingleStep(1000)
        self.salary.setPrefix("$")
        self.salary.setGroupSeparatorShown(True)
        self.salary.setValue(t.ses_minimum)
        self.salary.setAccessibleName("Expected SES salary")
        self.range_text = QLabel()
        self.range_text.setWordWrap(True)
        self.certified = QCheckBox("&Certified appraisal system")
        self.certified.setToolTip(
            "OPM has certified the agency's SES appraisal system: the range's higher maximum"
        )
        self.certified.setChecked(True)
        self.hours_now = QDoubleSpinBox()
        self.hours_now.setRange(1, 100)
        self.hours_now.setDecimals(1)
        self.hours_now.setValue(t.default_hours)
        self.hours_now.setSuffix(" h/week")
        self.hours_ses = _optional(1, 100, 1, " h/week")
        self.hours_ses.setSpecialValueText("as now")
        self.award = QDoubleSpinBox()
        self.award.setRange(0, t.award_max_percent)
        self.award.setDecimals(1)
        self.award.setSuffix(" %")
        self.years = _optional(0, 60, 1, " years")
        self.years_left = _optional(0, 60, 1, " years")
        self.age = _optional(18, 100, 1, " years old")

        salary_row = QHBoxLayout()
        salary_row.addWidget(self.has_salary)
        salary_row.addWidget(self.salary)
        form = QFormLayout()
        for text, widget in (
            ("&Grade:", self.grade),
            ("&Step:", self.step),
            ("&Locality:", self.locality),
            ("SES salary:", salary_row),
            ("", self.range_text),
            ("", self.certified),
            ("&Hours a week now:", self.hours_now),
            ("Hours a week in the S&ES:", self.hours_ses),
            ("Expected &award:", self.award),
            ("&Years of service:", self.years),
            ("Years to &retirement:", self.years_left),
            ("Age at re&tirement:", self.age),
        ):
            form.addRow(text, widget)
        for widget, name in (
            (self.grade, "Grade"),
            (self.step, "Step"),
            (self.hours_now, "Hours a week now"),
            (self.hours_ses, "Hours a week in the SES"),
            (self.award, "Expected SES award, percent of salary"),
            (self.years, "Years of federal service"),
            (self.years_left, "Years to retirement"),
            (self.age, "Age at retirement"),
        ):
            widget.setAccessibleName(name)
        self.form = form
        for spin in (self.grade, self.step, self.salary, self.hours_now, self.hours_ses):
            spin.valueChanged.connect(self.recompute)
        for spin in (self.award, self.years, self.years_left, self.age):
            spin.valueChanged.connect(self.recompute)
        for check in (self.has_salary, self.certified):
            check.toggled.connect(self.recompute)
        self.locality.currentIndexChanged.connect(self.recompute)
        self.locality.lineEdit().editingFinished.connect(self.recompute)

    def inputs(self) -> PayInputs:
        return PayInputs(
            grade=self.grade.value(),
            step=self.step.value(),
            locality=self._locality_query(),
            ses_salary=float(self.salary.value()) if self.has_salary.isChecked() else None,
            certified=self.certified.isChecked(),
            hours_now=self.hours_now.value(),
            hours_ses=_given(self.hours_ses),
            award_percent=self.award.value(),
            years_of_service=_given(self.years),
            years_to_retirement=_given(self.years_left),
            age_at_retirement=_given(self.age),
        )

    def _locality_query(self) -> str:
        """The area's code when an area of the list is chosen, else what the person typed."""
        index = self.locality.findText(self.locality.currentText())
        return self.locality.itemData(index) if index >= 0 else self.locality.currentText()

    def saved_form(self) -> dict[str, Any]:
        """The inputs as plain data, as remembered for this person."""
        i = self.inputs()
        return {
            "grade": i.grade,
            "step": i.step,
            "locality": i.locality,
            "ses_salary": i.ses_salary,
            "certified": i.certified,
            "hours_now": i.hours_now,
            "hours_ses": i.hours_ses,
            "award_percent": i.award_percent,
            "years_of_service": i.years_of_service,
            "years_to_retirement": i.years_to_retirement,
            "age_at_retirement": i.age_at_retirement,
        }

    def _restore(self, saved: dict[str, Any]) -> None:
        """Put back remembered inputs; anything odd in them is skipped, never an error."""

        def number(key: str):
            value = saved.get(key)
            return value if isinstance(value, int | float) and not isinstance(value, bool) else None

        for key, box in (("grade", self.grade), ("step", self.step)):
            if number(key) is not None:
                box.setValue(int(number(key)))
        if isinstance(saved.get("locality"), str):
            index = self.locality.findData(saved["locality"])
            if index >= 0:
                self.locality.setCurrentIndex(index)
            else:
                self.locality.setEditText(saved["locality"])
        if number("ses_salary") is not None:
            self.has_salary.setChecked(True)
            self.salary.setValue(int(number("ses_salary")))
        if isinstance(saved.get("certified"), bool):
            self.certified.setChecked(saved["certified"])
        if number("hours_now") is not None:
            self.hours_now.setValue(number("hours_now"))
        if number("award_percent") is not None:
            self.award.setValue(number("award_percent"))
        for key, box in (
            ("hours_ses", self.hours_ses),
            ("years_of_service", self.years),
            ("years_to_retirement", self.years_left),
            ("age_at_retirement", self.age),
        ):
            box.setValue(box.minimum() if number(key) is None else number(key))
        self._saved = self.saved_form()

    # Outputs ------------------------------------------------------------------------------------
    def _cite(self, group: str) -> str:
        figures = self.tables.groups[group]
        source = self.tables.sources[figures.source]
        return f"<i>({_escape(source.short)}, as of {figures.as_of})</i>"

    def recompute(self) -> None:
        t = self.tables
        low, high = t.ses_minimum, t.ses_maximum(self.certified.isChecked())
        self.range_text.setText(
            f"The {t.year} range is ${low:,} to ${high:,}"
            + ("" if self.has_salary.isChecked() else f"; without a figure, ${low:,} is used.")
        )
        self.salary.setEnabled(self.has_salary.isChecked())
        try:
            area = find_locality(self._locality_query(), t.localities)
            index = self.locality.findData(area.code)
            if self.locality.currentIndex() != index or self.locality.currentText() != area.label:
                with QSignalBlocker(self.locality):  # show the area found by its OPM name
                    self.locality.setCurrentIndex(index)
                    self.locality.setEditText(area.label)
            self.result = compare_pay(self.inputs(), t)
        except PayInputError as exc:
            self.result = None
            self.output.setText(f"<p><b>Cannot compare yet:</b> {_escape(str(exc))}</p>")
            self.suggestion.setText("")
            self.use_lean.setEnabled(False)
            return
        self.output.setText(self._result_html(self.result))
        r = self.result
        lean = self.session.assessment.ratings[PAY_FACTOR].lean
        now = "not rated yet" if lean is None else fmt(lean, signed=True)
        self.suggestion.setText(
            f"<b>Suggested lean for Pay: {fmt(r.suggested_pay_lean, signed=True)}</b> "
            f"(yours now: {now}). "
            f"Rule: {_escape(r.lean_rule)} {self._cite_rule()}"
        )
        self.use_lean.setEnabled(lean != float(r.suggested_pay_lean))

    def _cite_rule(self) -> str:
        source = (
            self.tables.sources["ses_decider"] if "ses_decider" in self.tables.sources else None
        )
        return f"({source.short})" if source else ""

    def _result_html(self, r: PayComparison) -> str:
        cap = (
            f" &mdash; capped at ${self.tables.cap:,}, which removes ${r.cap_reduction:,} "
            f"{self._cite('gs_cap')}"
            if r.capped
            else ""
        )
        award = f" + award ${r.ses_award:,} {self._cite('ses_awards')}" if r.ses_award else ""
        leave_now = "?" if r.leave_hours_now is None else f"{r.leave_hours_now:g} h"
        rows = [
            (
                "Pay now",
                f"GS-{r.grade} step {r.step}: base ${r.gs_base_pay:,} {self._cite('gs_base')}"
                f"<br>{_escape(r.locality.label)}, locality {r.locality.percent:g}% "
                f"{self._cite('localities')}: <b>${r.gs_adjusted_pay:,}</b>{cap}",
            ),
            (
                "Pay in the SES",
                f"salary ${r.ses_salary:,}{award} = <b>${r.ses_pay:,}</b> "
                f"(range ${r.ses_minimum:,} to ${r.ses_maximum:,}, "
                f"{'certified' if r.certified else 'not certified'}) {self._cite('ses_range')}",
            ),
            ("Difference a year", f"<b>{_signed(r.annual_difference)}</b>"),
            (
                "Per hour worked",
                f"now ${r.hourly_now:,.2f} at {r.hours_now:g} h/week; SES ${r.hourly_ses:,.2f} at "
                f"{r.hours_ses:g} h/week: <b>{_signed(r.hourly_difference, True)}</b> "
                f"({r.hourly_difference_percent:+.1f}%) {self._cite('ses_premium_pay')}",
            ),
            (
                "Leave a year",
                f"now {leave_now} (carry over {r.carry_over_hours_now:g} h); SES "
                f"{r.leave_hours_ses:g} h (carry over {r.carry_over_hours_ses:g} h) "
                f"{self._cite('leave')}",
            ),
        ]
        if r.annuity is not None:
            a = r.annuity
            rows.append(
                (
                    "FERS annuity a year",
                    f"{a.years_at_retirement:g} years at {a.percent_per_year:g}%: GS "
                    f"${a.annuity_gs:,}, SES ${a.annuity_ses:,} "
                    f"(<b>{_signed(a.difference)}</b>) {self._cite('fers')}",
                )
            )
        else:
            rows.append(("FERS annuity a year", "give years of service and years to retirement"))
        table = "".join(
            f"<tr><td style='padding-right:10px' valign='top'><b>{k}</b></td><td>{v}</td></tr>"
            for k, v in rows
        )
        notes = "".join(f"<li>{_escape(n)}</li>" for n in r.notes)
        return (
            f"<table>{table}</table><p><b>Notes</b></p><ul>{notes}</ul>"
            f"<p>Figures as of {r.as_of}; checked {self.tables.checked_on}.</p>"
        )

    # Accepting ----------------------------------------------------------------------------------
    def accept_lean(self) -> None:
        """Set the SES's Pay lean to the suggestion (one undo step), then close."""
        if self.result is None:
            return
        self.session.set_lean(PAY_FACTOR, float(self.result.suggested_pay_lean))
        self.accept()

    def done(self, code: int) -> None:  # accept, reject and closing the window all end here
        form = self.saved_form()
        if form != self._saved:
            self.session.run(remember_pay_inputs, self.session.person.uid, form)
            self._saved = form
        super().done(code)


def _signed(amount: float, cents: bool = False) -> str:
    text = f"${abs(amount):,.2f}" if cents else f"${abs(amount):,.0f}"
    return ("&minus;" if amount < 0 else "+") + text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
