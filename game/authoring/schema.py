"""The JSON Schema of the scenario format, built from what the loader actually reads.

The loader records every key it reads (``game.engine.record_keys``); loading the shipped default
scenario and the starter template exercises every part of the format, so the schema cannot
drift from the loader. The schema checks names, types, ranges and choices (editors use it for
completion); ``resilience validate`` also checks completeness and references.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from game.engine import REMOVABLE, record_keys
from game.scenarios import builtin_dir, load

SCHEMA_ID = "https://collective-resilience.invalid/scenario.schema.json"


def recorded_keys() -> dict[str, dict[str, Any]]:
    """Every key path the loader reads, with type, range, choices and default."""
    from game.authoring.template import TEMPLATE

    def load_both() -> None:
        load(builtin_dir() / "collective-resilience.toml")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "template.toml"
            path.write_text(TEMPLATE.format(name=path.name, stem="template"), encoding="utf-8")
            load(path)

    return record_keys(load_both)


def _leaf(spec: dict[str, Any]) -> dict[str, Any]:
    kind = spec["type"]
    out: dict[str, Any]
    if kind in ("number", "integer"):
        out = {"type": kind}
        if spec.get("lo") is not None:
            out["minimum"] = spec["lo"]
        if spec.get("hi") is not None:
            out["maximum"] = spec["hi"]
    elif kind == "string":
        out = {"type": "string"}
        if spec.get("choices"):
            out["enum"] = spec["choices"]
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "strings":
        out = {"type": "array", "items": {"type": "string"}}
    elif kind == "tables":
        out = {"type": "array", "items": _object()}
    else:  # table, map
        out = _object()
    if "default" in spec:
        out["default"] = spec["default"]
    return out


def _object() -> dict[str, Any]:
    return {"type": "object", "properties": {}, "additionalProperties": False}


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file."""
    root = _object()
    for path, spec in sorted(recorded_keys().items()):
        node = root
        parts = path.split(".")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            is_array = part.endswith("[]")
            name = part[:-2] if is_array else part
            if name == "*":  # the ids of a map: any key, one shape
                if not isinstance(node.get("additionalProperties"), dict):
                    node["additionalProperties"] = _leaf(spec) if last else _object()
                child = node["additionalProperties"]
            else:
                props = node.setdefault("properties", {})
                if name not in props:
                    if last:
                        props[name] = _leaf(spec)
                    elif is_array:
                        props[name] = {"type": "array", "items": _object()}
                    else:
                        props[name] = _object()
                child = props[name]
            node = child["items"] if is_array else child
    props = root["properties"]
    props["extends"] = {
        "type": "string",
        "description": "a shipped scenario name or a path relative to this file",
    }
    props["remove"] = {
        "type": "object",
        "properties": {k: {"type": "array", "items": {"type": "string"}} for k in REMOVABLE},
        "additionalProperties": False,
    }
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    root["$id"] = SCHEMA_ID
    root["title"] = "Collective Resilience scenario"
    return root
