"""Secrets kept out of the logs: a partner link's token never reaches the access log."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI

from app.ops import logs
from app.ops.logs import SecretMask, mask
from tests.helpers import served

TOKEN = "9-XgaFdRuSyC-e3KeeBmcx9SFmn89Xrn3IBlQcy66jA"


@contextmanager
def access_log(handler: logging.Handler) -> Iterator[None]:
    """uvicorn's access log at INFO, into `handler`. uvicorn's logging configuration stops the
    logger from propagating, so the handler goes on the logger itself (after uvicorn starts:
    its configuration replaces the logger's handlers)."""
    access = logging.getLogger("uvicorn.access")
    level = access.level
    access.setLevel(logging.INFO)
    access.addHandler(handler)
    try:
        yield
    finally:
        access.removeHandler(handler)
        access.setLevel(level)


def test_a_link_token_is_masked_in_the_access_log(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    with served(app) as base, access_log(caplog.handler):
        # No such link: a 404, logged all the same.
        assert httpx.get(f"{base}/p/{TOKEN}", trust_env=False).status_code == 404
        posted = httpx.post(
            f"{base}/p/{TOKEN}",
            data={"satisfaction": "4"},
            headers={"Origin": base},
            trust_env=False,
        )
        assert posted.status_code == 404
        httpx.get(f"{base}/ui/login?next=%2Fp%2F{TOKEN}&token={TOKEN}", trust_env=False)
    records = [r for r in caplog.records if r.name == "uvicorn.access"]
    assert len(records) == 3
    for record in records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
    assert "GET /p/9-Xg*** HTTP/1.1" in records[0].getMessage()
    assert "POST /p/9-Xg*** HTTP/1.1" in records[1].getMessage()
    assert "next=%2Fp%2F9-Xg***&token=***" in records[2].getMessage()


def test_the_mask_is_installed_once_whatever_the_number_of_apps(app: FastAPI) -> None:
    logs.install()
    for name in logs.LOGGERS:
        found = logging.getLogger(name).filters
        assert sum(isinstance(f, SecretMask) for f in found) == 1


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"/p/{TOKEN}", "/p/9-Xg***"),
        (f"/p/{TOKEN}/", "/p/9-Xg***/"),
        ("/p/short", "/p/***"),
        (f"/v1/organizations?api_key=pm_{TOKEN}&cursor=aWQ6Mw", "?api_key=***&cursor=aWQ6Mw"),
        (f"/x?Secret={TOKEN}#top", "/x?Secret=***#top"),
        ("/v1/plans/3?limit=10", "/v1/plans/3?limit=10"),
        ("/v1/programs/7/needs", "/v1/programs/7/needs"),
    ],
)
def test_what_is_masked(line: str, masked: str) -> None:
    assert masked in mask(line)
    assert TOKEN not in mask(line)


def test_any_record_through_the_mask_loses_the_token() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/p/{TOKEN}", "1.1", 200),
        None,
    )
    assert SecretMask().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /p/9-Xg*** HTTP/1.1" 200'
    named = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "%(path)s", ({"path": f"/p/{TOKEN}"},), None
    )
    assert SecretMask().filter(named)
    assert named.getMessage() == "/p/9-Xg***"
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, f"opened /p/{TOKEN}", None, None)
    assert SecretMask().filter(plain)
    assert plain.getMessage() == "opened /p/9-Xg***"
    # A `%s` after /p/ in a format is not taken for a token (nor would the format then fail).
    formatted = logging.LogRecord("x", logging.INFO, __file__, 1, "/p/%s", ("/p/x",), None)
    assert SecretMask().filter(formatted)
    assert formatted.getMessage() == "/p//p/***"
