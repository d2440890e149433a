"""Fixtures for the web pages: a client logged in with a key of a given role."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role

LoginAs = Callable[[Role], TestClient]


@pytest.fixture
def login_as(client: TestClient, keys: dict[Role, str]) -> LoginAs:
    """Log the test client in through the login form (the session cookie it sets is kept)."""

    def login(role: Role) -> TestClient:
        client.cookies.clear()
        response = client.post("/ui/login", data={"api_key": keys[role]}, follow_redirects=False)
        assert response.status_code == 303, response.text
        return client

    return login
