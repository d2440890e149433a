"""Webhook signing secrets at rest: kept as Fernet tokens (AES-128-CBC and HMAC-SHA256) under
server-side keys, so a copy of the database alone neither shows them nor lets anyone sign.

The keys are WEBHOOK_SECRET_KEYS: the first encrypts, every one decrypts (MultiFernet), so a key
is rotated by putting a new one first, re-encrypting (`partnermatch webhooks reencrypt`), then
dropping the old one. Unset, one key is made once in a file beside the database, so the demo
and the tests run with no configuration; production sets the keys, kept apart from the data.
"""

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.engine import make_url

from app.config import Settings

log = logging.getLogger(__name__)

KEY_FILE_NAME = "webhook-secret.key"
# Where the key file goes when the database is not a SQLite file (PostgreSQL): the folder the
# default database lives in, relative to the working directory like it.
DEFAULT_KEY_DIR = Path("data")
SETTING = "WEBHOOK_SECRET_KEYS"


class KeysUnusable(Exception):
    """The keys cannot be used: one is not a Fernet key, or the key file cannot be read or
    made. `reason` says which, and never holds a key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SecretUnreadable(KeysUnusable):
    """A stored secret opens with none of the keys: a wrong key, or the one that encrypted it
    was taken out of the list too soon."""


@dataclass(frozen=True)
class Keyring:
    """The keys in use; `source` says where they came from (the setting or the key file)."""

    keys: MultiFernet
    first: Fernet
    source: str

    @classmethod
    def of(cls, keys: Sequence[str], source: str) -> "Keyring":
        """The keyring of `keys` (the first encrypts), or KeysUnusable naming the bad one."""
        fernets = []
        for n, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key.strip()))
            except (ValueError, TypeError):  # binascii.Error is a ValueError
                which = f"key {n} of {len(keys)} in {source}" if len(keys) > 1 else source
                raise KeysUnusable(
                    f"{which} is not a Fernet key (32 url-safe base64-encoded bytes)"
                ) from None
        if not fernets:
            raise KeysUnusable(f"{source} holds no key")
        return cls(MultiFernet(fernets), fernets[0], source)

    def encrypt(self, secret: str) -> str:
        """`secret` encrypted with the first key: the text to store."""
        return self.keys.encrypt(secret.encode()).decode("ascii")

    def decrypt(self, stored: str) -> str:
        """The secret `stored` holds, opened with whichever key encrypted it."""
        try:
            return self.keys.decrypt(stored.encode()).decode()
        except InvalidToken:
            raise SecretUnreadable(self._unreadable()) from None

    def is_current(self, stored: str) -> bool:
        """Whether `stored` was encrypted with the first key (nothing to re-encrypt)."""
        try:
            self.first.decrypt(stored.encode())
        except InvalidToken:
            return False
        return True

    def reencrypt(self, stored: str) -> str:
        """`stored` encrypted again with the first key."""
        try:
            return self.keys.rotate(stored.encode()).decode("ascii")
        except InvalidToken:
            raise SecretUnreadable(self._unreadable()) from None

    def _unreadable(self) -> str:
        return (
            f"no key in {self.source} decrypts the stored secret (a wrong key, or the key that "
            "encrypted it was removed before `partnermatch webhooks reencrypt` ran)"
        )


def keyring_for(settings: Settings) -> Keyring:
    """The keyring the settings name: WEBHOOK_SECRET_KEYS, or else the key file beside the
    database (made on first use). Raises KeysUnusable."""
    keys = tuple(key.get_secret_value() for key in settings.webhook_secret_keys)
    return load_keyring(keys, settings.database_url)


@lru_cache(maxsize=16)
def load_keyring(keys: tuple[str, ...], database_url: str) -> Keyring:
    """The keyring of `keys`, or when there are none of the key file for `database_url`.
    Read once per process (like the environment): a changed key needs a restart."""
    if keys:
        return Keyring.of(keys, SETTING)
    path = key_file(database_url)
    return Keyring.of([_read_or_make(path)], f"the key file {path}")


def key_file(database_url: str) -> Path:
    """Where the key is kept when WEBHOOK_SECRET_KEYS is unset: beside a SQLite database's
    file, else in `data/` under the working directory."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).parent / KEY_FILE_NAME
    return DEFAULT_KEY_DIR / KEY_FILE_NAME


def _read_or_make(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        raise KeysUnusable(f"the key file {path} cannot be read ({_why(exc)})") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under a temporary name (mkstemp: readable by this user only), then
        # linked into place: a link fails where the file exists, so of processes starting
        # together one key wins, and no process ever reads a half-written file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".webhook-secret-")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(Fernet.generate_key().decode("ascii") + "\n")
            os.link(tmp, path)
        except FileExistsError:
            pass
        else:
            log.warning(
                "%s is not set: made a key for webhook secrets in %s (set %s in production, "
                "kept apart from the database)",
                SETTING,
                path,
                SETTING,
            )
        finally:
            os.unlink(tmp)
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeysUnusable(f"the key file {path} cannot be made ({_why(exc)})") from None


def _why(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or type(exc).__name__
