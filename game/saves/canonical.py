"""Canonical JSON and content hashes: the same data always gives the same bytes and hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(data: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces; NaN and infinities are refused."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_hash(data: Any) -> str:
    """``sha256:`` and the hex digest of the canonical JSON of ``data``."""
    return "sha256:" + hashlib.sha256(canonical_json(data)).hexdigest()
