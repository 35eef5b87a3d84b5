"""The facilitator's passphrase, kept as a salted hash (in the session and the save) so that
a team at the shared laptop cannot read it from a save file."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ROUNDS = 60_000  # PBKDF2 rounds: a few tens of milliseconds per check


def hash_passphrase(passphrase: str, salt: str | None = None) -> str:
    """``pbkdf2:SALT:HEX``, the form stored."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt.encode(), _ROUNDS)
    return f"pbkdf2:{salt}:{digest.hex()}"


def matches(passphrase: str, stored: str) -> bool:
    """True if ``passphrase`` is the one ``stored`` was made from."""
    parts = stored.split(":")
    if len(parts) != 3 or parts[0] != "pbkdf2":
        return False
    return hmac.compare_digest(hash_passphrase(passphrase, parts[1]), stored)
