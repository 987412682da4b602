"""Fixtures of the scale tests: one LocalCluster (two workers on loopback) for the whole session."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def scheduler_address():
    """The address of a two-worker LocalCluster on 127.0.0.1, started once (a start costs seconds).

    Its workers hold the default config's pipeline already (loaded in parallel here), as a
    long-running cluster's would; clients that send the same config reuse it.
    """
    from distributed import LocalCluster

    from eventwire.config import load_config
    from eventwire.scale.dask import DaskCoder

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        with DaskCoder(load_config(environ={}), scheduler=cluster.scheduler_address) as coder:
            coder.warm_up("Talks\n\nNAIROBI (Meridian News) - The ministers met on Monday.\n\nThey agreed.")
        yield cluster.scheduler_address
