"""Connecting to Neo4j: settings from the environment or options, and errors a user can act on.

Settings come from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` unless given explicitly. The password is never part of a
message, a ``repr`` or a log line; a URI is shown without any ``user:pass@``.

Every driver failure is turned into `Neo4jBackendError`, whose message is one
line naming what failed and what to check (the CLI prints it as is).
"""
from __future__ import annotations

import logging
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Mapping
from urllib.parse import unquote

from kg.errors import KgError, Neo4jBackendError

DEFAULT_URI = "bolt://127.0.0.1:7687"
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
START_HINT = "start one with `scripts/neo4j-local start` or `docker compose up -d`"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect.

    >>> s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://u:secret@db:7687", "NEO4J_PASSWORD": "pw"})
    >>> s.display_uri, "pw" in repr(s), "secret" in s.describe()
    ('bolt://db:7687', False, False)
    >>> s.auth  # the URI's credentials are used, and never shown
    ('u', 'secret')
    """

    uri: str = DEFAULT_URI
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, uri: str | None = None,
                 username: str | None = None, password: str | None = None,
                 database: str | None = None) -> "Neo4jSettings":
        """Explicit values first, then credentials written in the URI (`bolt://user:pass@host`, which the
        driver itself would not use), then the NEO4J_* variables of `env` (default: os.environ).

        >>> s = Neo4jSettings.from_env({}, uri="bolt://me:p%40ss@db:7687")
        >>> s.uri, s.auth
        ('bolt://db:7687', ('me', 'p@ss'))
        """
        env = os.environ if env is None else env
        uri, uri_user, uri_password = _split_credentials(uri or env.get("NEO4J_URI") or DEFAULT_URI)
        return cls(uri=uri,
                   username=username or uri_user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or None,
                   password=password if password is not None else
                   uri_password if uri_password is not None else env.get("NEO4J_PASSWORD") or None,
                   database=database or env.get("NEO4J_DATABASE") or None)

    @property
    def auth(self) -> tuple[str, str] | None:
        """Basic auth when a password is set; none otherwise (a server with auth off)."""
        if self.password is None:
            return None
        return (self.username or "neo4j", self.password)

    @property
    def display_uri(self) -> str:
        """The URI without credentials.

        >>> Neo4jSettings("neo4j://me:pw@host:7687").display_uri
        'neo4j://host:7687'
        """
        return re.sub(r"(?<=://)[^@/]*@", "", self.uri)

    def describe(self) -> str:
        db = self.database or "the default database"
        return f"{self.display_uri} ({db})"


def _split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """The URI without `user:pass@`, and the (percent-decoded) user and password it held."""
    match = re.match(r"^(?P<scheme>[^:/]+://)(?P<user>[^:@/]*)(?::(?P<password>[^@/]*))?@(?P<rest>.*)$", uri)
    if not match:
        return uri, None, None
    password = match["password"]
    return (match["scheme"] + match["rest"], unquote(match["user"]) or None,
            unquote(password) if password is not None else None)


def open_driver(settings: Neo4jSettings):
    """A driver whose server answered and whose database exists; `Neo4jBackendError` otherwise."""
    import neo4j

    scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
    if scheme not in URI_SCHEMES:
        raise Neo4jBackendError(f"NEO4J_URI {settings.display_uri!r} is not a Bolt URI: "
                                "use bolt://HOST:7687 or neo4j://HOST:7687")
    with translated_errors(settings, "connecting"):
        try:
            driver = neo4j.GraphDatabase.driver(settings.uri, auth=settings.auth,
                                                notifications_min_severity="OFF",
                                                connection_timeout=10.0, max_transaction_retry_time=15.0)
        except ValueError as exc:
            raise Neo4jBackendError(f"NEO4J_URI {settings.display_uri!r} is not usable ({exc}): "
                                    "use bolt://HOST:7687 or neo4j://HOST:7687") from None
        try:
            with driver.session(database=settings.database) as session:
                session.run("RETURN 1").consume()
        except BaseException:
            driver.close()
            raise
    return driver


class _OneLine(logging.Handler):
    """The driver's warnings (a retry after a lost connection: a multi-line record each) as one line."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"neo4j: {_first_line(record.getMessage())[:200]}\n")


def driver_logs(*, quiet: bool = False) -> None:
    """For the CLI: the driver's warnings one line each on stderr, or none with `quiet`.

    >>> driver_logs(quiet=True); logging.getLogger("neo4j").handlers
    [<NullHandler (NOTSET)>]
    """
    logger = logging.getLogger("neo4j")
    logger.handlers[:] = [logging.NullHandler() if quiet else _OneLine(logging.WARNING)]
    logger.propagate = False


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "no message"


def backend_error(exc: Exception, settings: Neo4jSettings, doing: str) -> Neo4jBackendError:
    """The one-line error for a driver exception (`option`: the setting to check, for the CLI to word)."""
    from neo4j import exceptions as ne

    where = settings.display_uri
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, ne.AuthError) or code.startswith("Neo.ClientError.Security"):
        user = settings.username or "neo4j"
        if code.endswith("CredentialsExpired"):
            return Neo4jBackendError(f"Neo4j at {where}: the password of user {user!r} has expired and must be "
                                     "changed first (Neo4j Browser or cypher-shell), then set NEO4J_PASSWORD")
        if settings.password is None:
            return Neo4jBackendError(f"Neo4j at {where} needs credentials: set NEO4J_USERNAME and NEO4J_PASSWORD",
                                     option="password")
        return Neo4jBackendError(f"Neo4j at {where} refused the credentials of user {user!r}: "
                                 "check NEO4J_USERNAME and NEO4J_PASSWORD", option="credentials")
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
        return Neo4jBackendError(f"cannot reach Neo4j at {where}: is the server running? check NEO4J_URI, "
                                 f"or {START_HINT}")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return Neo4jBackendError(f"Neo4j at {where} has no database {settings.database!r}: check NEO4J_DATABASE "
                                 "(Community Edition has only 'neo4j')", option="database")
    if code == "Neo.ClientError.Statement.AccessMode":
        return Neo4jBackendError("the query tries to write, but queries run read-only: use `kg load` to change "
                                 "the graph")
    if isinstance(exc, ne.CypherSyntaxError):
        return Neo4jBackendError(f"Cypher syntax error: {_first_line(getattr(exc, 'message', str(exc)))}")
    detail = _first_line(getattr(exc, "message", None) or str(exc))
    return Neo4jBackendError(f"Neo4j at {where} failed while {doing}: {code + ': ' if code else ''}{detail}")


@contextmanager
def translated_errors(settings: Neo4jSettings, doing: str) -> Iterator[None]:
    """Turn driver exceptions raised inside into `Neo4jBackendError` (one line, no password)."""
    from neo4j import exceptions as ne

    try:
        yield
    except (ne.Neo4jError, ne.DriverError, OSError) as exc:
        raise backend_error(exc, settings, doing) from None
