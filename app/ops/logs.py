"""Secrets kept out of the logs: a partner link's token (`/p/<token>`), a person's invitation
or reset link's (`/ui/invite/<token>`, `/ui/reset/<token>`) and query parameters
named like a secret are masked in every record of the access log before any handler sees it."""

import logging
import re
from typing import Any

#: The loggers every request line passes through: uvicorn's access log (httptools and h11
#: alike) and its error log, which may name the request that failed.
LOGGERS = ("uvicorn.access", "uvicorn.error")
#: What is left of a masked value; the first characters of a link's token tell links apart in
#: an incident without letting anyone open one.
MASK = "***"
SHOWN = 4

# A link page's path, also percent-encoded (in a `next=` parameter, say); the token runs to
# the next separator of the path, the query or the log line.
# A person's invitation and reset links (/ui/invite/<token>, /ui/reset/<token>) likewise.
_LINK = re.compile(
    r"(?P<head>(?:/|%2F)(?:p|ui(?:/|%2F)(?:invite|reset))(?:/|%2F))(?P<token>[^/?#&\s\"']+)",
    re.IGNORECASE,
)
_QUERY = re.compile(
    r"(?P<head>[?&][^=&#\s\"']*(?:token|key|secret|password|signature)[^=&#\s\"']*=)"
    r"(?P<value>[^&#\s\"']+)",
    re.IGNORECASE,
)


def _token(match: re.Match[str]) -> str:
    token = match["token"]
    # A short one shows nothing: four characters would be most of it.
    kept = token[:SHOWN] if len(token) > 2 * SHOWN else ""
    return f"{match['head']}{kept}{MASK}"


def mask(text: str) -> str:
    """`text` with link tokens and secret query values masked: `/p/9-Xg***`, `?token=***`."""
    text = _LINK.sub(_token, text)
    return _QUERY.sub(lambda m: f"{m['head']}{MASK}", text)


def _masked(value: Any) -> Any:
    return mask(value) if isinstance(value, str) else value


class SecretMask(logging.Filter):
    """Masks secrets in a record's message, or in each of its arguments (uvicorn's access
    log formats its own: the path is one of them); never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # With arguments the message is a format: a `%s` in it is no token to mask.
        if isinstance(record.msg, str) and not record.args:
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_masked(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {name: _masked(arg) for name, arg in record.args.items()}
        return True


def install() -> None:
    """Put the mask on the access loggers, once per process whatever the number of apps. A
    logger's filters see its records before any handler, whatever the logging configuration
    (uvicorn's, `--log-config`, a test's), and reconfiguring it does not remove them."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, SecretMask) for f in logger.filters):
            logger.addFilter(SecretMask())
