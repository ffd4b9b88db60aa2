"""The People menu's commands: new, find, rename, delete and bring back. Each change is an
operation run by the session."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from ses_decider.core.content import blank_assessment
from ses_decider.core.model import Verdict


class PeopleCommands:
    def __init__(self, window):
        self.window = window
        self.deleted = None  # the rows of the last deleted person, until quit

    @property
    def session(self):
        return self.window.session

    def new_person(self) -> None:
        name, ok = QInputDialog.getText(
            self.window, "New person", "Name (for example, your own name):"
        )
        if not ok or not name.strip():
            return
        if self.session.repo.people.named(name.strip()):
            answer = QMessageBox.question(
                self.window,
                "New person",
                f"There is already a person called {name.strip()}. Add another person with the "
                "same name? (They are told apart by the date each was added.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        # The person first, then the gut question: it is asked over their own blank assessment,
        # with no verdict anywhere on screen to lean on (not the previous person's).
        if self.session.create_person(name.strip(), blank_assessment()) is None:
            return
        gut = self.ask_gut_before()
        if gut is not None:
            self.session.set_gut("before", gut)

    def ask_gut_before(self) -> Verdict | None:
        """Before any weighing: what does the person's gut say? Nothing is preselected."""
        box = QMessageBox(self.window)
        box.setWindowTitle("Gut check")
        box.setText("Before you weigh anything: what does your gut say about aiming for the SES?")
        box.setInformativeText("You can change this later under Gut check.")
        answers = {}
        for verdict in (Verdict.GO, Verdict.CLOSE_CALL, Verdict.NO_GO):
            # Not AcceptRole: the button box would make the first accept button the default.
            button = box.addButton(verdict.label, QMessageBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
            answers[button] = verdict
        skip = box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
        skip.setAutoDefault(False)
        box.setDefaultButton(None)
        # Keyboard focus on Skip, not on an answer: a stray Space or Enter chooses nothing.
        skip.setFocus()  # taken when the box is shown
        box.exec()
        return answers.get(box.clickedButton())

    def find_person(self) -> None:
        combo = self.window.person_combo
        combo.setFocus()
        combo.lineEdit().selectAll()

    def rename_person(self) -> None:
        from ses_decider.ops.people import rename_person

        person = self.session.person
        name, ok = QInputDialog.getText(self.window, "Rename", "New name:", text=person.name)
        if not ok or not name.strip() or name.strip() == person.name:
            return
        self.session.run(rename_person, person.id, name.strip(), undo_text="Rename")

    def delete_person(self) -> None:
        from ses_decider.ops.people import delete_person

        person = self.session.person
        answer = QMessageBox.question(
            self.window,
            "Delete person",
            f"Delete {person.name} with all their snapshots and notes? "
            "You can bring them back until you quit (People \u203a Bring back the deleted person).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = self.session.run(delete_person, person.id)
        if result is None:
            return
        self.deleted = result.value
        action = self.window.undelete_action
        action.setEnabled(True)
        action.setText(f"&Bring back {person.name}")
        self.session.open_someone()
        self.window.statusBar().showMessage(result.message, 8000)

    def bring_back(self) -> None:
        from ses_decider.ops.people import bring_back

        if self.deleted is None:
            return
        result = self.session.run(bring_back, self.deleted)
        if result is None:
            return
        self.deleted = None
        self.window.undelete_action.setEnabled(False)
        self.window.undelete_action.setText("&Bring back the deleted person")
        self.session.open_person(result.value.id)
        self.window.statusBar().showMessage(result.message, 6000)
