"""A cheaper way to build the frozen objects a game makes by the hundred.

A frozen slotted attrs class sets each field through ``object.__setattr__`` (its own
``__setattr__`` refuses), which costs about a thousand machine instructions a field under
Python 3.11: a turn's six ``AllyState`` of 21 fields, the delayed effects (``Pending``) and
the AI's orders cost a few million a game that way. :func:`builder` returns a constructor
with the same fields, in the same order and with the same defaults, that fills a mutable
twin of the class (made by attrs from the same fields, so nothing is listed twice) with plain
slot stores and then turns the object into an instance of the frozen class (``__class__``
assignment between two slotted classes of the same layout, which Python allows). What it
returns *is* an instance of the frozen class: equal to, hashing and printing as, and as
immutable as one made by the class itself.

The class must be slotted without a ``__weakref__`` slot (``@frozen(weakref_slot=False)``):
Python refuses the ``__class__`` assignment for classes with one. There are no validators or
converters on the classes it is used for; it would skip them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """A constructor for the frozen slotted attrs class ``cls`` taking the same arguments as
    ``cls`` itself (positional or by name), returning an instance of ``cls``, cheaper."""
    fields = attrs.fields(cast(Any, cls))
    if any(f.validator is not None or f.converter is not None for f in fields):
        raise TypeError(f"{cls.__name__} has validators or converters: builder would skip them")
    if "__weakref__" in getattr(cls, "__slots__", ("__weakref__",)):
        raise TypeError(f"{cls.__name__} must be slotted with weakref_slot=False")

    def become(self: Any) -> None:
        self.__class__ = cls

    spec = {f.name: attrs.field(default=f.default) for f in fields}
    twin = attrs.make_class(
        f"Building{cls.__name__}",
        spec,
        class_body={"__attrs_post_init__": become},
        slots=True,
        weakref_slot=False,
        eq=False,
        order=False,
        repr=False,
        hash=False,
    )
    built: Callable[..., T] = twin
    return built
