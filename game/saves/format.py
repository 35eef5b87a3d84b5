"""The save format: a versioned JSON document holding the scenario, the order log and the state.

``encode`` turns a :class:`Save` into bytes; ``decode`` checks and rebuilds one from bytes,
migrating older format versions first. Every problem found becomes a :class:`SaveError`
subclass naming the key path, never a traceback. ``docs/saves.md`` describes the format.
"""

from __future__ import annotations

import json
import types
import typing
from datetime import UTC, datetime
from typing import Any

import attrs
from attrs import frozen

from game.engine import GameState, Inject, Intervention, Order, shape_problems
from game.saves.canonical import canonical_json, content_hash
from game.saves.errors import DamagedSaveError, NewerSaveError, NotASaveError, SaveError
from game.saves.migrate import VERSION  # the version this code writes

FORMAT = "collective-resilience-save"
MAX_DEPTH = 32  # objects and lists nested in each other (a save needs 10)
MAX_ENTRIES = 10_000  # keys of one object, items of one list


@frozen
class Team:
    """Who plays one government: a team's name, or ``AI`` with the policy it follows."""

    ally: str
    player: str
    policy: str | None = None  # None: played by people


@frozen
class TurnLog:
    """One resolved turn: every government's orders, and the hash of the state after it."""

    turn: int
    orders: tuple[Order, ...]
    state_hash: str | None  # None in saves migrated from version 1 (no per-turn check)


@frozen
class Note:
    """A note for the debrief: a team's on its turn's orders (``author`` its ally id), or the
    facilitator's observation (``author`` ``facilitator``)."""

    turn: int
    author: str
    text: str


@frozen
class InjectEntry:
    """An inject in the facilitator's list: due at a turn (0: held), and what became of it
    (``waiting``, ``published`` or ``skipped``)."""

    inject: Inject
    due: int
    status: str


@frozen
class Game:
    """Everything needed to replay a game: the scenario's data, seed, difficulty, teams and the
    log of orders; the facilitator's interventions (replayed with the orders), the notes, the
    facilitator's passphrase as a salted hash (None: no facilitator) and inject list."""

    id: str
    scenario_id: str
    scenario_title: str
    scenario_hash: str
    scenario_data: dict[str, Any] = attrs.field(hash=False, repr=False)
    seed: int
    difficulty: str
    teams: tuple[Team, ...]
    turns: tuple[TurnLog, ...] = ()
    facilitator: tuple[Intervention, ...] = ()
    notes: tuple[Note, ...] = ()
    passphrase: str | None = None
    injects: tuple[InjectEntry, ...] = ()
    clock: tuple[float, float, str] | None = None  # seconds of discussion, of orders; late teams


@frozen
class Save:
    """A save: the game's log and its current state, and when it was written (UTC, ISO 8601)."""

    game: Game
    state: GameState
    saved_at: str
    # orders teams have given for the current turn, not yet resolved (a save made mid-turn,
    # in pass-and-play); written only when there are some
    pending: tuple[Order, ...] = ()
    # the seminar's running clock when the save was made: its phase, the seconds left and
    # whether it was paused; written only when a phase was timed
    clock: tuple[str, float, bool] | None = None


def now_utc() -> str:
    """The current time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def state_hash(state: GameState) -> str:
    """The content hash of a game state."""
    return content_hash(unstructure(state))


# -- attrs objects <-> JSON values ----------------------------------------------------------


def unstructure(obj: Any) -> Any:
    """An attrs object as JSON values: objects become dicts, tuples lists."""
    if attrs.has(type(obj)):
        return {f.name: unstructure(getattr(obj, f.name)) for f in attrs.fields(type(obj))}
    if isinstance(obj, tuple | list):
        return [unstructure(x) for x in obj]
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "an integer", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def structure(tp: Any, value: Any, path: str) -> Any:
    """``value`` (JSON) as an instance of type ``tp``; DamagedSaveError naming ``path`` if it
    does not fit."""
    if tp is Any:
        return value
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        (inner,) = [t for t in options if t is not type(None)]
        return structure(inner, value, path)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DamagedSaveError(f"{path}: expected a number, found {_kind(value)}")
        return float(value)
    if tp in (int, str, bool):
        if type(value) is not tp:
            expected = {int: "an integer", str: "text", bool: "true/false"}[tp]
            raise DamagedSaveError(f"{path}: expected {expected}, found {_kind(value)}")
        return value
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(value, list):
            raise DamagedSaveError(f"{path}: expected a list, found {_kind(value)}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(structure(args[0], x, f"{path}[{i}]") for i, x in enumerate(value))
        if len(value) != len(args):
            raise DamagedSaveError(f"{path}: expected {len(args)} items, found {len(value)}")
        return tuple(
            structure(t, x, f"{path}[{i}]")
            for i, (t, x) in enumerate(zip(args, value, strict=True))
        )
    if attrs.has(tp):
        if not isinstance(value, dict):
            raise DamagedSaveError(f"{path}: expected an object, found {_kind(value)}")
        hints = _hints(tp)
        names = [f.name for f in attrs.fields(tp)]
        extra = sorted(set(value) - set(names))
        if extra:
            raise DamagedSaveError(f"{path}: unexpected key '{extra[0]}'")
        kwargs = {}
        for f in attrs.fields(tp):
            if f.name not in value:
                raise DamagedSaveError(f"{path}: the key '{f.name}' is missing")
            kwargs[f.name] = structure(hints[f.name], value[f.name], f"{path}.{f.name}")
        return tp(**kwargs)
    raise TypeError(f"cannot structure {tp!r}")  # a programming error, not a bad file


# -- the document ---------------------------------------------------------------------------

_ORDER_FIELDS = tuple(f.name for f in attrs.fields(Order))


def _order_list(order: Order) -> list[Any]:
    return [getattr(order, name) for name in _ORDER_FIELDS]


def to_document(save: Save) -> dict[str, Any]:
    """The save as a JSON document (current format version)."""
    g = save.game
    return {
        "format": FORMAT,
        "version": VERSION,
        "game_id": g.id,
        "saved_at": save.saved_at,
        "game": {
            "scenario": {
                "id": g.scenario_id,
                "title": g.scenario_title,
                "hash": g.scenario_hash,
                "data": g.scenario_data,
            },
            "seed": g.seed,
            "difficulty": g.difficulty,
            "teams": [unstructure(t) for t in g.teams],
            "turns": [
                {
                    "turn": t.turn,
                    "orders": [_order_list(o) for o in t.orders],
                    "state_hash": t.state_hash,
                }
                for t in g.turns
            ],
            "facilitator": [unstructure(i) for i in g.facilitator],
            "notes": [unstructure(n) for n in g.notes],
            "passphrase": g.passphrase,
            "injects": [unstructure(i) for i in g.injects],
            "clock": unstructure(g.clock),
        },
        "state": unstructure(save.state),
    } | (
        ({"pending_orders": [_order_list(o) for o in save.pending]} if save.pending else {})
        | ({"clock_left": list(save.clock)} if save.clock is not None else {})
    )


def with_checksum(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its ``checksum``: the content hash of everything else in it."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    return {**body, "checksum": content_hash(body)}


def encode(save: Save) -> bytes:
    """The bytes of a save file (UTF-8 JSON)."""
    try:
        text = json.dumps(
            with_checksum(to_document(save)), indent=1, ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise SaveError(f"this game cannot be saved: {exc}") from None
    return (text + "\n").encode("utf-8")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse(raw: bytes) -> dict[str, Any]:
    """The JSON document in a file's bytes, checked to be a save whose version this code reads
    (any version up to :data:`VERSION`); NotASaveError or NewerSaveError otherwise."""
    if not raw.strip():
        raise NotASaveError("the file is empty: not a save")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotASaveError(
            f"not a save: not UTF-8 text (byte {exc.start} is invalid; is it damaged?)"
        ) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise NotASaveError(
            f"not readable JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}): "
            "the file is truncated, damaged or not a save"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise NotASaveError(f"not readable JSON ({exc}): the file is damaged") from None
    too_big = shape_problems(doc, MAX_DEPTH, MAX_ENTRIES)
    if too_big:
        where = f"{too_big[0].path}: " if too_big[0].path else ""
        raise NotASaveError(f"refused: {where}{too_big[0].message}")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise NotASaveError("not a Collective Resilience save (JSON of some other kind)")
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise DamagedSaveError(f"version: expected a format version number, found {version!r}")
    if version > VERSION:
        raise NewerSaveError(
            f"written by a newer version of the game (save format {version}; this version "
            f"reads formats 1 to {VERSION}): update the game to open it"
        )
    if version >= 2:
        recorded = doc.get("checksum")
        try:
            intact = recorded == with_checksum(doc)["checksum"]
        except (TypeError, ValueError):
            intact = False
        if not intact:
            raise DamagedSaveError(
                "damaged or edited: its checksum does not match its content"
                if recorded is not None
                else "the key 'checksum' is missing"
            )
    return doc


def _get(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, dict):
        raise DamagedSaveError(f"{path or 'the file'}: expected an object, found {_kind(obj)}")
    if key not in obj:
        where = f"{path}: " if path else ""
        raise DamagedSaveError(f"{where}the key '{key}' is missing")
    return obj[key]


def _typed(obj: Any, key: str, path: str, tp: Any) -> Any:
    return structure(tp, _get(obj, key, path), f"{path}.{key}" if path else key)


def from_document(doc: dict[str, Any]) -> Save:
    """A save from a document in the current format version; DamagedSaveError if anything is
    missing, of the wrong type, or the scenario does not match its content hash."""
    game = _get(doc, "game", "")
    scen = _get(game, "scenario", "game")
    data = _get(scen, "data", "game.scenario")
    if not isinstance(data, dict):
        raise DamagedSaveError(f"game.scenario.data: expected an object, found {_kind(data)}")
    recorded = _typed(scen, "hash", "game.scenario", str)
    try:
        actual = content_hash(data)
    except (TypeError, ValueError):
        actual = ""
    if actual != recorded:
        raise DamagedSaveError(
            "the embedded scenario does not match its content hash (the file was altered or "
            "damaged)"
        )
    turns = []
    for i, t in enumerate(_typed(game, "turns", "game", tuple[Any, ...])):
        path = f"game.turns[{i}]"
        orders = []
        for j, o in enumerate(_typed(t, "orders", path, tuple[Any, ...])):
            fields = structure(
                tuple[str, str, str | None, str, str | None], o, f"{path}.orders[{j}]"
            )
            orders.append(Order(*fields))
        turns.append(
            TurnLog(
                turn=_typed(t, "turn", path, int),
                orders=tuple(orders),
                state_hash=_typed(t, "state_hash", path, str | None),
            )
        )
    g = Game(
        id=_typed(doc, "game_id", "", str),
        scenario_id=_typed(scen, "id", "game.scenario", str),
        scenario_title=_typed(scen, "title", "game.scenario", str),
        scenario_hash=recorded,
        scenario_data=data,
        seed=_typed(game, "seed", "game", int),
        difficulty=_typed(game, "difficulty", "game", str),
        teams=_typed(game, "teams", "game", tuple[Team, ...]),
        turns=tuple(turns),
        facilitator=_typed(game, "facilitator", "game", tuple[Intervention, ...]),
        notes=_typed(game, "notes", "game", tuple[Note, ...]),
        passphrase=_typed(game, "passphrase", "game", str | None),
        injects=_typed(game, "injects", "game", tuple[InjectEntry, ...]),
        clock=_typed(game, "clock", "game", tuple[float, float, str] | None),
    )
    pending = (
        tuple(
            Order(
                *structure(tuple[str, str, str | None, str, str | None], o, f"pending_orders[{j}]")
            )
            for j, o in enumerate(_typed(doc, "pending_orders", "", tuple[Any, ...]))
        )
        if "pending_orders" in doc
        else ()
    )
    clock = _typed(doc, "clock_left", "", tuple[str, float, bool]) if "clock_left" in doc else None
    if clock is not None and (clock[0] not in ("discussion", "orders") or not 0 <= clock[1] < 1e6):
        raise DamagedSaveError("clock_left: a phase (discussion or orders) and the seconds left")
    return Save(
        game=g,
        state=_typed(doc, "state", "", GameState),
        saved_at=_typed(doc, "saved_at", "", str),
        pending=pending,
        clock=clock,
    )


def decode(raw: bytes) -> Save:
    """A save from a file's bytes: parsed, migrated to the current version, checked and built
    (not yet replayed: see :mod:`game.saves.replay`)."""
    from game.saves.migrate import migrate

    return from_document(migrate(parse(raw)))


def canonical_state(state: GameState) -> bytes:
    """The canonical JSON of a state (what :func:`state_hash` hashes)."""
    return canonical_json(unstructure(state))
