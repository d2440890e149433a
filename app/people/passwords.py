"""Passwords: hashed with Argon2id through pwdlib (its recommended parameters), checked in
the same time whether or not the account exists, and the few rules a new one must meet."""

import os
import threading
from functools import lru_cache

from pwdlib import PasswordHash

MIN_LENGTH = 10
# Long enough for any passphrase or manager's password; a megabyte of "password" is refused
# before it is hashed.
MAX_LENGTH = 256

_hasher = PasswordHash.recommended()

#: Hashes computed at once in a process. Each Argon2id hash takes its parameters' 4 lanes,
#: so a few saturate the cores: a storm of sign-ins queues here, in the thread pool, and the
#: event loop and other requests keep some CPU (bench/signin.py).
_slots = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


# What an unknown email's password is checked against, so a wrong address takes as long to
# refuse as a wrong password: a hash made with today's parameters (of a password nobody has).
_DUMMY = (
    "$argon2id$v=19$m=65536,t=3,p=4$OdbW9plPuGDkT/06SEWpvg$"
    "4IwHBsa/UqJAssWXgG1cDvE7RiqiyXMo87OQJEM20cI"
)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Made again, once per process, if a newer pwdlib recommends other parameters (which a
    # real hash would then be checked with).
    if _hasher.hashers[0].check_needs_rehash(_DUMMY):
        return _hasher.hash("no account has this password")
    return _DUMMY


def verify(password: str, stored: str | None) -> tuple[bool, str | None]:
    """Whether `password` matches `stored` (None: no password set, checked against a dummy
    hash all the same), and the new hash to store when the parameters changed since."""
    if stored is None:
        dummy = _dummy_hash()
        with _slots:
            _hasher.verify(password, dummy)
        return False, None
    with _slots:
        return _hasher.verify_and_update(password, stored)


def problem(password: str, confirm: str) -> tuple[str, str] | None:
    """(field, message) of what is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return "password", f"must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return "password", f"must be at most {MAX_LENGTH} characters"
    if not password.strip():
        return "password", "must hold something besides spaces"
    if password != confirm:
        return "confirm", "does not match the password"
    return None
