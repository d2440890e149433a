"""Every route against docs/roles.md: each row's route asked as each role and without a key,
on both databases, and the table checked to name every route the app has, and no other."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from app.auth.models import Role
from app.auth.service import create_key
from app.config import Settings
from app.db import Database
from app.integrations.bulk import Bulk
from app.main import create_app
from app.routing import flat_routes
from app.ui.session import COOKIE, LOGIN
from tests.conftest import SAME_SITE, empty_tables
from tests.helpers import stored_chain

DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
NO_KEY = "no key"
#: The table's columns after the route, and the key each stands for (None: no key at all).
WHO: dict[str, Role | None] = {NO_KEY: None} | {role.value: role for role in Role}

#: A record id that no test stores: a 404 after the role check is as good as a 200.
MISSING = 987_654
#: Example values of the path parameters that need no stored record.
PARAMS = {
    "external_id": "crm-roles-none",
    "resource": "needs",
    "kind": "sector",
    "value": "no-such-value",
    "token": "not-a-link-token",
    "engagement_id": str(MISSING),
    "hold_id": str(MISSING),
    "link_id": str(MISSING),
}
#: Routes whose path names a file to serve.
FILES = {"/static/docs/{path}": "swagger-ui.css", "/ui/static/{path}": "ui.css"}
#: Whose `{id}` a route takes, by the path before it, where one of the stored records fits.
STORED = {
    "/v1/organizations/": "organization",
    "/ui/partners/": "organization",
    "/v1/contacts/": "contact",
    "/v1/needs/": "need",
    "/ui/needs/": "need",
}
#: Logging out ends the session and goes to the login form, whoever asks.
LOGOUT = ("POST", "/ui/logout")
#: Signing in again ends the session the browser came with (a new token at every sign-in).
ENDS_THE_SESSION = {LOGOUT, ("POST", "/ui/login")}


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    allowed: dict[str, bool]  # by column of WHO


def tables(text: str) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Each Markdown table of `text`: its header's cells and its rows' cells."""
    block: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append([cell.strip().strip("`") for cell in line.strip().strip("|").split("|")])
            continue
        if len(block) > 2:
            yield block[0], block[2:]
        block = []


def cells(header: list[str], row: list[str], first: int) -> dict[str, bool]:
    assert header[first:] == list(WHO), f"columns should be {list(WHO)}: {header}"
    assert len(row) == len(header), f"a row of {len(header)} cells: {row}"
    assert set(row[first:]) <= {"yes", "no"}, f"each cell is yes or no: {row}"
    return {who: cell == "yes" for who, cell in zip(WHO, row[first:], strict=True)}


def read_doc() -> tuple[list[Row], dict[str, dict[str, bool]]]:
    """The routes' rows and the import table's, as docs/roles.md has them."""
    rows: list[Row] = []
    imports: dict[str, dict[str, bool]] = {}
    for header, body in tables(DOC.read_text(encoding="utf-8")):
        if header[:2] == ["method", "path"]:
            rows += [Row(r[0], r[1], cells(header, r, 2)) for r in body]
        elif header[0] == "import resource":
            imports |= {r[0]: cells(header, r, 1) for r in body}
    return rows, imports


ROWS, IMPORTS = read_doc()


def app_routes(app: FastAPI) -> Iterator[tuple[str, str, re.Pattern[str]]]:
    """Each (method, path template, pattern) the app answers, in the order it tries them. HEAD
    goes with GET; a mount of static files answers GET."""
    for route, template, pattern in flat_routes(app.routes):
        methods = set(getattr(route, "methods", None) or {"GET"})
        if "GET" in methods:
            methods.discard("HEAD")
        for method in sorted(methods):
            yield method, template, pattern


def is_page(path: str) -> bool:
    return path == "/ui" or path.startswith("/ui/")


@dataclass
class World:
    """One app over the test database, for the whole module: a key and a page session per
    role, and an organization with a contact and a need to name in paths."""

    app: FastAPI
    client: TestClient
    keys: dict[Role, str]
    sessions: dict[Role, str]
    stored: dict[str, int]

    def example(self, method: str, template: str) -> str:
        """A path the route of `template` answers: stored records' ids where they fit, except
        for a DELETE (the records stay for the other rows; a 404 is past the role check)."""
        if template in FILES:
            return template.replace("{path}", FILES[template])
        record = STORED.get(template.split("{id}")[0], "") if method != "DELETE" else ""
        values = PARAMS | {"id": str(self.stored.get(record, MISSING))}
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)

    def log_in(self, key: str) -> str:
        """The session cookie the login form gives for `key`."""
        response = self.client.post("/ui/login", data={"api_key": key}, follow_redirects=False)
        assert response.status_code == 303, response.text
        token = response.cookies[COOKIE]
        self.client.cookies.clear()
        return token

    def send(self, method: str, template: str, who: Role | None, path: str = "") -> Response:
        """The route asked by a key of `who` (a page: by a session of it), with a minimal body;
        every cookie the answer sets is forgotten."""
        path = path or self.example(method, template)
        headers: dict[str, str] = {}
        body: dict[str, Any] = {}
        if is_page(template):
            if who is not None:
                fresh = (method, template) in ENDS_THE_SESSION  # sent with a session of its own
                token = self.log_in(self.keys[who]) if fresh else self.sessions[who]
                headers["Cookie"] = f"{COOKIE}={token}"
            if method == "POST":
                form = {"api_key": self.keys[who]} if template == "/ui/login" and who else {}
                body["data"] = form
        else:
            if who is not None:
                headers["Authorization"] = f"Bearer {self.keys[who]}"
            if template.startswith("/p/") and method == "POST":
                body["data"] = {}
            elif template.startswith("/v1/import/"):
                body["content"], headers["Content-Type"] = b"", "text/csv"
            elif method in ("POST", "PUT", "PATCH"):
                body["json"] = {}
        try:
            return self.client.request(
                method, path, headers=headers, follow_redirects=False, **body
            )
        finally:
            self.client.cookies.clear()


@pytest.fixture(scope="module")
def world(database: Database) -> Iterator[World]:
    # No limit on tries: several hundred requests a key, and bad link tokens on purpose.
    settings = Settings(
        database_url=database.url,
        embedder="tfidf",
        rate_limit="100000/minute",
        link_attempt_limit="100000/hour",
    )
    app = create_app(settings, db=database)
    with database.sessionmaker.begin() as session:
        keys = {role: create_key(session, f"roles {role.value}", role)[1] for role in Role}
    try:
        with TestClient(app, raise_server_exceptions=False, headers=SAME_SITE) as client:
            chain = stored_chain(client, {"Authorization": f"Bearer {keys[Role.admin]}"})
            world = World(
                app=app,
                client=client,
                keys=keys,
                sessions={},
                stored={name: record["id"] for name, record in chain.items()},
            )
            world.sessions = {role: world.log_in(keys[role]) for role in Role}
            yield world
    finally:
        empty_tables(database)


def to_login(response: Response) -> bool:
    location = response.headers.get("location", "")
    return response.status_code == 303 and urlsplit(location).path == LOGIN


def check(response: Response, template: str, who: Role | None, allowed: bool) -> None:
    """The answer is what the table's cell says: past the role check, or refused."""
    said = f"{response.status_code} {response.headers.get('location', '')} {response.text[:300]}"
    page = is_page(template)
    if allowed:
        assert response.status_code not in (401, 403), f"the table says yes: {said}"
        # A 500 would hide whether the check let the request through.
        assert response.status_code < 500, said
        if page and (response.request.method, template) != LOGOUT:
            assert not to_login(response), f"the table says yes, the page sent to login: {said}"
    elif who is None and page:
        assert to_login(response), f"the table says no: without a session, 303 to login: {said}"
    else:
        expected = 401 if who is None else 403
        assert response.status_code == expected, f"the table says no ({expected}): {said}"


def test_the_table_has_a_row_for_every_route_and_no_other(world: World) -> None:
    documented = [(row.method, row.path) for row in ROWS]
    assert len(documented) == len(set(documented)), "a route has two rows"
    served = {(method, template) for method, template, _ in app_routes(world.app)}
    assert sorted(served - set(documented)) == [], "routes with no row in docs/roles.md"
    assert sorted(set(documented) - served) == [], "rows of docs/roles.md for no route"


def test_each_row_is_tried_on_its_own_route(world: World) -> None:
    """The example path of a row reaches that row's route and no other, so a 404 or 405 it
    gets is the route's own answer."""
    routes = list(app_routes(world.app))
    for row in ROWS:
        path = world.example(row.method, row.path)
        first = next(
            (template for method, template, pattern in routes
             if method == row.method and pattern.match(path)),
            None,
        )  # fmt: skip
        assert first == row.path, (row.method, path)


def test_the_import_table_names_every_resource() -> None:
    assert sorted(IMPORTS) == sorted(Bulk), "docs/roles.md: one row per import resource"
    row = next(r for r in ROWS if r.path == "/v1/import/{resource}")
    assert row.allowed == IMPORTS[PARAMS["resource"]], "the import row is that of its example"


@pytest.mark.parametrize(
    ("row", "who"),
    [pytest.param(row, who, id=f"{row.method} {row.path} {who}") for row in ROWS for who in WHO],
)
def test_route_as_role(world: World, row: Row, who: str) -> None:
    response = world.send(row.method, row.path, WHO[who])
    check(response, row.path, WHO[who], row.allowed[who])


@pytest.mark.parametrize(
    ("resource", "who"),
    [pytest.param(resource, who, id=f"{resource} {who}") for resource in IMPORTS for who in WHO],
)
def test_import_as_role(world: World, resource: str, who: str) -> None:
    template = "/v1/import/{resource}"
    path = template.replace("{resource}", resource)
    response = world.send("POST", template, WHO[who], path=path)
    check(response, template, WHO[who], IMPORTS[resource][who])
