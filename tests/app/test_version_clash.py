"""Two requests change one record at once: the one that loses the race is told which fields
the other changed and the version stored now (409), not a bare "changed by another request"."""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.writes.service import WriteService
from tests.helpers import organization, post


def test_the_loser_of_two_concurrent_changes_is_told_what_the_other_changed(
    client: TestClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    org = post(client, admin, "organizations", organization())
    # Both requests have read version 1 and passed their checks before either writes.
    barrier = threading.Barrier(2, timeout=20)
    checked = WriteService._check

    def together(self: WriteService[Any], *args: Any, **kwargs: Any) -> None:
        checked(self, *args, **kwargs)
        barrier.wait()

    monkeypatch.setattr(WriteService, "_check", together)
    changes = [{"description": "Now also runs a robotics cell."},
               {"website": "https://precision.example"}]  # fmt: skip

    def send(i: int) -> tuple[int, Any]:
        response = client.patch(f"/v1/organizations/{org['id']}", json=changes[i], headers=admin)
        return response.status_code, response.json()

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(send, range(2)))
    codes = [code for code, _ in answers]
    assert sorted(codes) == [200, 409], answers
    lost = codes.index(409)
    other_field = next(iter(changes[1 - lost]))
    problem = answers[lost][1]
    assert f"changed: {other_field}" in problem["detail"]
    assert "now version 2" in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == [other_field]
    stored = client.get(f"/v1/organizations/{org['id']}", headers=admin).json()
    assert stored[other_field] == changes[1 - lost][other_field]
