"""The cheaper constructors of frozen state objects (game/engine/build.py) build the very
objects the classes build: same class, equal, same hash and repr, just as immutable."""

from __future__ import annotations

import pickle

import attrs
import pytest
from attrs import evolve, frozen

from game.engine import GameState, Order, Pending, Scenario, new_game, new_order
from game.engine.build import builder
from game.engine.state import new_pending


def test_a_built_object_is_an_instance_of_the_frozen_class_and_equal_to_one() -> None:
    made = Pending(3, 5, "ally", "japan", "resolve", -2.5, -1, "boycott")
    built = new_pending(3, 5, "ally", "japan", "resolve", -2.5, -1, "boycott")
    assert type(built) is Pending
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.amount = 0.0  # type: ignore[misc]
    assert evolve(built, amount=1.0) == evolve(made, amount=1.0)
    assert pickle.loads(pickle.dumps(built)) == made


def test_a_builder_takes_names_and_defaults_as_the_class_does() -> None:
    assert new_order("japan", "talent-programme") == Order("japan", "talent-programme")
    assert new_order(ally="japan", move="x", kind="propose") == Order("japan", "x", None, "propose")
    with pytest.raises(TypeError):
        new_order("japan")  # a field without a default is missing, as with Order itself


def test_a_class_with_a_weakref_slot_is_refused() -> None:
    @frozen
    class Weak:
        x: int

    with pytest.raises(TypeError, match="weakref_slot=False"):
        builder(Weak)


def test_a_played_state_is_made_of_the_frozen_classes(scenario: Scenario) -> None:
    state, _ = new_game(scenario, 1, "normal", explain=False)
    assert type(state) is GameState
    for ally in state.allies:
        assert type(ally).__name__ == "AllyState"
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ally.resolve = 0.0  # type: ignore[misc]
