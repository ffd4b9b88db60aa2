"""Mentoring: record, edit and remove sessions; add, edit, tick and remove agreed actions (each
undoable, flag `Changes.SESSIONS`); and the readers the desk, the agenda and the session log use."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import date
from functools import partial

from ses_decider.core.agenda import build_agenda
from ses_decider.core.deciding_records import Experiment, PremortemItem, edited
from ses_decider.core.mentoring import (
    AgendaItem,
    AgreedAction,
    DeskRow,
    MentoringSession,
    assessment_facts,
    desk_row,
)
from ses_decider.core.records import MENTOR, SELF, display_names
from ses_decider.core.scoring import evaluate
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import Repository


# Sessions ---------------------------------------------------------------------------------------
def record_session(
    repo: Repository,
    person_id: int,
    session: MentoringSession,
    actions: Sequence[AgreedAction] = (),
    *,
    today: date | None = None,
) -> OpResult:
    """Store a new session with the actions it agreed; ``value`` is the session as stored.

    A session recorded on its own day keeps the mentee's score and verdict of that moment: what
    "change since the last session" is measured from next time.
    """
    today = today or date.today()
    if session.verdict is None and session.held_on == today.isoformat():
        evaluation = evaluate(repo.assessments.load(person_id))
        session = edited(
            session,
            score=evaluation.score,
            verdict=evaluation.verdict,
            updated_at=session.updated_at,
        )
    repo.people.get(person_id)  # KeyError for someone not stored
    repo.mentoring.put_session(person_id, session)
    for action in actions:
        repo.mentoring.put_action(person_id, _for(action, session))
    agreed = f" with {len(actions)} agreed action(s)" if actions else ""
    return OpResult(
        Changes.SESSIONS,
        f"Session of {session.held_on} recorded{agreed}.",
        session,
        undo=partial(remove_session, session_id=session.id),
    )


def _for(action: AgreedAction, session: MentoringSession) -> AgreedAction:
    if action.session_id == session.id:
        return action
    return edited(action, session_id=session.id, updated_at=action.updated_at)


def edit_session(repo: Repository, session: MentoringSession) -> OpResult:
    """Replace a stored session's day, agenda or notes (stamped now)."""
    person_id, before = _session(repo, session.id)
    after = edited(session)
    repo.mentoring.put_session(person_id, after)
    return OpResult(
        Changes.SESSIONS,
        f"Session of {after.held_on} saved.",
        after,
        undo=partial(edit_session, session=before),
    )


def save_session(
    repo: Repository, session: MentoringSession, actions: Sequence[AgreedAction]
) -> OpResult:
    """Replace a stored session and the set of actions it agreed, as one step (the session dialog's
    Save): changed records are stamped now, actions no longer listed are removed."""
    person_id, before = _session(repo, session.id)
    before_actions = [a for a in repo.mentoring.actions(person_id) if a.session_id == session.id]
    old = {a.id: a for a in before_actions}
    if session != before:
        repo.mentoring.put_session(person_id, edited(session))
    kept = set()
    for action in actions:
        action = _for(action, session)
        kept.add(action.id)
        if old.get(action.id) != action:
            repo.mentoring.put_action(person_id, edited(action))
    for action_id in set(old) - kept:
        repo.mentoring.delete_action(action_id)
    return OpResult(
        Changes.SESSIONS,
        f"Session of {session.held_on} saved.",
        repo.mentoring.session(session.id)[1],
        undo=partial(_restore_session, before=before, actions=before_actions),
    )


def _restore_session(
    repo: Repository, before: MentoringSession, actions: list[AgreedAction]
) -> OpResult:
    """Undo of `save_session`: the session and its actions as they were, stamped now (an undo is
    a change of its own, so it wins over the copy it replaces when files are merged)."""
    person_id, current = _session(repo, before.id)
    current_actions = [a for a in repo.mentoring.actions(person_id) if a.session_id == before.id]
    repo.mentoring.put_session(person_id, edited(before))
    for action in current_actions:
        repo.mentoring.delete_action(action.id)
    for action in actions:
        repo.mentoring.put_action(person_id, edited(action))
    return OpResult(
        Changes.SESSIONS,
        f"Session of {before.held_on} as it was.",
        None,
        undo=partial(save_session, session=current, actions=current_actions),
    )


def remove_session(repo: Repository, session_id: str) -> OpResult:
    """Remove a session and the actions it agreed."""
    person_id, session = _session(repo, session_id)
    actions = [a for a in repo.mentoring.actions(person_id) if a.session_id == session_id]
    repo.mentoring.delete_session(session_id)
    return OpResult(
        Changes.SESSIONS,
        f"Session of {session.held_on} removed.",
        None,
        undo=partial(_put_back_session, person_id=person_id, session=session, actions=actions),
    )


def _put_back_session(
    repo: Repository, person_id: int, session: MentoringSession, actions: list[AgreedAction]
) -> OpResult:
    repo.mentoring.put_session(person_id, session)
    for action in actions:
        repo.mentoring.put_action(person_id, action)
    return OpResult(
        Changes.SESSIONS,
        f"Session of {session.held_on} back.",
        session,
        undo=partial(remove_session, session_id=session.id),
    )


def _session(repo: Repository, session_id: str) -> tuple[int, MentoringSession]:
    found = repo.mentoring.session(session_id)
    if found is None:
        raise KeyError(session_id)
    return found


# Agreed actions ---------------------------------------------------------------------------------
def add_action(repo: Repository, person_id: int, action: AgreedAction) -> OpResult:
    """Add an action to one of the person's sessions."""
    repo.mentoring.put_action(person_id, action)
    return OpResult(
        Changes.SESSIONS,
        f"Agreed action added: {action.what}",
        action,
        undo=partial(remove_action, action_id=action.id),
    )


def edit_action(repo: Repository, action: AgreedAction) -> OpResult:
    """Replace a stored action's what, who, date or done (stamped now)."""
    person_id, before = _action(repo, action.id)
    after = edited(action)
    repo.mentoring.put_action(person_id, after)
    return OpResult(
        Changes.SESSIONS, "Agreed action saved.", after, undo=partial(edit_action, action=before)
    )


def set_action_done(repo: Repository, action_id: str, done: bool) -> OpResult:
    """Tick an action done (or not done again)."""
    person_id, before = _action(repo, action_id)
    if before.done == done:
        return OpResult(Changes.NONE, "Nothing to change.", before)
    after = edited(before, done=done)
    repo.mentoring.put_action(person_id, after)
    return OpResult(
        Changes.SESSIONS,
        f"Done: {after.what}" if done else f"Not done yet: {after.what}",
        after,
        undo=partial(set_action_done, action_id=action_id, done=before.done),
    )


def remove_action(repo: Repository, action_id: str) -> OpResult:
    person_id, action = _action(repo, action_id)
    repo.mentoring.delete_action(action_id)
    return OpResult(
        Changes.SESSIONS,
        f"Agreed action removed: {action.what}",
        None,
        undo=partial(_put_back_action, person_id=person_id, action=action),
    )


def _put_back_action(repo: Repository, person_id: int, action: AgreedAction) -> OpResult:
    repo.mentoring.put_action(person_id, action)
    return OpResult(
        Changes.SESSIONS,
        f"Agreed action back: {action.what}",
        action,
        undo=partial(remove_action, action_id=action.id),
    )


def _action(repo: Repository, action_id: str) -> tuple[int, AgreedAction]:
    found = repo.mentoring.action(action_id)
    if found is None:
        raise KeyError(action_id)
    return found


# Reading ----------------------------------------------------------------------------------------
def deciding_records(
    repo: Repository, person_id: int
) -> tuple[list[Experiment], list[PremortemItem]]:
    """The person's experiments and premortem items (Decide well): the one place the desk and the
    agenda read them."""
    return repo.deciding.list(person_id, "experiment"), repo.deciding.list(person_id, "premortem")


def _mentor(repo: Repository, person_id: int):
    return (
        repo.assessments.load(person_id, MENTOR)
        if repo.assessments.has(person_id, MENTOR)
        else None
    )


# The facts each row takes from a person's two views, kept per database while neither view changes
# (each save of a view stamps it): redrawing the desk after a tick or a session loads no assessment.
_FACTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def desk(repo: Repository, today: date | None = None) -> list[DeskRow]:
    """Every person's desk row, by name. Snapshots, sessions, actions and the views' change stamps
    are read for everyone in one query each; a person's views are loaded only when they changed
    since the last call."""
    today = today or date.today()
    people = repo.people.all()
    names = display_names(people)
    points = repo.mentoring.all_score_points()
    sessions = repo.mentoring.all_sessions()
    actions = repo.mentoring.all_actions()
    stamps: dict[int, dict[str, str]] = {}
    for person_id, role, updated_at in repo.db.execute(
        "SELECT person_id, role, updated_at FROM assessments"
    ):
        stamps.setdefault(person_id, {})[role] = updated_at
    kept = _FACTS.setdefault(repo, {})
    rows = []
    for person in people:
        views = stamps.get(person.id, {})
        key = (person.id, views.get(SELF), views.get(MENTOR))
        facts = kept.get(key)
        if facts is None:
            mentor = repo.assessments.load(person.id, MENTOR) if MENTOR in views else None
            facts = kept[key] = assessment_facts(repo.assessments.load(person.id), mentor)
        experiments, premortem = deciding_records(repo, person.id)
        rows.append(
            desk_row(
                person_id=person.id,
                name=names[person.id],
                uid=person.uid,
                facts=facts,
                review_on=person.review_on,
                points=points.get(person.id, ()),
                changed_at=views.get(SELF),
                sessions=sessions.get(person.id, ()),
                actions=actions.get(person.id, ()),
                experiments=experiments,
                premortem=premortem,
                today=today,
            )
        )
    if len(kept) > 4 * len(people) + 100:  # old stamps of views since changed: let them go
        current = {
            (p.id, stamps.get(p.id, {}).get(SELF), stamps.get(p.id, {}).get(MENTOR)) for p in people
        }
        for key in [k for k in kept if k not in current]:
            del kept[key]
    return rows


def person_agenda(
    repo: Repository,
    person_id: int,
    today: date | None = None,
    mentee=None,
    mentor=None,
) -> list[AgendaItem]:
    """The agenda built for the person's next session (``mentee``/``mentor``: the views on screen,
    else the stored ones)."""
    experiments, premortem = deciding_records(repo, person_id)
    mentee = mentee if mentee is not None else repo.assessments.load(person_id)
    mentor = mentor if mentor is not None else _mentor(repo, person_id)
    return build_agenda(
        mentee,
        mentor,
        today=today,
        points=repo.mentoring.score_points(person_id),
        sessions=repo.mentoring.sessions(person_id),
        actions=repo.mentoring.actions(person_id),
        experiments=experiments,
        premortem=premortem,
    )


def session_log(
    repo: Repository, person_id: int
) -> tuple[list[MentoringSession], list[AgreedAction]]:
    """The person's sessions (oldest first) and agreed actions."""
    return repo.mentoring.sessions(person_id), repo.mentoring.actions(person_id)


def actions_due(repo: Repository, person_id: int, today: date | None = None) -> list[AgreedAction]:
    """Agreed actions not done whose date has come, earliest first."""
    today = today or date.today()
    return [a for a in repo.mentoring.actions(person_id) if a.is_due(today)]
