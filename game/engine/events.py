"""Events: what happened in a turn, each with its cause and the figures it changed."""

from __future__ import annotations

from attrs import fields, frozen

PHASES = ("briefing", "orders", "moves", "china", "world", "politics", "end")
GRADES = ("success", "partial", "failed", "backfired")


@frozen
class Delta:
    """One figure changed: ``subject`` is an ally id, ``china`` or ``coalition``."""

    subject: str
    var: str  # e.g. "resolve", "tech.semiconductors", "export_exposure.agrifood"
    before: float
    after: float

    @property
    def change(self) -> float:
        """After minus before."""
        return self.after - self.before


@frozen
class Event:
    """Something that happened, why, and what it changed.

    ``cause_kind`` is ``move``, ``rule``, ``event`` or ``world`` (the model's own dynamics) and
    ``cause`` the id of that move, doctrine rule, scenario event or dynamic.
    """

    turn: int
    phase: str
    kind: str
    cause_kind: str
    cause: str
    actor: str
    text: str
    deltas: tuple[Delta, ...] = ()
    details: tuple[str, ...] = ()
    grade: str | None = None


# -- fast construction ----------------------------------------------------------------------
# A turn records hundreds of events and thousands of deltas. attrs' generated __init__ for a
# frozen slotted class sets each field through object.__setattr__ by name; setting the slots
# directly builds the very same object (equal, same repr) in less than half the time. These
# classes have no defaults that matter here, validators or converters, and the field lists
# are checked below, so a change to either class fails loudly at import.

_DELTA_FIELDS = ("subject", "var", "before", "after")
_EVENT_FIELDS = (
    "turn", "phase", "kind", "cause_kind", "cause", "actor", "text", "deltas", "details", "grade",
)  # fmt: skip
if (
    tuple(f.name for f in fields(Delta)) != _DELTA_FIELDS
    or tuple(f.name for f in fields(Event)) != _EVENT_FIELDS
    or any(f.validator or f.converter for f in (*fields(Delta), *fields(Event)))
):
    raise TypeError("Delta or Event changed: update new_delta and new_event to match")

_new = object.__new__
_d_subject, _d_var, _d_before, _d_after = (Delta.__dict__[n].__set__ for n in _DELTA_FIELDS)
(
    _e_turn, _e_phase, _e_kind, _e_cause_kind, _e_cause, _e_actor, _e_text, _e_deltas,
    _e_details, _e_grade,
) = (Event.__dict__[n].__set__ for n in _EVENT_FIELDS)  # fmt: skip


def new_delta(subject: str, var: str, before: float, after: float) -> Delta:
    """``Delta(subject, var, before, after)``, built faster."""
    d = _new(Delta)
    _d_subject(d, subject)
    _d_var(d, var)
    _d_before(d, before)
    _d_after(d, after)
    return d


def new_event(
    turn: int,
    phase: str,
    kind: str,
    cause_kind: str,
    cause: str,
    actor: str,
    text: str,
    deltas: tuple[Delta, ...],
    details: tuple[str, ...],
    grade: str | None,
) -> Event:
    """``Event(...)`` with every field given, built faster."""
    e = _new(Event)
    _e_turn(e, turn)
    _e_phase(e, phase)
    _e_kind(e, kind)
    _e_cause_kind(e, cause_kind)
    _e_cause(e, cause)
    _e_actor(e, actor)
    _e_text(e, text)
    _e_deltas(e, deltas)
    _e_details(e, details)
    _e_grade(e, grade)
    return e
