"""Prometheus metrics of one process: requests per route template, in flight, the partner
index's builds, the webhook and mail outboxes, and the background work (app.ops.jobs).

Each process keeps its own registry and `/metrics` serves it: Prometheus scrapes every process
(one target per process and port) and sums them in its queries. Counting happens in memory
only; the database reads, the outboxes' depths, are made when `/metrics` is scraped, in the
thread pool, never in the request path.
"""

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.ops.background import Runs
from app.ops.claims import JobState
from app.routing import flat_routes

log = logging.getLogger(__name__)

#: A request no route matched (a scan of random paths must not make a series per path).
UNMATCHED = "<unmatched>"

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
BUILD_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


class OutboxQueue(Collector):
    """An outbox's rows by status, counted in the database when scraped. `count` answers
    {"pending": n, "failed": m, ...}; if the database is away the family is left out (the
    scrape still answers with what the process knows)."""

    def __init__(
        self, count: Callable[[], Mapping[str, int]], name: str, documentation: str, rows: str
    ) -> None:
        self.count = count
        self.name = name
        self.documentation = documentation
        self.rows = rows

    def collect(self) -> Iterator[Metric]:
        try:
            counts = self.count()
        except Exception:  # an unreachable database must not fail the whole scrape
            log.warning("metrics: could not count %s", self.rows, exc_info=True)
            return
        family = GaugeMetricFamily(self.name, self.documentation, labels=["status"])
        for status, n in sorted(counts.items()):
            family.add_metric([status], n)
        yield family


class WebhookQueue(OutboxQueue):
    """Webhook deliveries by status ({"pending": n, "failed": m})."""

    def __init__(self, count: Callable[[], Mapping[str, int]]) -> None:
        super().__init__(
            count,
            "partnermatch_webhook_deliveries",
            "Webhook deliveries in the outbox by status (all processes: read from the database)",
            "webhook deliveries",
        )


class MailQueue(OutboxQueue):
    """Mail messages by status: pending, sent, bounced, failed."""

    def __init__(self, count: Callable[[], Mapping[str, int]]) -> None:
        super().__init__(
            count,
            "partnermatch_mail_messages",
            "Mail in the outbox by status: pending (waiting to be sent or retried), sent, "
            "bounced, failed (all processes: read from the database)",
            "mail messages",
        )


class PlanQueue(OutboxQueue):
    """Plans by status: solving (waiting for or under a worker), failed, draft, reviewed..."""

    def __init__(self, count: Callable[[], Mapping[str, int]]) -> None:
        super().__init__(
            count,
            "partnermatch_plans",
            "Recruitment plans by status: solving (queued for the background work or being "
            "solved), failed, draft, reviewed, committed (all processes: read from the database)",
            "plans",
        )


class BackgroundJobs(Collector):
    """Each piece of background work: what this process did (`runs`: its outboxes' passes
    and timed jobs' runs, by outcome, and when it last ran one), and how each timed job went
    across the deployment (`states`, read from the database when scraped: its last success
    and the failed runs since), which an API process that leaves the work to a worker
    (BACKGROUND=off) shows too."""

    def __init__(
        self, runs: Callable[[], Sequence[Runs]], states: Callable[[], Sequence[JobState]]
    ) -> None:
        self.runs = runs
        self.states = states

    def collect(self) -> Iterator[Metric]:
        runs = self.runs()
        counts = CounterMetricFamily(
            "partnermatch_job_runs",
            "Background work done by this process, by job (an outbox's passes, a timed job's "
            "runs) and outcome: ok, failed (it raised: logged), skipped (another process had it)",
            labels=["job", "outcome"],
        )
        last = GaugeMetricFamily(
            "partnermatch_job_last_run_timestamp_seconds",
            "When this process last finished a pass or run of the job (Unix time)",
            labels=["job"],
        )
        for r in runs:
            for outcome, n in (("ok", r.ok), ("failed", r.failed), ("skipped", r.skipped)):
                counts.add_metric([r.name, outcome], n)
            if r.last_finished is not None:
                last.add_metric([r.name], r.last_finished)
        yield counts
        yield last
        try:
            states = self.states()
        except Exception:  # an unreachable database must not fail the whole scrape
            log.warning("metrics: could not read the timed jobs' runs", exc_info=True)
            return
        succeeded = GaugeMetricFamily(
            "partnermatch_job_last_success_timestamp_seconds",
            "When a timed job last ran to the end without failing, in any process (Unix time)",
            labels=["job"],
        )
        failures = GaugeMetricFamily(
            "partnermatch_job_failures",
            "Failed runs of a timed job since its last success, in any process",
            labels=["job"],
        )
        for state in states:
            if state.last_succeeded_at is not None:
                succeeded.add_metric([state.name], state.last_succeeded_at.timestamp())
            failures.add_metric([state.name], state.failures)
        yield succeeded
        yield failures


class Metrics:
    """One registry and its instruments; the app holds one (`app.state.metrics`)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "partnermatch_http_requests",
            "HTTP requests answered, by method, route template and status class",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "partnermatch_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge(
            "partnermatch_http_requests_in_flight", "Requests being worked on now", registry=r
        )
        self.index_builds = Counter(
            "partnermatch_index_builds",
            "Partner index updates, by how: build (whole, at start, in the background after a "
            "big import or when the date rolls over) or patch (changed partners put in place)",
            ["how"],
            registry=r,
        )
        self.index_build_seconds = Histogram(
            "partnermatch_index_build_duration_seconds",
            "Time to build or patch the partner index",
            ["how"],
            buckets=BUILD_BUCKETS,
            registry=r,
        )
        self.index_pending = Gauge(
            "partnermatch_index_pending_vectors",
            "Partners whose vectors were still being computed at the last build "
            "(they rank on fit alone meanwhile)",
            registry=r,
        )
        self.vectors_waiting = Gauge(
            "partnermatch_vectors_waiting",
            "Partner profiles this process is waiting to read (embed), live: set when a "
            "background embedding starts and after each batch stored (0 when caught up)",
            registry=r,
        )
        self.index_built_at = Gauge(
            "partnermatch_index_last_build_timestamp_seconds",
            "When the partner index was last built or patched (Unix time)",
            registry=r,
        )
        self.webhook_attempts = Counter(
            "partnermatch_webhook_attempts",
            "Webhook delivery attempts made by this process, by outcome: succeeded, retry "
            "(a failed attempt to be tried again) or failed (given up)",
            ["outcome"],
            registry=r,
        )
        self.mail_attempts = Counter(
            "partnermatch_mail_attempts",
            "Mail handed to SMTP by this process, by outcome: sent, retry (a failed attempt to "
            "be tried again), bounced (refused for good) or failed (given up)",
            ["outcome"],
            registry=r,
        )

    def index_built(self, how: str, seconds: float, pending: int) -> None:
        self.index_builds.labels(how).inc()
        self.index_build_seconds.labels(how).observe(seconds)
        self.index_pending.set(pending)
        self.index_built_at.set(time.time())

    def vectors_left(self, waiting: int) -> None:
        self.vectors_waiting.set(waiting)

    def webhook_attempt(self, outcome: str) -> None:
        self.webhook_attempts.labels(outcome).inc()

    def watch_webhooks(self, count: Callable[[], Mapping[str, int]]) -> None:
        self.registry.register(WebhookQueue(count))

    def mail_attempt(self, outcome: str) -> None:
        self.mail_attempts.labels(outcome).inc()

    def watch_mail(self, count: Callable[[], Mapping[str, int]]) -> None:
        self.registry.register(MailQueue(count))

    def watch_plans(self, count: Callable[[], Mapping[str, int]]) -> None:
        self.registry.register(PlanQueue(count))

    def watch_jobs(
        self, runs: Callable[[], Sequence[Runs]], states: Callable[[], Sequence[JobState]]
    ) -> None:
        self.registry.register(BackgroundJobs(runs, states))

    def exposition(self, accept: str = "") -> tuple[bytes, str]:
        """The body and its content type: OpenMetrics when `accept` asks for it, else the
        Prometheus text format. Reads the database (the outboxes): call it off the loop."""
        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


class RouteTemplates:
    """The path template of the route that answered (`/v1/needs/{id}`), never the raw path.

    The router notes the route it chose in the scope; an answer given before the router (a 429
    of the rate limit, a 503 at the door) is matched against the routes' patterns here, which
    only such answers and unknown paths pay for."""

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self.routes = routes  # the app's own list: routes added later are seen at first use
        self._by_route: dict[int, str] | None = None
        self._patterns: list[tuple[Any, str]] = []

    def _build(self) -> dict[int, str]:
        by_route: dict[int, str] = {}
        for route, template, pattern in flat_routes(self.routes):
            if isinstance(route, Mount):  # static files and the like: one series per mount
                template = f"{route.path}/{{path}}"
            by_route.setdefault(id(route), template)
            if pattern is not None and template:
                self._patterns.append((pattern, template))
        self._by_route = by_route
        return by_route

    def __call__(self, scope: Scope) -> str:
        by_route = self._by_route if self._by_route is not None else self._build()
        route = scope.get("route")
        if route is not None:
            found = by_route.get(id(route))
            if found is not None:
                return found
        path: str = scope.get("path", "")
        for pattern, template in self._patterns:
            if pattern.match(path):
                return template
        return UNMATCHED


class MetricsMiddleware:
    """Counts and times every HTTP request: in memory only, no database, no I/O."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.metrics = metrics
        self.template = RouteTemplates(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception without an answer is what the server sends: a 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.in_flight.dec()
            labels = (scope["method"], self.template(scope), f"{status // 100}xx")
            self.metrics.requests.labels(*labels).inc()
            self.metrics.latency.labels(*labels).observe(time.perf_counter() - started)
