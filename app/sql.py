"""Portable SQL pieces that SQLite and PostgreSQL spell differently."""

from typing import Any

from sqlalchemy import DateTime, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class epoch_day(FunctionElement[int]):  # noqa: N801 - reads as a SQL function
    """Whole days from 1970-01-01 to the UTC date of a date or timestamp column."""

    type = Integer()
    inherit_cache = True


@compiles(epoch_day, "sqlite")
def _epoch_day_sqlite(element: epoch_day, compiler: SQLCompiler, **kw: Any) -> str:
    (arg,) = element.clauses
    # date() first: julianday() of a timestamp rounds to the millisecond, which put a day's
    # last half millisecond on the next day. julianday() of a date is a whole day + .5.
    return f"CAST(julianday(date({compiler.process(arg, **kw)})) - 2440587.5 AS INTEGER)"


@compiles(epoch_day, "postgresql")
def _epoch_day_postgresql(element: epoch_day, compiler: SQLCompiler, **kw: Any) -> str:
    (arg,) = element.clauses
    value = compiler.process(arg, **kw)
    if arg.type._type_affinity is DateTime:
        # timestamptz -> its date in UTC, whatever the session's time zone
        value = f"CAST(timezone('UTC', {value}) AS date)"
    return f"({value} - DATE '1970-01-01')"


class greatest(FunctionElement[Any]):  # noqa: N801
    """The largest of its arguments (SQLite's two-argument max())."""

    inherit_cache = True


class least(FunctionElement[Any]):  # noqa: N801
    """The smallest of its arguments (SQLite's two-argument min())."""

    inherit_cache = True


@compiles(greatest, "sqlite")
def _greatest_sqlite(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(greatest)
def _greatest(element: greatest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


@compiles(least, "sqlite")
def _least_sqlite(element: least, compiler: SQLCompiler, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(least)
def _least(element: least, compiler: SQLCompiler, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


class no_index(FunctionElement[Any]):  # noqa: N801
    """The column as a value SQLite's planner will not answer from an index (`+column`)."""

    inherit_cache = True


@compiles(no_index, "sqlite")
def _no_index_sqlite(element: no_index, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(no_index)
def _no_index(element: no_index, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)
