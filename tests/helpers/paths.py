"""Where the tests find the project, its examples and their own data, wherever a test module sits."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
# The campaign samples beside the project (not part of it): tests that read them skip without them.
SHARED = ROOT.parent / "shared"
SAVOY = SHARED / "samples" / "new-savoy" / "page.txt"  # a real campaign page, pasted
