"""Where the shared evaluation data lives, for bench scripts only.

The third-party data sets sit outside the repository, at `<repo>/../shared/evaldata`,
or wherever $EVALDATA_DIR points. They are read in place and never copied into the
repository (several carry redistribution restrictions). A bench script whose data
is absent prints one "skipped: …" line and exits 0, so it is safe to run anywhere.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def evaldata_dir() -> Path:
    """$EVALDATA_DIR if set, else <repo>/../shared/evaldata."""
    configured = os.environ.get("EVALDATA_DIR")
    return Path(configured).expanduser() if configured else REPO.parent / "shared" / "evaldata"


def require(subfolder: str) -> Path:
    """The evaldata subfolder, or print a skip line and exit 0 when it is absent."""
    folder = evaldata_dir() / subfolder
    if not folder.is_dir():
        print(f"skipped: evaldata not found at {folder}")
        sys.exit(0)
    return folder
