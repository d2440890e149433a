"""The `partnermatch` command: migrate, serve, worker, demo, import, plan, keys, webhooks.

Each command imports what it needs when it runs: building the command (`--help`) imports
typer alone, not the models, the web framework, numpy or the solver."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from app.integrations.bulk import FileFormat

# The values of app.auth.models.Role, app.integrations.bulk.Bulk and FileFormat, spelt out so
# that the options' choices need neither module (tests/app/test_cli_imports.py checks them).
RoleName = Literal["viewer", "recruiter", "convener", "admin"]
BulkName = Literal["organizations", "contacts", "needs", "engagements", "programs"]
FormatName = Literal["csv", "jsonl"]

cli = typer.Typer(
    help="Partner Match: rank CTE partners for a need and watch partner load.",
    no_args_is_help=True,
    add_completion=False,
)
keys = typer.Typer(help="Manage API keys.", no_args_is_help=True)
cli.add_typer(keys, name="keys")
webhooks = typer.Typer(help="Manage webhook endpoints.", no_args_is_help=True)
cli.add_typer(webhooks, name="webhooks")

# Square brackets would be read as markup by the help's renderer: parentheses.
HostOpt = Annotated[
    str | None, typer.Option(help="Interface to listen on (default: the HOST setting, 127.0.0.1).")
]
PortOpt = Annotated[
    int | None, typer.Option(help="Port to listen on (default: the PORT setting, 8000).")
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@cli.command()
def migrate() -> None:
    """Create or upgrade the database schema (Alembic, to the newest revision)."""
    from app.config import get_settings
    from app.migrate import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    _err(f"database is at the newest schema: {_safe_url(settings.database_url)}")


def _require_current(database_url: str) -> None:
    from app.migrate import is_current

    if not is_current(database_url):
        _err(
            f"the database {_safe_url(database_url)} is not at the newest schema; "
            "run `partnermatch migrate` first"
        )
        raise typer.Exit(1)


def _serve(host: str | None, port: int | None) -> None:
    import uvicorn

    from app.config import get_settings

    settings = get_settings()
    _require_current(settings.database_url)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
    )


@cli.command()
def serve(host: HostOpt = None, port: PortOpt = None) -> None:
    """Serve the API (run `partnermatch migrate` first)."""
    _serve(host, port)


@cli.command()
def worker(
    metrics_port: Annotated[
        int | None,
        typer.Option(help="Serve this process's /metrics on this port (default: none)."),
    ] = None,
) -> None:
    """Run the background work (mail, webhooks, big plans, timed jobs) apart from the API, until
    Ctrl-C or SIGTERM; API processes then set BACKGROUND=off."""
    import logging
    import signal

    from app.config import get_settings
    from app.db import Database, Pool
    from app.load.keeper import LoadKeeper
    from app.matches.index import index_for
    from app.ops.metrics import Metrics
    from app.workers import Watched, background_for

    settings = get_settings()
    _require_current(settings.database_url)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # A connection per worker thread and timed run, a few spare for /metrics.
    db = Database(settings.database_url, Pool(size=4, max_overflow=4))
    metrics = Metrics()
    watched = Watched(db, metrics)
    # The big plans are solved here: their index is built when the first one comes.
    index = index_for(db, settings, on_build=metrics.index_built,
                      on_vectors=metrics.vectors_left)  # fmt: skip
    background = background_for(db, settings, metrics, LoadKeeper(db), index)
    watched.background = background
    # Blocked before any thread starts, so every thread inherits the mask and the main thread
    # alone takes them, in sigwait below (a signal handled by another thread would not wake
    # a main thread blocked on a lock).
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    server = None
    if metrics_port is not None:
        from prometheus_client import start_http_server

        server, _ = start_http_server(metrics_port, addr=settings.host, registry=metrics.registry)
    # A timed run missed while no process ran (the worker was down at its time) runs now.
    background.start(catch_up=True)
    _err(f"partnermatch worker on {_safe_url(settings.database_url)}, running:")
    for line in background.describe():
        _err(f"  {line}")
    if server is not None:
        _err(f"  /metrics on http://{settings.host}:{metrics_port}/metrics")
    _err("stop with Ctrl-C or SIGTERM (the work under way is finished first)")
    received = signal.sigwait(stop_signals)
    _err(f"{signal.Signals(received).name}: stopping (the work under way, 60 s at most) ...")
    left = background.stop(timeout=60.0)
    if server is not None:
        server.shutdown()
    db.dispose()
    _err(f"stopped; still running, left to end: {', '.join(left)}" if left else "stopped")


@cli.command()
def demo(
    host: HostOpt = None,
    port: PortOpt = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Load and print, then exit.")
    ] = False,
) -> None:
    """Migrate, load the demo data set (once), print an admin key and the URLs, and serve."""
    from app.auth.models import Role
    from app.auth.service import create_key
    from app.config import get_settings, settings_embedder
    from app.db import Database
    from app.demo.loader import is_loaded, load
    from app.demo.people import PASSWORD, ensure_people
    from app.matches.index import embed_all
    from app.migrate import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    db = Database(settings.database_url)
    with db.sessionmaker.begin() as session:
        if is_loaded(session):
            _err("demo data already loaded; leaving it as it is")
        else:
            _err("loading the demo data set ...")
            counts = load(session, progress=lambda line: _err(f"  {line}"))
            _err("loaded " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        _, plain = create_key(session, "demo admin", Role.admin)
        demo_people = ensure_people(session)
    embedder = settings_embedder(settings)
    _err(f"embedding partner profiles with {embedder.name} ...")
    _err(f"  {embed_all(db, embedder)} partner vectors computed (the rest were up to date)")
    db.dispose()
    base = f"http://{host or settings.host}:{port or settings.port}"
    people_lines = "\n".join(
        f"    {email:<38} {role.value:<9} ({name})" for email, name, role in demo_people
    )
    mail_words = (
        f"sent through {settings.smtp_host}; conveners see what went to whom"
        if settings.smtp_host
        else "caught, never sent, as SMTP_HOST is not set: invitations and links are read here"
    )
    typer.echo(f"""
Partner Match demo
  Web pages: {base}/ui/login  (sign in with an email below and the password {PASSWORD})
{people_lines}
             or, as an operator, with the key below ("Sign in with a key")
  Mail:      {base}/ui/mail  ({mail_words})
  API docs:  {base}/docs
  Health:    {base}/health
  Try:       curl -H "Authorization: Bearer {plain}" {base}/v1/organizations
  Admin API key (shown once):
{plain}""")
    if not no_serve:
        _serve(host, port)


SHOWN_REJECTIONS = 20


@cli.command("import")
def import_file(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="CSV or JSON lines.")
    ],
    resource: Annotated[BulkName, typer.Option(help="What the rows are.")],
    file_format: Annotated[
        FormatName | None,
        typer.Option("--format", help="csv or jsonl (default: from the file name)."),
    ] = None,
    atomic: Annotated[bool, typer.Option(help="Write nothing unless every row is good.")] = False,
    embed: Annotated[
        bool, typer.Option(help="Compute organizations' vectors a batch at a time as they land.")
    ] = True,
) -> None:
    """Import a file of records, upserting by external_id, with a progress bar."""
    from tqdm import tqdm

    from app.config import get_settings, settings_embedder
    from app.db import Database
    from app.errors import AppError
    from app.integrations.bulk import Bulk, FileFormat, Importer
    from app.matches.index import embed_all

    settings = get_settings()
    _require_current(settings.database_url)
    jsonl = file.suffix in (".jsonl", ".ndjson")
    chosen = FileFormat(file_format or ("jsonl" if jsonl else "csv"))
    bulk = Bulk(resource)
    embedder = settings_embedder(settings) if embed and bulk is Bulk.organizations else None
    db = Database(settings.database_url)

    def embed_batch(ids: list[int]) -> None:
        if embedder is not None:
            embed_all(db, embedder, ids)

    try:
        with (
            file.open("rb") as data,
            tqdm(
                total=_rows_in(file, chosen),
                unit=" rows",
                desc=f"importing {bulk.value}",
                file=sys.stderr,
            ) as bar,
        ):
            importer = Importer(
                db,
                bulk,
                atomic=atomic,
                batch_size=settings.import_batch_size,
                on_batch=embed_batch,
                progress=bar.update,
            )
            report = importer.run(data, chosen)
        if embedder is not None and atomic and report.written:
            _err(f"embedding with {embedder.name} ...")
            embed_all(db, embedder)
    except AppError as exc:
        _err(f"{file}: {exc.detail}")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    for r in report.rejected[:SHOWN_REJECTIONS]:
        _err(f"  line {r.line}: {r.field}: {r.message}")
    if len(report.rejected) > SHOWN_REJECTIONS:
        _err(f"  ... and {len(report.rejected) - SHOWN_REJECTIONS} more")
    written = (
        f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        if report.written
        else "nothing written (atomic)"
    )
    typer.echo(f"{bulk.value}: {report.rows} rows, {written}, {report.rejected_rows} rejected")
    if report.rejected:
        raise typer.Exit(1)


@cli.command("plan")
def plan_command(
    program: Annotated[
        str | None, typer.Option(help="Plan the open needs of this program.")
    ] = None,
    region: Annotated[str | None, typer.Option(help="Only needs in this region.")] = None,
    need: Annotated[list[int] | None, typer.Option(help="Plan these need ids (repeat).")] = None,
    max_asks: Annotated[int | None, typer.Option(help="Most asks of one partner.")] = None,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Also write the plan here.")
    ] = None,
) -> None:
    """Solve a recruitment plan and store it as a draft, with a progress bar.

    Prints who is asked for what, and the gaps."""
    from tqdm import tqdm

    from app.config import get_settings
    from app.db import Database
    from app.errors import AppError
    from app.matches.index import index_for
    from app.plans import service as plans
    from app.plans.schemas import PlanRequest

    settings = get_settings()
    _require_current(settings.database_url)
    db = Database(settings.database_url)
    index = index_for(db, settings)
    try:
        request = PlanRequest(program=program, region=region, need_ids=need, max_asks=max_asks)
        with db.sessionmaker.begin() as session:
            with tqdm(total=100, desc="planning", unit="%", file=sys.stderr) as bar:

                def progress(stage: str, done: float) -> None:
                    bar.set_postfix_str(stage)
                    bar.update(round(100 * done) - bar.n)

                plan = plans.plan_now(session, index, request, settings, "cli", progress)
            result = plan.result
            lines = list(plans.csv_lines(plan))
    except AppError as exc:
        _err(exc.detail)
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    needs = {d["id"]: d["title"] for d in result["needs"]}
    for a in result["assignments"]:
        typer.echo(f"need {a['need_id']} {needs[a['need_id']]}: ask {a['name']} "
                   f"(relevance {a['relevance']:.2f})")  # fmt: skip
    for g in result["gaps"]:
        typer.echo(f"gap: need {g['need_id']} {g['title']}: {g['missing']} missing ({g['reason']})")
    o, b = result["outcome"], result["baseline"]
    typer.echo(
        f"plan {plan.id} (draft): {o['slots_filled']} of {o['slots_open']} slots filled, "
        f"mean relevance {o['mean_relevance']:.3f}, Gini {o['gini_after']:.3f}; greedy: "
        f"{b['slots_filled']} filled, {b['mean_relevance']:.3f}, Gini {b['gini_after']:.3f}, "
        f"{b['pushed_high']} partners pushed to high risk"
    )
    for note in result["notes"]:
        typer.echo(f"note: {note}")
    if csv_file is not None:
        csv_file.write_text("".join(lines), encoding="utf-8")


def _rows_in(file: Path, file_format: "FileFormat") -> int:
    """Lines in the file, less the header: the progress bar's end (a quoted cell holding a
    line break makes it a little high)."""
    from app.integrations.bulk import FileFormat

    with file.open("rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return max(lines - (file_format is FileFormat.csv), 0)


@keys.command("create")
def keys_create(
    role: Annotated[RoleName, typer.Option(help="What the key may do.")],
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
) -> None:
    """Create an API key; the key is printed once, alone on the last line."""
    if not name.strip():
        raise typer.BadParameter("must not be empty", param_hint="--name")
    import app.models  # noqa: F401 - every table: a key's owner is a person (app.people)
    from app.auth.models import Role
    from app.auth.service import create_key
    from app.config import get_settings
    from app.db import Database

    db = Database(get_settings().database_url)
    with db.sessionmaker.begin() as session:
        row, plain = create_key(session, name.strip(), Role(role))
        _err(f"created {row.role.value} key #{row.id} {row.name!r}; store it now, it is not kept:")
    db.dispose()
    typer.echo(plain)


@keys.command("list")
def keys_list() -> None:
    """List API keys (never the keys themselves)."""
    import app.models  # noqa: F401 - every table: a key's owner is a person (app.people)
    from app.auth.service import list_keys
    from app.config import get_settings
    from app.db import Database

    db = Database(get_settings().database_url)
    with db.sessionmaker() as session:
        for row in list_keys(session):
            state = "revoked" if row.revoked_at else "active"
            typer.echo(f"#{row.id}\t{row.prefix}...\t{row.role.value}\t{state}\t{row.name}")
    db.dispose()


@webhooks.command("reencrypt")
def webhooks_reencrypt() -> None:
    """Re-encrypt every webhook secret with the first WEBHOOK_SECRET_KEYS key, all or none."""
    from app.config import get_settings
    from app.db import Database
    from app.webhooks import service as webhooks_service
    from app.webhooks.keyring import KeysUnusable

    settings = get_settings()
    _require_current(settings.database_url)
    db = Database(settings.database_url)
    try:
        with db.sessionmaker.begin() as session:
            moved, current = webhooks_service.reencrypt_secrets(session, settings)
    except KeysUnusable as exc:
        _err(f"nothing re-encrypted: {exc.reason}")
        raise typer.Exit(1) from None
    finally:
        db.dispose()
    typer.echo(f"{moved} webhook secrets re-encrypted with the first key, {current} already were")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:
    cli()
