"""The story bank: the list of stories, an editor for Challenge, Context, Action and Result with hints
that follow the typing, and the coverage grid of ECQs x stories beside it.

What is typed is saved a moment after the typing pauses (one undo step per pause), when another
story is chosen and when the page is left; each save is the ``edit_story`` operation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core import stories as rules
from ses_decider.core.stories import PARTS, STRENGTH_MAX, Story
from ses_decider.ops import applying as ops
from ses_decider.ui.session import Session
from ses_decider.ui.views.readiness_view import plan_date_edit, plan_date_value

SAVE_AFTER_MS = 800
PART_TITLES = {
    "challenge": ("Challenge", "What was the problem or goal, and why did it matter?"),
    "context": ("Context", "Your role, the size of it, the constraints, who was involved."),
    "action": ("Action", "What you did, in the first person: I decided, I led, I negotiated."),
    "result": ("Result", "What changed, with a number: money, time, people, quality."),
}
GRID_COLUMNS = ("ECQ", "Stories", "Latest", "Strength", "Best story", "Résumé", "Practice")
POINTS = {
    "recent": "recent",
    "number": "a number in the result",
    "first_person": "told in the first person",
    "complete": "all four parts",
}


def strength_text(strength: int) -> str:
    return f"{strength} of {STRENGTH_MAX}"


class StoryBankPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = date.today  # a test can fix the day
        self.ecqs: list[tuple[str, str]] = []  # the chosen set on screen: (id, title)
        self.stories: list[Story] = []
        self.shown: Story | None = None  # the stored version of the story in the editor
        self._person_id: int | None = None  # whose story the editor holds
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_now)

        self.list = QListWidget()
        self.list.setAccessibleName("Your stories")
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.new_button = QPushButton("New story")
        self.new_button.setAccessibleName("New story")
        self.new_button.clicked.connect(self.new_story)
        self.remove_button = QPushButton("Remove story")
        self.remove_button.setAccessibleName("Remove the chosen story")
        self.remove_button.clicked.connect(self.remove_story)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("<b>Your stories</b>"))
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        left_layout.addLayout(buttons)

        self.editor = QGroupBox("The story")
        form = QFormLayout(self.editor)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title = QLineEdit()
        self.title.setAccessibleName("Title of the story")
        self.title.setPlaceholderText("A few words you will recognise it by")
        self.title.textEdited.connect(self._typed)
        form.addRow("Tit&le:", self.title)
        self.happened = plan_date_edit(None, "When it happened")
        self.happened.dateChanged.connect(self._typed)
        form.addRow("When:", self.happened)
        self.parts: dict[str, QPlainTextEdit] = {}
        for part in PARTS:
            title, placeholder = PART_TITLES[part]
            edit = QPlainTextEdit()
            edit.setAccessibleName(title)
            edit.setPlaceholderText(placeholder)
            edit.setTabChangesFocus(True)  # Tab moves on, as in a form
            edit.setMinimumHeight(60)
            edit.setMaximumHeight(90)
            edit.textChanged.connect(self._typed)
            form.addRow(f"{title}:", edit)
            self.parts[part] = edit
        self.tags_box = QWidget()
        self.tags_layout = QVBoxLayout(self.tags_box)
        self.tags_layout.setContentsMargins(0, 0, 0, 0)
        self.tags: dict[str, QCheckBox] = {}
        form.addRow("Shows:", self.tags_box)
        # Beside the editor, not under it, so they stay in sight while typing.
        self.feedback = QGroupBox("Hints as you write")
        feedback = QVBoxLayout(self.feedback)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName("Strength of this story")
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setAccessibleName("Hints for this story")
        self.hints.setTextFormat(Qt.TextFormat.RichText)
        feedback.addWidget(self.strength)
        feedback.addWidget(self.hints)

        self.grid = QTableWidget(0, len(GRID_COLUMNS))
        self.grid.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.grid.setHorizontalHeaderLabels(GRID_COLUMNS)
        self.grid.setAccessibleName("Coverage of the ECQs by your stories")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.verticalHeader().hide()
        header = self.grid.horizontalHeader()
        for column in range(len(GRID_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, 4):  # the ECQ and the best story's title take what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.grid.setWordWrap(True)
        self.rules = QLabel("\n".join(rules.rules_text()))
        self.rules.setWordWrap(True)
        self.rules.hide()
        self.rules_button = QPushButton("How is this computed?")
        self.rules_button.setAccessibleName("How are hints, strength and coverage computed?")
        self.rules_button.setCheckable(True)
        self.rules_button.toggled.connect(self.rules.setVisible)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.feedback)
        right_layout.addWidget(QLabel("<b>Coverage: ECQs \u00d7 stories</b>"))
        right_layout.addWidget(self.grid, 1)
        right_layout.addWidget(self.rules_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.rules)

        editor_scroll = QScrollArea()  # the editor stays usable on a 1024x768 screen
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setWidget(self.editor)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for part in (left, editor_scroll, right):
            splitter.addWidget(part)
        splitter.setSizes([200, 540, 540])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.editor.setEnabled(False)

    # Showing ----------------------------------------------------------------------------------
    def refresh(self, ecqs: list[tuple[str, str]]) -> None:
        person_id = self.session.person.id
        if person_id != self._person_id:
            before, self._person_id = self._person_id, person_id
            if self.pending and before is not None:
                self._save(before, undo_text=None)  # what was typed for the previous person
            self.shown = None
        if ecqs != self.ecqs:
            self._rebuild_tags(ecqs)
        self.stories = self.session.read(ops.stories_of, person_id)
        wanted = self.shown.id if self.shown else None
        by_id = {s.id: s for s in self.stories}
        if wanted not in by_id:
            wanted = self.stories[0].id if self.stories else None
        self._fill_list(wanted)
        self._load(by_id.get(wanted))
        self._fill_grid()

    def _rebuild_tags(self, ecqs: list[tuple[str, str]]) -> None:
        while self.tags_layout.count():
            item = self.tags_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.ecqs = list(ecqs)
        self.tags = {}
        for ecq_id, title in ecqs:
            box = QCheckBox(title)
            box.setAccessibleName(f"This story shows {title}")
            box.toggled.connect(self._typed)
            self.tags_layout.addWidget(box)
            self.tags[ecq_id] = box

    def _fill_list(self, selected: str | None) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            today = self.today()
            for story in self.stories:
                name = story.title.strip() or "(no title yet)"
                when = story.happened_on or "no date"
                strength = rules.story_strength(story, today)
                item = QListWidgetItem(f"{name}\n{when} \u00b7 strength {strength_text(strength)}")
                item.setData(Qt.ItemDataRole.UserRole, story.id)
                self.list.addItem(item)
                if story.id == selected:
                    self.list.setCurrentItem(item)
        self.remove_button.setEnabled(selected is not None)

    def _load(self, story: Story | None) -> None:
        """Show a stored story in the editor; a field is set only where it differs, so a save
        while typing leaves the cursor where it is."""
        self._save_timer.stop()
        self.shown = story
        self.editor.setEnabled(story is not None)
        story = story or Story()
        widgets = [self.title, self.happened, *self.parts.values(), *self.tags.values()]
        blockers = [QSignalBlocker(w) for w in widgets]
        if self.title.text() != story.title:
            self.title.setText(story.title)
        if plan_date_value(self.happened) != story.happened_on:
            self.happened.setDate(plan_date_edit(story.happened_on, "").date())
        for part, edit in self.parts.items():
            if edit.toPlainText() != getattr(story, part):
                edit.setPlainText(getattr(story, part))
        for ecq_id, box in self.tags.items():
            box.setChecked(ecq_id in story.ecqs)
        del blockers
        self._show_hints()

    def _fill_grid(self) -> None:
        rows = self.session.read(ops.ecq_grid, self.session.person.id, self.today(), self.ecqs)
        self.grid.setRowCount(len(rows))
        for index, row in enumerate(rows):
            best = row.best.title.strip() or "(no title)" if row.best else "\u2014"
            resume = {None: "\u2014", True: "shown", False: "not shown"}[row.in_resume]
            cells = (
                row.title,
                str(row.stories),
                row.latest or "\u2014",
                strength_text(row.strength) if row.stories else "no story",
                best,
                resume,
                str(row.answers),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.grid.setItem(index, column, item)
        self.grid.resizeRowsToContents()

    def form_story(self) -> Story | None:
        """The story as the editor shows it now (not yet stored), or None without one."""
        if self.shown is None:
            return None
        shown_ids = set(self.tags)
        kept = [e for e in self.shown.ecqs if e not in shown_ids]  # tags of the other ECQ set
        ticked = [e for e, box in self.tags.items() if box.isChecked()]
        return replace(
            self.shown,
            title=self.title.text(),
            happened_on=plan_date_value(self.happened),
            ecqs=tuple(kept + ticked),
            **{part: edit.toPlainText() for part, edit in self.parts.items()},
        )

    def _show_hints(self) -> None:
        story = self.form_story()
        if story is None:
            self.hints.setText("Choose a story, or start a new one.")
            self.strength.setText("")
            return
        today = self.today()
        found = rules.story_hints(story, today)
        items = "".join(f"<li>{_escape(h.text)}</li>" for h in found)
        self.hints.setText(f"<ul>{items}</ul>" if found else "No hints: this story is strong.")
        criteria = rules.strength_criteria(story, today)
        met = [POINTS[k] for k, ok in criteria.items() if ok]
        missing = [POINTS[k] for k, ok in criteria.items() if not ok]
        text = "Strength " + strength_text(sum(criteria.values()))
        if missing:
            text += f" \u2014 still missing: {', '.join(missing)}"
        elif met:
            text += " \u2014 recent, measured, first person, complete"
        self.strength.setText(text)

    # Editing ----------------------------------------------------------------------------------
    def _typed(self, *_args) -> None:
        if self.shown is None:
            return
        self._show_hints()
        self._save_timer.start()

    @property
    def pending(self) -> bool:
        return self._save_timer.isActive()

    def save_now(self) -> None:
        """Store what the editor shows, if it differs from the stored story (one undo step)."""
        if self._person_id is not None:
            self._save(self._person_id, undo_text="Edit story")

    def _save(self, person_id: int, undo_text: str | None) -> None:
        self._save_timer.stop()
        story = self.form_story()
        if story is None or replace(story, updated_at=self.shown.updated_at) == self.shown:
            return
        result = self.session.run(ops.edit_story, person_id, story, undo_text=undo_text)
        if result is not None and person_id == self._person_id:
            self.shown = result.value

    def new_story(self) -> None:
        self.save_now()
        story = Story()
        self.shown = story  # refresh (run by the operation) selects it
        result = self.session.run(
            ops.add_story, self.session.person.id, story, undo_text="New story"
        )
        if result is not None:
            self.title.setFocus()

    def remove_story(self) -> None:
        if self.shown is None:
            return
        self.save_now()
        result = self.session.run(
            ops.remove_story, self.session.person.id, self.shown.id, undo_text="Remove story"
        )
        if result is not None:
            _say(self, f"{result.message} Edit \u203a Undo brings it back.")

    def choose(self, story_id: str) -> None:
        """Edit another story (what choosing it in the list does)."""
        self.save_now()
        story = next((s for s in self.stories if s.id == story_id), None)
        if story is not None:
            self._load(story)
            self.remove_button.setEnabled(True)

    def _on_current_changed(self, current, _previous) -> None:
        if current is None:
            return
        # Later, not inside the list's own signal: saving may rebuild the list.
        QTimer.singleShot(0, partial(self.choose, current.data(Qt.ItemDataRole.UserRole)))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.pending:
            self.save_now()
        super().hideEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _say(widget: QWidget, text: str) -> None:
    """A line in the main window's status bar, when there is one."""
    window = widget.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, 6000)
