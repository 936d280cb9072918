"""Shared pytest fixtures. Each block below belongs to one part of the suite; keep them self-contained."""
from __future__ import annotations


# --- Neo4j: one real server per test session (tests marked `neo4j`) -----------------------
# $NEO4J_URI (with NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE) if set -- the tests wipe that
# database, so point it at a disposable one -- else a fresh scripts/neo4j-local server on free
# ports under the session's temporary folder, stopped at the end. With CI=true a Neo4j that
# cannot be had fails the run; elsewhere the Neo4j tests skip, saying how to start one.
import os as _os
import socket as _socket
import subprocess as _subprocess
import types as _types
from contextlib import contextmanager as _contextmanager
from pathlib import Path as _Path

import pytest as _pytest

_NEO4J_SCRIPT = _Path(__file__).resolve().parent.parent / "scripts" / "neo4j-local"
_NEO4J_HINT = ("start one with `scripts/neo4j-local start` (Java 17 + Maven) and set "
               "NEO4J_URI=bolt://127.0.0.1:7687, or `docker compose up -d` and set NEO4J_URI and NEO4J_PASSWORD")


def _neo4j_unavailable(reason: str):
    message = f"no Neo4j for the neo4j tests: {reason}; {_NEO4J_HINT}"
    if _os.environ.get("CI") == "true":
        _pytest.fail(message, pytrace=False)
    _pytest.skip(message)


def _free_ports(n: int) -> list[int]:
    socks = [_socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@_contextmanager
def local_neo4j(home: _Path, *, auth: bool = False):
    """Start scripts/neo4j-local in `home` on free ports; yields the Bolt URI; stops it after."""
    bolt, http = _free_ports(2)
    env = {**_os.environ, "NEO4J_LOCAL_HOME": str(home), "NEO4J_LOCAL_BOLT_PORT": str(bolt),
           "NEO4J_LOCAL_HTTP_PORT": str(http), "NEO4J_LOCAL_AUTH": "true" if auth else "false",
           "NEO4J_LOCAL_HEAP": "512m" if auth else "1g"}
    try:
        proc = _subprocess.run([str(_NEO4J_SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=900)
    except (OSError, _subprocess.TimeoutExpired) as exc:
        _neo4j_unavailable(f"scripts/neo4j-local start failed ({exc})")
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        _neo4j_unavailable(f"scripts/neo4j-local start failed ({tail})")
    try:
        yield proc.stdout.strip().splitlines()[-1]
    finally:
        _subprocess.run([str(_NEO4J_SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


@_pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """Connection settings (`kg.loaders.neo4j_conn.Neo4jSettings`) of a running Neo4j."""
    from kg.loaders.neo4j_conn import Neo4jSettings

    if _os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    with local_neo4j(tmp_path_factory.mktemp("neo4j")) as uri:
        yield Neo4jSettings(uri=uri)


@_pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    from kg.loaders.neo4j_conn import Neo4jBackendError, open_driver

    try:
        driver = open_driver(neo4j_server)
    except Neo4jBackendError as exc:
        _neo4j_unavailable(str(exc))
    yield driver
    driver.close()


@_pytest.fixture
def neo4j_db(neo4j_server, neo4j_driver):
    """An emptied database: `.settings` and `.driver`."""
    with neo4j_driver.session(database=neo4j_server.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return _types.SimpleNamespace(settings=neo4j_server, driver=neo4j_driver)


@_pytest.fixture(scope="session")
def neo4j_auth_uri(tmp_path_factory):
    """The Bolt URI of a second local server with auth on (user neo4j, password not yet set)."""
    with local_neo4j(tmp_path_factory.mktemp("neo4j-auth"), auth=True) as uri:
        yield uri


# --- The Reuters corpus for the scale tests (tests/test_scale.py) --------------------------
# Only from $KG_REUTERS or --reuters PATH (which sets it), never from a path of this machine.
def pytest_addoption(parser):
    parser.addoption("--reuters", default=None, metavar="PATH",
                     help="Reuters-21578 JSON Lines for the scale tests (default: $KG_REUTERS; see scripts/reuters-jsonl)")


def pytest_configure(config):
    if config.getoption("--reuters"):
        _os.environ["KG_REUTERS"] = str(_Path(config.getoption("--reuters")).resolve())
