"""Where the shared benchmark data lives (beside the project, never inside it)."""
from __future__ import annotations

import os
from pathlib import Path

from eventwire.errors import ConfigError


def shared_dir() -> Path:
    """Return ``../shared`` (or ``$EVENTWIRE_SHARED``): the seed and the benchmark sets."""
    candidates = [os.environ.get("EVENTWIRE_SHARED"), "../shared",
                  str(Path(__file__).resolve().parents[3] / "shared")]
    for cand in candidates:
        if cand and (Path(cand) / "corpus" / "seed" / "seed.txt").is_file():
            return Path(cand)
    raise ConfigError("cannot find the shared data (../shared/corpus/seed/seed.txt); "
                      "run from the project folder or set EVENTWIRE_SHARED")
