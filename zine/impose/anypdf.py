"""Impose a PDF file into output files: read, impose, write atomically."""

from __future__ import annotations

from pathlib import Path

from zine.core.files import read_bytes, write_outputs
from zine.core.limits import PDF_FILE_BYTES
from zine.impose import ImposeOptions, impose


def impose_file(source: Path, output: Path, **options) -> tuple[str, tuple[str, ...]]:
    """Impose ``source`` into ``output`` (or its -fronts/-backs pair); return what was written
    with the recipe, and the warnings.

    Nothing is written unless everything succeeded, and never over the input.
    """
    imposition = impose(read_bytes(source, PDF_FILE_BYTES), ImposeOptions(**options), source_name=str(source))
    files = {_suffixed(output, suffix): data for suffix, data in imposition.outputs.items()}
    write_outputs(files, protected=[source])
    names = ", ".join(str(path) for path in files)
    return f"Wrote {names}\n{imposition.recipe}", imposition.warnings


def _suffixed(output: Path, suffix: str) -> Path:
    return output.with_name(f"{output.stem}{suffix}{output.suffix or '.pdf'}") if suffix else output
