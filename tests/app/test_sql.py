"""The SQL helpers of app/sql.py mean the same on both databases."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.db import Database
from app.sql import epoch_day

MOMENTS = sa.Table(
    "sql_test_moments", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("day", sa.Date),
)  # fmt: skip


def test_epoch_day_is_the_utc_day_to_the_last_microsecond(db: Database) -> None:
    """SQLite's julianday() rounds a timestamp to the millisecond: an ask made in the last
    half millisecond of a day was counted on the next day."""
    day = date(2026, 12, 7)
    last = datetime(2026, 12, 7, 23, 59, 59, 999_900, tzinfo=UTC)
    first = datetime(2026, 12, 8, tzinfo=UTC)
    expected = (day - date(1970, 1, 1)).days
    MOMENTS.create(db.engine)
    try:
        with db.engine.begin() as conn:
            conn.execute(MOMENTS.insert(), [{"id": 1, "at": last, "day": day},
                                            {"id": 2, "at": first, "day": day}])  # fmt: skip
            found = conn.execute(
                sa.select(MOMENTS.c.id, epoch_day(MOMENTS.c.at), epoch_day(MOMENTS.c.day))
                .order_by(MOMENTS.c.id)
            ).all()  # fmt: skip
    finally:
        MOMENTS.drop(db.engine)
    assert [tuple(r) for r in found] == [(1, expected, expected), (2, expected + 1, expected)]
    assert first - last == timedelta(microseconds=100)
