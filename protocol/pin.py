"""The kiosk's admin PIN as a salted PBKDF2 hash, shared by the kiosk (which keeps it in
its settings file) and the server (which keeps one per device, set with
`motcua device add … --admin-pin` / `motcua device set-pin`, and gives it to that
kiosk in `GET /auth/me`). Only the hash ever leaves the machine it was typed on.

Pure Python (hashlib): the kiosk and the server check the same format.
"""

import hashlib
import hmac
import secrets

PIN_ITERATIONS = 120_000  # ~0.1 s on a small kiosk PC: slows guessing, not the user
PIN_HASH_MAX = 200  # characters of a stored hash (the database column)


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be an admin PIN, or None."""
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
        return "the admin PIN is 4 to 12 digits"
    return None


def hash_pin(pin: str, *, salt: str | None = None, iterations: int = PIN_ITERATIONS) -> str:
    """ "pbkdf2_sha256$iterations$salt$hex" for `pin`."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, iterations, salt, _ = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        candidate = hash_pin(pin, salt=salt, iterations=int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(candidate, stored)


def is_pin_hash(stored: str) -> bool:
    """`stored` has the shape `hash_pin` writes (a kiosk refuses anything else)."""
    parts = stored.split("$")
    return (
        len(stored) <= PIN_HASH_MAX
        and len(parts) == 4
        and parts[0] == "pbkdf2_sha256"
        and parts[1].isdigit()
        and all(c in "0123456789abcdef" for c in parts[2] + parts[3])
        and bool(parts[2] and parts[3])
    )
