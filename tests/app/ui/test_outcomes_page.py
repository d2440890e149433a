"""The outcomes page through the ASGI app, on both databases, over the demo data: the API's
figures in each section, a chart and a table for each, filters kept in the form and in the
CSV link (whose file is the API's), roles, and bad filters shown as a page naming the field."""

import csv
import io
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.db import Database
from tests.app.ui.conftest import LoginAs
from tests.app.ui.html import Page
from tests.app.ui.test_pages import is_page

CHARTS = ("goals-reached", "sat-chart-title", "conc-chart-title")
TABLES = ("goal-table", "satisfaction-table", "impact-table", "concentration-table", "moves-table")


def csv_link(html: str) -> str:
    found = re.search(r'<a class="button secondary" href="([^"]+)" id="download-csv">', html)
    assert found is not None
    return unescape(found.group(1))


def test_the_page_shows_the_apis_figures_with_a_chart_and_a_table_each(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.viewer)
    response = client.get("/ui/outcomes")
    assert is_page(response, 200)
    html, page = response.text, Page(response.text)
    api = client.get("/v1/outcomes", headers=admin).json()
    goals = api["goals_reached"]
    assert page.text("slots-filled") == f"{goals['slots_filled']} of {goals['slots']}"
    reached = sum(g["status"] == "reached" for g in goals["goals"])
    assert page.text("goals-reached") == f"{reached} of {len(goals['goals'])} reached"
    assert len(goals["goals"]) == 28  # the demo programs' goals for this school year
    assert page.text("students") == f"{api['impact']['students_served']:,}"
    assert page.text("hires") == str(api["impact"]["hires"])
    mean = api["quality"]["satisfaction_mean"]
    assert page.text("satisfaction") == f"{mean:.2f} of 5"
    assert f"{api['quality']['checks']} temperature checks" in page.text("satisfaction-note")
    assert page.text("top20-asks") == f"{api['use_of_resources']['top20_share_asks'] * 100:.0f}%"
    # Each chart has a text alternative, and a table with every figure beside it.
    assert page.attrs["sat-chart-title"]["tag"] == "title"
    assert page.attrs["conc-chart-title"]["tag"] == "title"
    for table in TABLES:
        assert page.attrs[table]["tag"] == "table", table
    goal_rows = re.findall(
        r"<tr><th scope=\"row\">", html.split('id="goal-table"')[1].split("</table>")[0]
    )
    assert len(goal_rows) == len(goals["goals"])
    assert html.count('class="bar-row status-') == len(goals["goals"])
    assert '<a href="/ui/outcomes" aria-current="page">Outcomes</a>' in html
    # The period: the school year to date, said in words and kept in the form.
    assert "school year to date" in page.text("scope")
    assert page.attrs["f-from"]["value"] == api["period"]["from"]
    assert page.attrs["f-to"]["value"] == api["period"]["to"]


def test_filters_are_kept_and_the_csv_link_gives_the_apis_file(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.viewer)
    query = "program=Lincoln+USD+Health+Academy&region=&from=2026-01-01&to=2026-06-30"
    response = client.get(f"/ui/outcomes?{query}")
    assert is_page(response, 200)
    html, page = response.text, Page(response.text)
    assert "Lincoln USD Health Academy" in page.text("scope")
    assert re.search(r'<option value="Lincoln USD Health Academy" selected>', html)
    assert page.attrs["f-from"]["value"] == "2026-01-01"
    link = csv_link(html)
    assert link.startswith("/ui/outcomes.csv?")
    for part in ("program=Lincoln+USD+Health+Academy", "from=2026-01-01", "to=2026-06-30"):
        assert part in link
    download = client.get(link)
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    api = client.get(
        "/v1/outcomes.csv?program=Lincoln USD Health Academy&from=2026-01-01&to=2026-06-30",
        headers=admin,
    )
    assert download.text == api.text
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0] == ["category", "measure", "program", "period", "value"]
    assert {r[2] for r in rows[1:]} == {"Lincoln USD Health Academy"}


def test_a_region_narrows_the_page(
    demo_db: Database, login_as: LoginAs, admin: dict[str, str]
) -> None:
    client = login_as(Role.viewer)
    page = Page(client.get("/ui/outcomes?region=high+desert").text)
    api = client.get("/v1/outcomes?region=High Desert", headers=admin).json()
    assert "partners in High Desert" in page.text("scope")
    assert page.text("students") == f"{api['impact']['students_served']:,}"
    assert page.attrs["f-region"]["tag"] == "select"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("from=2026-09-01&to=2026-08-01", "to"),
        ("program=No+Such+Program", "program"),
        ("region=Atlantis", "region"),
        ("sort=name", "sort"),
    ],
)
def test_a_bad_filter_is_a_page_naming_the_field(login_as: LoginAs, query: str, field: str) -> None:
    response = login_as(Role.viewer).get(f"/ui/outcomes?{query}")
    assert is_page(response, 422), response.text
    assert f"{field}:" in unescape(response.text)
    assert is_page(login_as(Role.viewer).get(f"/ui/outcomes.csv?{query}"), 422)


def test_the_page_and_its_csv_need_a_session(client: TestClient) -> None:
    for path in ("/ui/outcomes", "/ui/outcomes.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/ui/login?next=")
