"""The kept loads' daily refresh (windows move with the date): a timed job, once per
deployment, shortly after midnight UTC; and at once, in the background, when a list finds
them out of date before it ran (`ask`). Meanwhile the list computes loads in memory."""

import logging

from app.db import Database
from app.load.service import refresh_kept_loads
from app.ops.jobs import Background

log = logging.getLogger(__name__)

JOB = "load-refresh"
#: Five minutes after the date changes (UTC, as `service.today`).
AT = "5 0 * * *"


class LoadKeeper:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._background: Background | None = None

    def register(self, background: Background) -> None:
        """The daily refresh, run by `background`; `ask` hands it the refreshes asked for."""
        background.schedule(JOB, self.refresh, cron=AT)
        self._background = background

    def refresh(self) -> int:
        count = refresh_kept_loads(self.db.sessionmaker)
        log.info("kept loads refreshed for %d partners", count)
        return count

    def ask(self) -> None:
        """Refresh in the background now, unless a refresh is asked for or under way, or
        this process runs no background work (BACKGROUND=off: the worker's daily run does)."""
        if self._background is not None:
            self._background.run_now(JOB)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a refresh asked for or under way (tests)."""
        if self._background is not None:
            self._background.wait(JOB, timeout)
