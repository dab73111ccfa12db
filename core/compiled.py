"""SELECTs and UPDATEs compiled to SQL once per thread, then run as plain statements.

Django compiles a QuerySet into SQL every time it is evaluated: on this machine about 0.5 ms
of Python, ten times what SQLite takes to run the statement (bench/profile_requests.py). A
status poll, the config page and every activation run the same few SELECTs, and compiling them
was a third of those requests. A CompiledQuery keeps the QuerySet as the one description of its
query (it reads as ORM code and follows the models) and compiles it once per thread and
database connection; each call then runs the stored SQL with its own parameters. `all` and
`first` build the instances as Django's ModelIterable does (backend and field converters, then
`from_db`); `rows` returns the rows as the database gives them, for a values_list() the caller
converts itself. A CompiledUpdate does the same for the UPDATEs every activation runs, where
QuerySet.update() cost four times the statement. Written by hand: no maintained package caches
compiled queries for Django.

Instances come only from plain SELECTs of one model (deferred fields allowed): `all` and
`first` refuse a query with select_related, annotations, prefetching or values(). A parameter is a
text, integer, UUID or date-time value the QuerySet compares with or sets: the sample passed to
`build` marks its place among the compiled parameters, so it must reach the SQL unchanged, or
as a UUID or a date-time does (as UUIDField and DateTimeField hand them to the database: a
UUID's hex where the database has no UUID type, a naive date-time made aware first). Not a
date or a number of another kind, which backends convert in their own ways.
"""

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import DateTimeField, Model, QuerySet
from django.db.models.query import ModelIterable
from django.db.models.sql import UpdateQuery
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)
Value = str | int | uuid.UUID | datetime


@dataclass
class _Statement:
    connection: Any  # the thread's DatabaseWrapper, whose converters the compiler holds
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # where each call's values go in params
    # For instances (a plain SELECT of one model); None for rows only.
    converters: dict[int, tuple[list[Any], Any]] | None = None
    fields: slice | None = None  # the model's columns within a row
    init_list: list[str] | None = None


class _Compiled:
    """`build(*samples)` describes the statement; each call runs it with its values in place
    of the samples (distinct values no query would hold otherwise, each used once)."""

    def __init__(self, build: Callable[..., Any], *samples: Value) -> None:
        self._build = build
        self._samples = samples
        self._compiled = threading.local()

    def _statement(self) -> _Statement:
        connection = connections[DEFAULT_DB_ALIAS]
        statement = getattr(self._compiled, "statement", None)
        if statement is None or statement.connection is not connection:
            statement = self._compiled.statement = self._compile(connection)
        return statement

    def _compile(self, connection: Any) -> _Statement:
        raise NotImplementedError

    def _located(self, connection: Any, queryset: QuerySet[Any], query: Any) -> _Statement:
        """`query` (the queryset's, or an UPDATE made from it) compiled, with where each
        sample's value goes among its parameters."""
        if queryset.db != DEFAULT_DB_ALIAS:
            raise ImproperlyConfigured(f"not on the default database: {queryset.query}")
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = []
        for sample in (_as_parameter(sample, connection) for sample in self._samples):
            if list(params).count(sample) != 1:
                raise ImproperlyConfigured(f"{sample!r} is not one parameter of {sql}")
            slots.append(list(params).index(sample))
        return _Statement(connection, compiler, sql, tuple(params), tuple(slots))

    @staticmethod
    def _execute(statement: _Statement, values: tuple[Value, ...], cursor: Any) -> None:
        params = list(statement.params)
        for slot, value in zip(statement.slots, values, strict=True):
            params[slot] = _as_parameter(value, statement.connection)
        cursor.execute(statement.sql, params)


class CompiledQuery(_Compiled, Generic[M]):
    """`build(*samples)` returns the QuerySet; `all(*values)` runs it with values in place of
    the samples."""

    def __init__(self, build: Callable[..., QuerySet[M]], *samples: Value) -> None:
        super().__init__(build, *samples)

    def rows(self, *values: Value) -> list[tuple[Any, ...]]:
        return self._run(self._statement(), values)

    def all(self, *values: Value) -> list[M]:
        statement = self._statement()
        if statement.init_list is None:
            raise ImproperlyConfigured(f"not a plain SELECT of one model: {statement.sql}")
        rows = self._run(statement, values)
        if statement.converters:
            rows = statement.compiler.apply_converters(rows, statement.converters)
        model, names = statement.compiler.query.model, statement.init_list
        return [model.from_db(DEFAULT_DB_ALIAS, names, row[statement.fields]) for row in rows]

    def first(self, *values: Value) -> M | None:
        found = self.all(*values)
        return found[0] if found else None

    def _run(self, statement: _Statement, values: tuple[Value, ...]) -> list[tuple[Any, ...]]:
        with statement.connection.cursor() as cursor:
            self._execute(statement, values, cursor)
            return cursor.fetchall()

    def _compile(self, connection: Any) -> _Statement:
        queryset = self._build(*self._samples)
        query = queryset.query
        statement = self._located(connection, queryset, query)
        compiler = statement.compiler
        plain = not (
            queryset._prefetch_related_lookups or query.select_related or query.annotations
        )
        if queryset._iterable_class is not ModelIterable or not plain:
            return statement  # rows only
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        statement.converters = compiler.get_converters([column[0] for column in select])
        statement.fields = slice(start, end)
        statement.init_list = [column[0].target.attname for column in select[start:end]]
        return statement


class CompiledUpdate(_Compiled):
    """`build(*samples)` returns the QuerySet and the fields to set, as QuerySet.update() takes
    them; `run(*values)` updates with values in place of the samples and returns the number of
    rows, as update() does. One table only (no parent of an inherited model)."""

    def __init__(
        self, build: Callable[..., tuple[QuerySet[Any], dict[str, Any]]], *samples: Value
    ) -> None:
        super().__init__(build, *samples)

    def run(self, *values: Value) -> int:
        statement = self._statement()
        with (
            transaction.mark_for_rollback_on_error(DEFAULT_DB_ALIAS),
            statement.connection.cursor() as cursor,
        ):
            self._execute(statement, values, cursor)
            return cursor.rowcount

    def _compile(self, connection: Any) -> _Statement:
        queryset, assignments = self._build(*self._samples)
        if queryset.query.is_sliced or queryset.query.combinator:  # update() refuses them
            raise ImproperlyConfigured(f"not an UPDATE of one table: {queryset.model.__name__}")
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(assignments)
        query.clear_select_clause()  # as update() does
        if query.related_updates or query.order_by:
            raise ImproperlyConfigured(f"not an UPDATE of one table: {queryset.query}")
        return self._located(connection, queryset, query)


def _as_parameter(value: Value, connection: Any) -> Value:
    """A value as the QuerySet's field hands it to the database: a UUID as UUIDField does, a
    date-time as DateTimeField does."""
    if isinstance(value, uuid.UUID) and not connection.features.has_native_uuid_field:
        return value.hex
    if isinstance(value, datetime):
        return _DATE_TIME.get_db_prep_value(value, connection)  # a naive one as the ORM takes it
    return value


_DATE_TIME = DateTimeField()
