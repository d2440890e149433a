"""The kept loads' daily refresh, run in a background thread of the process that first sees
them out of date (windows move with the date); joined when the app shuts down."""

import logging
import threading

from app.db import Database
from app.load.service import refresh_kept_loads

log = logging.getLogger(__name__)


class LoadKeeper:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def ask(self) -> None:
        """Refresh in the background unless a refresh is running already."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._work, name="keep-loads", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        try:
            count = refresh_kept_loads(self.db.sessionmaker)
            log.info("kept loads refreshed for %d partners", count)
        except Exception:  # pragma: no cover - logged; the next list asks again
            log.exception("refreshing the kept loads failed")

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a refresh under way (shutdown, tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
