"""Querysets built and compiled to SQL once per process, then run with new values (decision 0037).

Building a queryset (``filter``, ``annotate``, ``select_related``) and compiling it to SQL costs
0.3–1 ms a query in Django, about half of a page's time at 10–17 queries (issue 12), and it gives
the same SQL on every request: only the values differ. A :class:`Prepared` query is defined once,
with named parameters::

    MEASURE = Prepared(lambda version, lineage: Measure.objects.filter(version=version, lineage=lineage),
                       version=int, lineage=uuid.UUID)
    MEASURE(version=3, lineage=some_uuid)  # a QuerySet

The first call per database builds and compiles the queryset twice, with two sets of distinct
*marker* values, and notes where each parameter's marker lands in the statement's parameters both
times (nothing else may differ between the two statements); every call then
returns the same queryset whose compiler hands out that statement with the call's values in those
places (what the rows become — model instances, ``select_related`` objects, annotations,
``values_list`` tuples — is Django's code as before; ``prefetch_related`` lookups run as usual).
Anything derived from the returned queryset (``filter``, ``count``, ``first``, slicing) is built
anew from the definition for the call's values, so it is correct, only not prepared; a page of a
list is prepared by :meth:`Prepared.slice` and :func:`prepared_page`.

A definition must give SQL whose shape does not depend on the values: parameters are scalars
(``int``, ``str``, ``uuid.UUID``, an aware ``datetime.datetime``) compared as they are (``=``,
``<``, not ``icontains``), never ``None`` and never a list. Preparing fails loudly
(``ImproperlyConfigured``) when a marker does not appear in the statement as given; with
``settings.KREISKURS_PREPARED_CHECK`` (on in the test suite) every call compiles the query anew as
well and compares, so a definition whose SQL varies fails its tests instead of answering with a
stale statement.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.core.paginator import Page, Paginator
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, DateTimeField, QuerySet, UUIDField
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.constants import MULTI
from django.db.models.sql.query import Query

R = TypeVar("R")  # what a row becomes: a model instance, a tuple, a value

#: the integer markers of the two compilations: positive and within a small integer's range, as
#: Django turns a lookup outside a field's range into an empty result without SQL
_INT_MARKS = (29_989, 28_979)


def _marker(kind: type, n: int, round_: int = 0) -> Any:
    """The value standing in for parameter ``n`` in compilation ``round_`` (0 or 1)."""
    if kind is int:
        return _INT_MARKS[round_] - n
    if kind is str:
        return f"\x1fkreiskurs-parameter-{round_}-{n}\x1f"
    if kind is uuid.UUID:
        return uuid.UUID(int=((0x7C1E_55E5 + round_) << 96) + n)
    if kind is dt.datetime:  # aware, as Kreiskurs stores every moment (USE_TZ)
        return dt.datetime(1901 + round_, 2, 3, 4, 5, 6, 7000 + n, tzinfo=dt.UTC)
    raise ImproperlyConfigured(f"Prepared query parameters are int, str, uuid.UUID or datetime, not {kind!r}")


#: fields whose ``get_db_prep_value`` writes a parameter as the column's own lookups would (stateless)
_AS_UUID: UUIDField[Any, Any] = UUIDField()
_AS_MOMENT: DateTimeField[Any, Any] = DateTimeField()


def _db_value(kind: type, value: Any, connection: Any) -> Any:
    """``value`` as the compiled statement carries it (a UUID as text where the database has no
    UUID type, as Django's ``UUIDField`` writes it; a moment as ``DateTimeField`` writes it)."""
    if kind is uuid.UUID:
        return _AS_UUID.get_db_prep_value(value, connection)
    if kind is dt.datetime:
        return _AS_MOMENT.get_db_prep_value(value, connection)
    return value


@dataclass(frozen=True)
class _Compiled:
    """One definition compiled for one database: the statement and the compiler's state."""

    queryset: QuerySet[Any]
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position in params, parameter name)
    state: dict[str, Any]
    sliced: bool
    #: the converters of its rows per connection (``get_converters``: the same columns on every run)
    converters: dict[tuple[int, ...], Any] = field(default_factory=dict, compare=False)


class _PreparedCompiler(SQLCompiler):
    """A compiler that hands out the prepared statement instead of compiling the query again."""

    def __init__(self, query: Query, connection: Any, using: str | None, compiled: _Compiled, statement: Any):
        super().__init__(query, connection, using)
        self.__dict__.update(compiled.state)
        self._statement = statement
        self._kept_converters = compiled.converters

    def get_converters(self, expressions: Any) -> Any:
        """Django's converters of the rows, looked up once per statement and connection (they depend on
        the columns and the backend only; about 1 µs a column on every run otherwise)."""
        key = (id(self.connection), *map(id, expressions))
        converters = self._kept_converters.get(key)
        if converters is None:
            converters = self._kept_converters[key] = super().get_converters(expressions)
        return converters

    def pre_sql_setup(self, with_col_aliases: bool = False) -> Any:  # done when the statement was compiled
        return None

    def execute_sql(self, result_type: Any = MULTI, chunked_fetch: bool = False, chunk_size: int = 100) -> Any:
        """The rows of the statement, as Django's ``execute_sql`` reads them, on a shorter path where
        nothing watches the statements: no cursor wrapper around the driver's cursor, one ``fetchall``
        instead of chunks. Where statements are logged (tests, ``DEBUG``) or wrapped
        (``execute_wrapper``), and for anything but all rows, Django's own path."""
        connection = self.connection
        if result_type != MULTI or chunked_fetch or connection.queries_logged or connection.execute_wrappers:
            return super().execute_sql(result_type, chunked_fetch, chunk_size)
        sql, params = self._statement
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        connection.validate_thread_sharing()
        with connection.wrap_database_errors:
            cursor = connection.create_cursor()
            try:
                connection.validate_no_broken_transaction()
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            finally:
                cursor.close()
        if self.has_extra_select:
            rows = [row[: self.col_count] for row in rows]
        return [rows] if rows else []

    def as_sql(self, with_limits: bool = True, with_col_aliases: bool = False) -> tuple[str, tuple[Any, ...]]:
        return self._statement


class _BoundQuery(Query):
    """The prepared query with one call's values. Its own where-clause holds the markers: a clone
    (``filter``, ``count``, ``first``, a subquery…) is the query built anew for the call's values."""

    _kk_compiled: _Compiled
    _kk_statement: tuple[str, tuple[Any, ...]]
    _kk_rebuild: Callable[[], Query]

    def get_compiler(self, using: str | None = None, connection: Any = None, elide_empty: bool = True) -> SQLCompiler:
        connection = connection or connections[using or "default"]
        return _PreparedCompiler(self, connection, using, self._kk_compiled, self._kk_statement)

    def clone(self) -> Query:
        return self._kk_rebuild()


def _bound_queryset(definition: QuerySet[Any]) -> QuerySet[Any]:
    """A new queryset of ``definition`` (as ``QuerySet._clone``) over a :class:`_BoundQuery` that shares the
    definition's query parts instead of copying them (``Query.clone`` copies the where-tree, the joins
    and a dozen dicts: a third of the CPU a prepared read costs its worker beyond the database's
    answer). Sharing is safe because nothing changes a bound query in place: running it reads them,
    and anything derived from it is :meth:`_BoundQuery.clone`, the query built anew."""
    query = _BoundQuery.__new__(_BoundQuery)
    query.__dict__.update(definition.query.__dict__)
    using, hints = definition._db, definition._hints  # type: ignore[attr-defined]
    queryset = definition.__class__(model=definition.model, query=query, using=using, hints=hints)
    queryset._sticky_filter = definition._sticky_filter  # type: ignore[attr-defined]
    queryset._for_write = definition._for_write  # type: ignore[attr-defined]
    queryset._prefetch_related_lookups = definition._prefetch_related_lookups[:]  # type: ignore[attr-defined]
    queryset._known_related_objects = definition._known_related_objects  # type: ignore[attr-defined]
    queryset._iterable_class = definition._iterable_class  # type: ignore[attr-defined]
    queryset._fields = definition._fields  # type: ignore[attr-defined]
    return queryset


#: what a compiler holds after compiling that a run needs (Django 5.2's ``SQLCompiler``)
_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")


class Prepared(Generic[R]):
    """A query definition with named parameters (see the module docstring)."""

    def __init__(self, build: Callable[..., QuerySet[Any, R]], **kinds: type):
        for kind in kinds.values():
            _marker(kind, 0)  # fails for an unsupported kind now, not at the first request
        self.build, self.kinds = build, kinds
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, **values: Any) -> QuerySet[Any, R]:
        return self._bound(values)

    def slice(self, offset: int, limit: int, **values: Any) -> QuerySet[Any, R]:
        """``self(**values)[offset:offset + limit]`` prepared: the statement with the ``LIMIT``/``OFFSET``
        clause Django's compiler appends for that slice (the page of a list)."""
        if offset < 0 or limit < 1:
            raise ValueError(f"no slice from {offset} of {limit} rows")
        return self._bound(values, (offset, limit))

    def _bound(self, values: dict[str, Any], window: tuple[int, int] | None = None) -> QuerySet[Any, R]:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"expected the parameters {sorted(self.kinds)}, got {sorted(values)}")
        for name, value in values.items():
            naive = isinstance(value, dt.datetime) and value.tzinfo is None
            if not isinstance(value, self.kinds[name]) or isinstance(value, bool) or naive:
                raise TypeError(f"parameter {name!r} must be {self.kinds[name].__name__}, got {value!r}")
        compiled = self._for(DEFAULT_DB_ALIAS)  # Kreiskurs has one database
        connection = connections[DEFAULT_DB_ALIAS]
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = _db_value(self.kinds[name], values[name], connection)
        sql = compiled.sql
        if window is not None:
            offset, limit = window
            if compiled.sliced:
                raise ImproperlyConfigured(f"prepared query {self.build!r} is sliced already")
            sql = f"{sql} {connection.ops.limit_offset_sql(offset, offset + limit)}"  # integers only
        queryset = _bound_queryset(compiled.queryset)
        query = cast(_BoundQuery, queryset.query)
        query._kk_compiled, query._kk_statement = compiled, (sql, tuple(params))
        query._kk_rebuild = lambda: self._build(values, window).using(compiled.queryset.db).query
        if getattr(settings, "KREISKURS_PREPARED_CHECK", False):
            self._check(queryset, values, window)
        return queryset

    def _build(self, values: dict[str, Any], window: tuple[int, int] | None) -> QuerySet[Any, R]:
        queryset = self.build(**values)
        if window is not None:
            queryset = queryset[window[0] : window[0] + window[1]]
        return queryset

    def first(self, **values: Any) -> R | None:
        """The first row for ``values``, or ``None`` (a definition that finds one row by a key is sliced ``[:1]``)."""
        return next(iter(self(**values)), None)

    def _for(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._prepare(alias)
                self._compiled[alias] = compiled
        return compiled

    def _prepare(self, alias: str) -> _Compiled:
        """Compile the definition twice with different markers: a parameter's places are those
        holding its marker both times (a constant of the query that equals one marker is not taken
        for it), and everything else must come out the same."""
        connection = connections[alias]
        rounds = []
        for round_ in (0, 1):
            markers = {name: _marker(kind, n, round_) for n, (name, kind) in enumerate(self.kinds.items())}
            queryset = self.build(**markers).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            db = {name: _db_value(self.kinds[name], marker, connection) for name, marker in markers.items()}
            rounds.append((queryset, compiler, sql, tuple(params), db))
        (queryset, compiler, sql, params, first), (_qs, _compiler, sql_again, params_again, second) = rounds
        slots = tuple(
            (position, name)
            for position, (value, again) in enumerate(zip(params, params_again, strict=False))
            for name in self.kinds
            if value == first[name] and again == second[name]
        )
        missing = set(self.kinds) - {name for _position, name in slots}
        if missing:
            raise ImproperlyConfigured(
                f"prepared query {self.build!r}: the parameters {sorted(missing)} do not reach the SQL as given "
                "(a lookup that changes the value, or a parameter the query does not use)"
            )
        taken = {position for position, _name in slots}
        fixed = [(p, v) for p, v in enumerate(params) if p not in taken]
        if sql != sql_again or len(params) != len(params_again) or fixed != [(p, params_again[p]) for p, _v in fixed]:
            raise ImproperlyConfigured(f"prepared query {self.build!r}: the SQL depends on the values")
        state = {name: getattr(compiler, name) for name in _STATE}
        return _Compiled(queryset, sql, params, slots, state, queryset.query.is_sliced)

    def _check(self, queryset: QuerySet[Any, R], values: dict[str, Any], window: tuple[int, int] | None) -> None:
        """Compare the prepared statement with the query built and compiled for ``values``."""
        try:
            built = self._build(values, window).using(queryset.db)
            sql, params = built.query.get_compiler(using=queryset.db).as_sql()
            fresh: tuple[str, tuple[Any, ...]] | None = (sql, tuple(params))
        except EmptyResultSet:  # Django answers such a query without SQL
            fresh = None
        prepared = queryset.query.get_compiler(using=queryset.db).as_sql()
        if fresh != prepared:
            raise AssertionError(f"prepared query {self.build!r} differs for {values!r}: {fresh!r} != {prepared!r}")


def keep_as_prefetched(instance: Any, name: str, related: QuerySet[Any], rows: list[Any]) -> None:
    """Let ``instance.<name>.all()`` answer ``rows`` without a query, as ``prefetch_related`` would (it
    keeps them the same way); ``related`` is the query of those rows (a prepared one: its clones, e.g. a
    ``filter`` on them, are that query built anew). For rows read by a prepared query instead of a
    prefetch, which Django builds and compiles anew on every request."""
    related._result_cache = rows  # type: ignore[attr-defined]
    related._prefetch_done = True  # type: ignore[attr-defined]
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = related


def numbered(name: str, values: Iterable[Any]) -> dict[str, Any]:
    """A list as parameters ``name0``, ``name1`` …: an ``IN (…)`` has one placeholder per value, so a
    definition over a list is prepared per length (``numbered_kinds``) and called with these."""
    return {f"{name}{n}": value for n, value in enumerate(values)}


def numbered_kinds(name: str, count: int, kind: type) -> dict[str, type]:
    """The parameter kinds of ``count`` values named as :func:`numbered` names them."""
    return {f"{name}{n}": kind for n in range(count)}


def counting(rows: QuerySet[Any], shared: str) -> QuerySet[Any, int]:
    """``rows.count()`` as a query a :class:`Prepared` can run (``count()`` itself is not a queryset):
    one row with the number, grouped by ``shared``, a column all ``rows`` have the same value in (the
    process of a process's statements); no row when there are none. ``COUNT(*)`` as ``count()`` writes it:
    PostgreSQL can answer it from an index alone (a count of a column reads the rows)."""
    return rows.order_by().values(shared).annotate(n=Count("*")).values_list("n", flat=True)


class PreparedList:
    """What Django's ``Paginator`` (and the API's pagination) needs of a list: its length (``count``)
    and slices (``rows.slice``)."""

    def __init__(self, rows: Prepared[Any], count: Prepared[int] | int, values: dict[str, Any]):
        self.rows, self.counting, self.values = rows, count, values

    def count(self) -> int:
        if isinstance(self.counting, int):
            return self.counting
        return self.counting.first(**self.values) or 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop
        return list(self.rows.slice(start, stop - start, **self.values)) if stop > start else []


def prepared_page(rows: Prepared[R], count: Prepared[int] | int, number: Any, per_page: int, **values: Any) -> Page[R]:
    """Page ``number`` (as ``Paginator.get_page`` reads it) of the list ``rows`` gives for ``values``;
    ``count`` is the list's length, or a definition whose one row is that length for the same values
    (e.g. ``….order_by().values("process").annotate(n=Count("pk")).values_list("n", flat=True)``)."""
    return Paginator(PreparedList(rows, count, values), per_page).get_page(number)  # type: ignore[arg-type]
