"""kg.workers: failures in worker processes become one-line errors, never a hang."""
import os
import signal

import pytest

from kg.errors import KgError
from kg.model import Document, SourceText
from kg.extractor import ExtractOptions
from kg.workers import executor

TEXT = "Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva."


def sources(n: int) -> list[SourceText]:
    return [SourceText(Document(f"d{i}", f"d{i}", content_hash=SourceText.hash_of(TEXT)), TEXT) for i in range(n)]


def test_a_worker_that_cannot_load_the_model_reports_why():
    with pytest.raises(KgError, match="spaCy model no_such_model_xyz is not installed"):
        with executor(ExtractOptions(model="no_such_model_xyz"), workers=2) as pool:
            pool.submit(sources(1))()


def test_a_killed_worker_fails_the_build_instead_of_hanging():
    with pytest.raises(KgError, match="a worker process died"):
        with executor(ExtractOptions(), workers=2) as pool:
            pool.wait_ready()
            assert [e.document.id for e in pool.submit(sources(2))()] == ["d0", "d1"]
            for pid in list(pool._pool._processes):  # as the OOM killer would
                os.kill(pid, signal.SIGKILL)
            pool.submit(sources(2))()
