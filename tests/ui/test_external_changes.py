"""Another process (a CLI import) writes to the database while the window is open: an edit on
screen afterwards lands on the newer data and never writes a stale copy over it."""

from __future__ import annotations

from ses_decider.core.records import MENTOR
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository


def test_a_mentor_view_imported_elsewhere_is_not_overwritten_by_the_next_edit(window, db_path):
    session = window.session
    mentor = session.mentor  # the Mentor tab has read the (empty) mentor view
    assert not any(r.rated for r in mentor.ratings.values())
    other = open_database(db_path)  # as `ses-decider import` would, from another process
    repo = Repository(other)
    imported = repo.assessments.load(session.person.id)
    imported.ratings["pay"].weight, imported.ratings["pay"].lean = 9.0, -4.0
    repo.assessments.save(session.person.id, imported, MENTOR)
    other.close()
    session.set_lean("mission", 2.0, MENTOR)  # the next spin-box edit
    session.set_weight("mission", 6.0, MENTOR)
    assert session.flush()
    stored = session.repo.assessments.load(session.person.id, MENTOR)
    assert (stored.ratings["pay"].weight, stored.ratings["pay"].lean) == (9.0, -4.0)
    assert (stored.ratings["mission"].weight, stored.ratings["mission"].lean) == (6.0, 2.0)
