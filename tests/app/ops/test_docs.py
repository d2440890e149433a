"""The API docs pages work offline: every script and stylesheet they load is served by the app
itself, and none comes from another host."""

import re

import pytest
from fastapi.testclient import TestClient

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
URL_IN_SCRIPT = re.compile(
    r"""(?:url|openapi_url)\s*:\s*["']([^"']+)["']|spec-url=["']([^"']+)["']"""
)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_load_only_what_the_app_serves(client: TestClient, page: str) -> None:
    answer = client.get(page)
    assert answer.status_code == 200
    html = answer.text
    assets = ASSET.findall(html)
    assert len(assets) >= 2, html  # a script and a stylesheet (or favicon) at least
    for url in assets:
        assert url.startswith("/"), f"{page} loads {url}"
        assert not url.startswith("//"), f"{page} loads {url} from another host"
        served = client.get(url)
        assert served.status_code == 200, url
        assert len(served.content) > 0
    # No http(s) address anywhere in the page: no CDN, no web fonts, no validator badge.
    assert re.search(r"https?://", html) is None, html
    # The OpenAPI document it reads is ours too.
    documents = [a or b for a, b in URL_IN_SCRIPT.findall(html)]
    assert documents == ["/openapi.json"]
    assert client.get("/openapi.json").status_code == 200


def test_swagger_ui_is_version_5_for_openapi_3_1(client: TestClient) -> None:
    # FastAPI writes OpenAPI 3.1, which Swagger UI renders only from version 5 on.
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    bundle = client.get("/static/docs/swagger-ui-bundle.js").text
    assert "OpenAPI 3.1" in bundle or "openapi31" in bundle.lower() or "3.1.0" in bundle
