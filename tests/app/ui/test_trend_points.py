"""A period whose mean rests on one temperature check is no point of the satisfaction trend
(issue 24): it is drawn alone, as a ring marked n=1, the line breaks there, and the chart's
legend says so."""

import re

from fastapi.testclient import TestClient

from app.auth.models import Role
from app.ui import charts
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.helpers import organization, post

TICKS = [(1.0, "1"), (5.0, "5")]


def test_a_single_check_is_a_lone_point_and_breaks_the_line() -> None:
    drawn = charts.lines(
        ["2026-09", "2026-10", "2026-11", "2026-12"],
        [("Mean satisfaction", "line-satisfaction", [4.0, 3.5, 2.0, 4.5])],
        low=1.0,
        high=5.0,
        ticks=TICKS,
        counts=[3, 2, 1, 2],
    )
    [series] = drawn.series
    assert len(series.dots) == 3  # September, October, December
    assert [len(s.split()) for s in series.segments] == [2, 1]  # Sep-Oct joined; Dec alone
    [(point, label)] = series.lone
    assert label == "n=1"
    assert point.x not in {d.x for d in series.dots}
    assert all(f"{point.x}," not in s for s in series.segments)


def test_without_counts_every_value_is_a_point_of_the_line() -> None:
    drawn = charts.lines(["2026-09", "2026-10"], [("x", "line-x", [2.0, 3.0])],
                         low=1.0, high=5.0, ticks=TICKS)  # fmt: skip
    [series] = drawn.series
    assert series.lone == []
    assert [len(s.split()) for s in series.segments] == [2]


def test_the_outcomes_page_marks_a_months_single_check(
    client: TestClient, admin: dict[str, str], login_as: LoginAs
) -> None:
    org = post(client, admin, "organizations", organization())["id"]
    for day, satisfaction in [("2026-09-03", 4), ("2026-09-20", 5), ("2026-10-02", 3),
                              ("2026-10-25", 4), ("2026-11-12", 1), ("2026-12-01", 4),
                              ("2026-12-15", 5)]:  # fmt: skip
        check = {"organization_id": org, "checked_at": f"{day}T10:00:00Z",
                 "satisfaction": satisfaction}  # fmt: skip
        post(client, admin, "temperature-checks", check)
    response = login_as(Role.viewer).get("/ui/outcomes?from=2026-09-01&to=2026-12-31")
    assert response.status_code == 200, response.text
    chart = response.text.split('id="sat-chart-title"')[1].split("</svg>")[0]
    assert chart.count('class="lone"') == 1
    assert re.search(r'class="tick lone-label"[^>]*>n=1</text>', chart)
    polylines = re.findall(r'<polyline points="([^"]+)"/>', chart)
    assert [len(p.split()) for p in polylines] == [2, 1]  # Sep-Oct; Dec; November alone
    legend = Page(response.text).text("sat-legend")
    assert "joined where 2 or more were taken" in legend
    assert "n=1: a single check, shown alone" in legend
