"""The File and People menu commands: import (menu or drag-and-drop), export, the brief, printing,
rename, delete and bring back, backups. Mixed into MainWindow, which provides ``session``,
``statusBar()``, ``person_combo`` and ``undelete_action``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


class FileCommands:
    def import_file(self, path: str | None = None) -> None:
        """Import an assessment file or a person file (also what a dropped file does)."""
        from ses_decider.storage.exchange import FormatError, read_json_file
        from ses_decider.storage.person_file import import_file

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import a file", "", "SES Decider files (*.json)"
            )
        if not path:
            return
        self.session.flush()
        try:
            message = import_file(lambda: self.session.repo, path)
            name = read_json_file(path).get("person") or "Imported assessment"
        except FormatError as exc:
            QMessageBox.warning(self, "Cannot import", f"This file cannot be imported: {exc}.")
            return
        self.session.people_changed.emit()
        person = self.session.repo.person_by_name(str(name).strip())
        if person:
            self.session.open_person(person.id)
        self.statusBar().showMessage(message, 8000)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and u.toLocalFile().endswith(".json") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for url in event.mimeData().urls():
            self.import_file(url.toLocalFile())
        event.acceptProposedAction()

    def find_person(self) -> None:
        self.person_combo.setFocus()
        self.person_combo.lineEdit().selectAll()

    def rename_person(self) -> None:
        from ses_decider.storage.repository import NameTaken

        person = self.session.person
        name, ok = QInputDialog.getText(self, "Rename", "New name:", text=person.name)
        if not ok or not name.strip() or name.strip() == person.name:
            return
        try:
            self.session.repo.rename_person(person.id, name)
        except NameTaken as exc:
            QMessageBox.information(self, "Rename", str(exc))
            return
        self.session.people_changed.emit()
        self.session.open_person(person.id)

    def delete_person(self) -> None:
        person = self.session.person
        answer = QMessageBox.question(
            self,
            "Delete person",
            f"Delete {person.name} with all their snapshots and notes? "
            "You can bring them back until you quit (People \u203a Bring back the deleted person).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.session.flush()
        repo = self.session.repo
        self._deleted = (person.name, repo.export_person_data(person.id))
        repo.delete_person(person.id)
        self.undelete_action.setEnabled(True)
        self.undelete_action.setText(f"&Bring back {person.name}")
        from ses_decider.ui.app import ensure_someone

        self.session.person = None
        self.session.people_changed.emit()
        self.session.open_person(ensure_someone(repo))
        self.statusBar().showMessage(f"Deleted {person.name}.", 8000)

    def undelete_person(self) -> None:
        deleted = getattr(self, "_deleted", None)
        if not deleted:
            return
        name, data = deleted
        result = self.session.repo.import_person_data(data)
        self._deleted = None
        self.undelete_action.setEnabled(False)
        self.session.people_changed.emit()
        self.session.open_person(result.person_id)
        self.statusBar().showMessage(f"{name} is back.", 6000)

    def export_person(self) -> None:
        from ses_decider.storage.person_file import export_person_file

        person = self.session.person
        path, _ = QFileDialog.getSaveFileName(
            self, "Export person file", f"{person.name}.person.json", "Person file (*.json)"
        )
        if not path:
            return
        self.session.flush()
        try:
            export_person_file(self.session.repo, person.id, path)
        except OSError as exc:
            QMessageBox.warning(
                self, "Cannot export", f"The file could not be written: {exc.strerror}."
            )
            return
        self.statusBar().showMessage(f"Exported {person.name} with their history to {path}", 6000)

    def export_file(self) -> None:
        from ses_decider.storage.exchange import assessment_to_data, write_json_atomically

        person = self.session.person
        path, _ = QFileDialog.getSaveFileName(
            self, "Export assessment", f"{person.name}.json", "Assessment (*.json)"
        )
        if not path:
            return
        try:
            write_json_atomically(path, assessment_to_data(self.session.assessment, person.name))
        except OSError as exc:
            QMessageBox.warning(
                self, "Cannot export", f"The file could not be written: {exc.strerror}."
            )
            return
        self.statusBar().showMessage(f"Exported to {path}", 6000)

    def restore_from_backup(self) -> None:
        from ses_decider.ui.recovery import restore_from_backup

        restore_from_backup(self)

    def delete_all_data(self) -> None:
        from ses_decider.ui.recovery import delete_all_my_data

        delete_all_my_data(self)

    def export_brief(self, _checked: bool = False, path: str = "") -> None:
        """File > Export brief: the decision brief as PDF or HTML (by the chosen extension)."""
        from ses_decider.report.export import KINDS, ReportError, person_brief
        from ses_decider.report.export import export_brief as write_brief

        self.session.flush()
        person = self.session.person
        if not path:
            path, chosen = QFileDialog.getSaveFileName(
                self,
                "Export brief",
                f"{person.name} - SES brief.pdf",
                "PDF document (*.pdf);;Web page (*.html)",
            )
            if not path:
                return
            if Path(path).suffix.lower() not in KINDS:
                path += ".html" if "html" in chosen else ".pdf"
        try:
            write_brief(person_brief(self.session.repo, person, self.session.assessment), path)
        except ReportError as exc:
            QMessageBox.warning(self, "Cannot export the brief", f"{exc}.")
            return
        self.statusBar().showMessage(f"Brief saved to {path}", 6000)

    def print_brief(self, _checked: bool = False, printer=None) -> None:
        """File > Print: the same brief as the PDF, on a printer chosen in the print dialog."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ses_decider.report.export import person_brief
        from ses_decider.report.pdf import build_document, footer_text, paint_pages

        self.session.flush()
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return
        printer.setFullPage(True)  # paint_pages sets the margins itself, as in the PDF
        brief = person_brief(self.session.repo, self.session.person, self.session.assessment)
        try:
            pages = paint_pages(build_document(brief), printer, footer_text(brief))
        except OSError as exc:
            QMessageBox.warning(self, "Cannot print", f"The brief could not be printed: {exc}.")
            return
        self.statusBar().showMessage(f"Sent {pages} page(s) to the printer.", 6000)
