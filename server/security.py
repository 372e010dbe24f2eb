"""Passwords (Argon2) and bearer tokens (random, stored as SHA-256: they carry 256 bits
of entropy, so a slow hash would only slow every request down)."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_tracking_code() -> str:
    return secrets.token_urlsafe(9)  # 12 characters, 72 bits: unguessable
