"""A progress bar on stderr for long work, silenced by --quiet."""
from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator


@contextlib.contextmanager
def progress_bar(*, quiet: bool = False, total: int | None = None, unit: str = "doc",
                 desc: str | None = None) -> Iterator[Callable]:
    """A callable to call once per finished item (or with `count=` for several); a no-op when quiet
    or stderr is not shown."""
    if quiet:
        yield lambda *_, **__: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False,
              disable=None, mininterval=0.5, desc=desc) as bar:
        yield lambda _item=None, *, count=1: bar.update(count)
