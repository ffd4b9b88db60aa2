"""The File menu's commands: import (menu or drag-and-drop), export, the brief, printing, snapshots,
backups. Each change to stored data is an operation run by the session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


def documents_folder() -> Path:
    """Where file dialogs start: the user's Documents folder (their home if it has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def suggested_path(name: str, suffix: str) -> str:
    """A file name built from a person's name, with path separators and control characters gone."""
    from ses_decider.core.filenames import safe_file_stem

    return str(documents_folder() / f"{safe_file_stem(name)}{suffix}")


class FileCommands:
    """File menu commands for one main window."""

    def __init__(self, window):
        self.window = window

    @property
    def session(self):
        return self.window.session

    def _status(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def import_file(self, path: str | None = None) -> bool:
        """Import an assessment file or a person file (also what a dropped file does)."""
        from ses_decider.ops.imports import apply_import, read_import
        from ses_decider.storage.exchange import FormatError

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import a file", str(documents_folder()), "SES Decider files (*.json)"
            )
        if not path:
            return False
        try:
            request = read_import(path)
        except FormatError as exc:
            QMessageBox.warning(
                self.window, "Cannot import", f"This file cannot be imported: {exc}."
            )
            return False
        result = self.session.run(apply_import, request)
        if result is None:
            return False
        if result.value is not None and (
            self.session.person is None or result.value.id != self.session.person.id
        ):
            self.session.open_person(result.value.id)
        self._status(result.message, 8000)
        return True

    def take_snapshot(self) -> None:
        from ses_decider.ops.history import take_snapshot

        label, ok = QInputDialog.getText(
            self.window,
            "Take a snapshot",
            "A label for this snapshot (e.g. \u201cbefore the detail\u201d):",
        )
        if not ok:
            return
        result = self.session.run(
            take_snapshot,
            self.session.person.id,
            self.session.assessment,
            label,
            undo_text="Take snapshot",
        )
        if result is not None:
            self._status(result.message, 4000)

    def export_person(self) -> None:
        from ses_decider.storage.person_file import export_person_file

        person = self.session.person
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export person file",
            suggested_path(person.name, ".person.json"),
            "Person file (*.json)",
        )
        if not path:
            return
        if not self.session.flush():
            return
        try:
            export_person_file(self.session.repo, person.id, path)
        except OSError as exc:
            QMessageBox.warning(
                self.window, "Cannot export", f"The file could not be written: {exc.strerror}."
            )
            return
        self._status(f"Exported {person.name} with their history to {path}")

    def export_file(self) -> None:
        from ses_decider.storage.exchange import assessment_to_data, write_json_atomically

        person = self.session.person
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export assessment",
            suggested_path(person.name, ".json"),
            "Assessment (*.json)",
        )
        if not path:
            return
        try:
            write_json_atomically(path, assessment_to_data(self.session.assessment, person.name))
        except OSError as exc:
            QMessageBox.warning(
                self.window, "Cannot export", f"The file could not be written: {exc.strerror}."
            )
            return
        self._status(f"Exported to {path}")

    def restore_from_backup(self) -> None:
        from ses_decider.ui.recovery import restore_from_backup

        restore_from_backup(self.window)

    def delete_all_data(self) -> None:
        from ses_decider.ui.recovery import delete_all_my_data

        delete_all_my_data(self.window)

    def _brief(self):
        from ses_decider.report.export import person_brief

        return person_brief(
            self.session.repo, self.session.person, self.session.assessment, self.session.mentor
        )

    def export_brief(self, path: str = "") -> bool:
        """File > Export brief: the decision brief as PDF or HTML (by the chosen extension)."""
        from ses_decider.report.export import KINDS, ReportError
        from ses_decider.report.export import export_brief as write_brief

        if not self.session.flush():
            return False
        person = self.session.person
        if not path:
            path, chosen = QFileDialog.getSaveFileName(
                self.window,
                "Export brief",
                suggested_path(person.name, " - SES brief.pdf"),
                "PDF document (*.pdf);;Web page (*.html)",
            )
            if not path:
                return False
            if Path(path).suffix.lower() not in KINDS:
                path += ".html" if "html" in chosen else ".pdf"
        try:
            write_brief(self._brief(), path)
        except ReportError as exc:
            QMessageBox.warning(self.window, "Cannot export the brief", f"{exc}.")
            return False
        self._status(f"Brief saved to {path}")
        return True

    def print_brief(self, printer=None) -> None:
        """File > Print: the same brief as the PDF, on a printer chosen in the print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ses_decider.report.pdf import build_document, footer_text, paint_pages

        if not self.session.flush():
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self.window).exec() != QPrintDialog.DialogCode.Accepted:
                return
        printer.setFullPage(True)  # paint_pages sets the margins itself, as in the PDF
        brief = self._brief()
        try:
            pages = paint_pages(build_document(brief), printer, footer_text(brief))
        except OSError as exc:
            QMessageBox.warning(
                self.window, "Cannot print", f"The brief could not be printed: {exc}."
            )
            return
        self._status(f"Sent {pages} page(s) to the printer.")
