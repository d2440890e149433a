"""A partner past its capacity reads "19 h over capacity", never "-19 h left", wherever the
pages show capacity left (issue 24)."""

from types import SimpleNamespace

import pytest
from markupsafe import Markup

from app.ui.pages import templates


def capacity(hours_left: float | None, slots_left: int | None, status: str) -> str:
    macros = templates.env.get_template("_macros.html").module
    c = SimpleNamespace(hours_left=hours_left, slots_left=slots_left, status=status)
    rendered = macros.capacity(c)  # type: ignore[attr-defined]
    assert isinstance(rendered, Markup)
    return " ".join(str(rendered).split())


@pytest.mark.parametrize(
    ("hours", "slots", "status", "said"),
    [
        (-19.0, None, "over", "19 h over capacity"),
        (-19.4, -1, "over", "19 h over capacity, 1 slot over"),
        (-3.0, -2, "over", "3 h over capacity, 2 slots over"),
        (12.0, 1, "room", "12 h left, 1 slot left"),
        (4.0, 0, "tight", "4 h left, 0 slots left"),
        (-0.2, 1, "over", "0 h left, 1 slot left"),  # less than an hour over rounds to none
        (30.0, -1, "over", "30 h left, 1 slot over"),
    ],
)
def test_capacity_left_is_said_as_over_when_negative(
    hours: float, slots: int | None, status: str, said: str
) -> None:
    text = capacity(hours, slots, status)
    assert f"<span>{said}</span>" in text
    assert "-" not in text.split("</span>", 1)[1]


def test_unknown_capacity_says_so() -> None:
    assert "capacity unknown" in capacity(None, None, "unknown")
