"""Where progress lines go: ``print`` by default; R sets its own console when it hosts Python, so
``sink()``, ``capture.output()`` and knitr see ``fit()``'s epochs."""

from __future__ import annotations

from collections.abc import Callable

_write: Callable[[str], object] | None = None  # a function(text) that writes; None means print()


def set_console(write: Callable[[str], object] | None) -> None:
    """Route progress lines through ``write`` (R's ``cat`` under reticulate); None restores print()."""
    global _write
    _write = write


def write_line(line: str) -> None:
    if _write is None:
        print(line, flush=True)
    else:
        _write(line + "\n")
