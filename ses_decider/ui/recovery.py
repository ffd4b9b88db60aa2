"""Dialogs that look after the data: a bad file on open, restoring a backup, deleting everything.

Every choice that replaces the database keeps the old one (renamed with a timestamp); only
"Delete all my data" removes anything, and only after the user confirms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ses_decider import APP_NAME
from ses_decider.storage import safety
from ses_decider.storage.connection import Database
from ses_decider.storage.db import DatabaseProblem, open_database

RESTORE, NEW, QUIT = "restore", "new", "quit"


def describe(info: safety.BackupInfo) -> str:
    when = info.taken_at.strftime("%Y-%m-%d %H:%M") if info.taken_at else info.path.name
    if info.people is None:
        return f"{when} \u2014 cannot be read"
    people = f"{info.people} {'person' if info.people == 1 else 'people'}"
    reason = {"before-migration": " (before an update)"}.get(info.reason, "")
    return f"{when} \u2014 {people}{reason}"


def ask_what_to_do(problem: DatabaseProblem, has_backup: bool) -> str:
    """Say in one sentence what is wrong and offer restore / new / quit; returns the choice."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(problem))
    box.setInformativeText("The file has not been changed and will be kept.")
    restore = box.addButton("Restore the latest backup", QMessageBox.ButtonRole.AcceptRole)
    restore.setEnabled(has_backup)
    new = box.addButton("Start a new database", QMessageBox.ButtonRole.DestructiveRole)
    quit_ = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore if has_backup else quit_)
    box.exec()
    return {restore: RESTORE, new: NEW}.get(box.clickedButton(), QUIT)


def recover_on_open(problem: DatabaseProblem, path: Path) -> Database | None:
    """After open_database refused ``path``: ask, act, and return an open database (None: quit)."""
    path = Path(path)
    good = safety.latest_good_backup(path.parent)
    choice = ask_what_to_do(problem, good is not None)
    try:
        if choice == RESTORE and good is not None:
            safety.restore_backup(good.path, path)  # sets the bad file aside first
        elif choice == NEW:
            safety.set_aside(path, problem.kind.replace("_", "-"))
        else:
            return None
        return open_database(path)
    except (OSError, ValueError, DatabaseProblem) as exc:
        QMessageBox.critical(None, APP_NAME, f"That did not work ({exc}). Nothing was deleted.")
        return None


class RestoreDialog(QDialog):
    """Help > Restore from backup…: the backups with dates and person counts; pick one."""

    def __init__(self, data_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.backups = safety.backups_with_info(data_folder)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose a backup to go back to. Your current data is kept beside it, renamed with "
            "today's date, so nothing is lost."
            if self.backups
            else "There are no backups yet. One is made each day you open the app."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for info in self.backups:
            item = QListWidgetItem(describe(info))
            if not info.usable:
                item.setFlags(item.flags() & ~item.flags().ItemIsEnabled)
            self.list.addItem(item)
        intro.setBuddy(self.list)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        restore = buttons.button(QDialogButtonBox.StandardButton.Ok)
        restore.setText("Restore")
        restore.setAutoDefault(False)  # replacing the data takes a click, never a stray Enter
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.restore_button = restore
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        usable = [i for i, b in enumerate(self.backups) if b.usable]
        if usable:
            self.list.setCurrentRow(usable[0])

    def chosen(self) -> safety.BackupInfo | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.backups) and self.backups[row].usable:
            return self.backups[row]
        return None


def _switch_to(window, db: Database) -> None:
    """Carry on with another database: the session forgets the old one and opens someone."""
    from ses_decider.storage.repository import Repository

    window.session.use_repository(Repository(db))
    window.session.open_someone()


def _db_path(window) -> Path:
    return window.session.db_path


def restore_from_backup(window) -> bool:
    """Run the restore dialog for the main window; True if a backup was restored."""
    path = _db_path(window)
    dialog = RestoreDialog(path.parent, window)
    if not dialog.exec() or dialog.chosen() is None:
        return False
    window.session.flush()
    window.session.repo.db.close()
    try:
        aside = safety.restore_backup(dialog.chosen().path, path)
        db = open_database(path)
    except (OSError, ValueError, DatabaseProblem) as exc:
        QMessageBox.critical(window, "Restore from backup", f"The backup was not restored: {exc}")
        _switch_to(window, open_database(path))
        return False
    _switch_to(window, db)
    where = f" Your previous data is kept as {aside.name}." if aside else ""
    window.statusBar().showMessage(f"Backup restored.{where}", 8000)
    return True


def delete_all_my_data(window) -> bool:
    """File > Delete all my data…: after confirmation, remove everything and start on the demo."""
    answer = QMessageBox.warning(
        window,
        "Delete all my data",
        "This deletes every person, assessment, snapshot and note, and all backups, from this "
        "computer. It cannot be undone. Delete everything?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    path = _db_path(window)
    window.session.discard_pending()
    window.session.repo.db.close()
    safety.delete_all_data(path.parent)
    _switch_to(window, open_database(path))
    window.statusBar().showMessage("All your data has been deleted.", 8000)
    return True
