"""Code articles on a Dask cluster: a LocalCluster on loopback, or an existing scheduler.

    with DaskCoder(config, workers=2) as coder:          # or scheduler="tcp://10.0.0.5:8786"
        for record in coder.code(articles):             # dicts, in input order
            ...

Only the coding runs on the workers. The client reads the inputs, sends them in batches of
``BATCH_ARTICLES`` articles (or ``batch_size``), and gets the records back in input order, so
what the client does next (story clusters, canonical events, store writes in
``service.ingest``) sees exactly the sequence a single process would: the results are identical.

Each worker builds one Pipeline from the serialized, frozen Config the client sends (a worker
plugin, registered under a name derived from the config, so workers that join later get it
too) and keeps it for every batch. The config sent has no store URL: workers never see the
store or its credentials. At most ``in_flight`` batches are out at once (default two per
worker: one running, one queued), so the client's memory stays bounded however long the
input is.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
import threading
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from distributed import WorkerPlugin

from eventwire.config import Config
from eventwire.errors import ConfigError
from eventwire.model import Article, RejectedInput

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

    from eventwire.pipeline import Pipeline

log = logging.getLogger(__name__)

Item = Article | RejectedInput

# Dask settings for the LocalCluster (its scheduler, nannies and workers). Dask's defaults suit
# interactive work: every server's event loop ticks every 20 ms, the scheduler looks for work to
# steal every 100 ms, nannies poll memory every 100 ms, and each worker samples its task
# thread's stack every 10 ms for the dashboard's profile. On the 2-core machine that is ~19 % of
# a core with the cluster idle (3.7 CPU s in 20 s over client, scheduler and two workers;
# 0.5 s with these), all of it taken from coding. Nothing here changes what is computed.
# (Already Dask's own: OMP/MKL/OPENBLAS_NUM_THREADS=1 in each worker, so BLAS threads do not
# oversubscribe the cores; thinc multiplies with single-threaded blis anyway.)
LOCAL_CLUSTER_SETTINGS = {
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.profile.enabled": False,
    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536 (freed memory handed back
    # to the OS at once); with spaCy's many short-lived arrays that made coding 17-23 % dearer
    # (worker CPU per article 330/315 -> 278/243 ms, same 48 articles, alternating runs).
    # None leaves the variable unset, so glibc keeps its own adaptive threshold.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}

# Articles per Dask task. Small enough that a short input still spreads over the workers and
# a killed run loses little; large enough that the nlp stage's shared nlp.pipe stream (~20
# segments an article, ~160 a task) keeps its gain and the per-task overhead (milliseconds)
# stays under 1 % of a task's ~1.5 s of coding.
BATCH_ARTICLES = 8


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin holding the worker's Pipeline, built once from ``config``.

    The pipeline is built on first use in the task thread (loading spaCy takes seconds, which
    would block the worker's event loop in ``setup``).
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])  # type: ignore[misc]

    def teardown(self, worker: Any) -> None:
        self._pipeline = None

    @property
    def pipeline(self) -> Pipeline:
        with self._lock:
            if self._pipeline is None:
                from eventwire.pipeline import Pipeline

                self._pipeline = Pipeline.build(self.config)
            return self._pipeline

    def code(self, items: list[Item]) -> list[dict]:
        from eventwire.service import as_dict

        return [as_dict(record) for record in self.pipeline.code(items, batch_size=len(items) or 1)]


def plugin_name(config: Config) -> str:
    """Return the name the worker plugin for ``config`` is registered under (same config, same name)."""
    return "eventwire-pipeline-" + hashlib.sha1(pickle.dumps(config)).hexdigest()[:16]


def _code_batch(name: str, items: list[Item]) -> list[dict]:
    """Code one batch on a worker with its cached pipeline (a Dask task)."""
    from distributed import get_worker

    return get_worker().plugins[name].code(items)


def _warm_up(dask_worker: Any, name: str, texts: list[str]) -> float:
    """Build the worker's pipeline and code ``texts`` (loading what the stages load on first use:
    the model, the gazetteer index, dateparser's tables, ...); return the worker's peak RSS in MB."""
    plugin = dask_worker.plugins[name]
    list(plugin.pipeline.code([Article(text=t) for t in texts], batch_size=len(texts) or 1))
    return peak_rss_mb()


def _peak_rss(dask_worker: Any = None) -> float:
    return peak_rss_mb()


def _cpu_seconds(dask_worker: Any = None) -> float:
    import time

    return time.process_time()


def peak_rss_mb() -> float:
    """Return this process's own peak RSS in MB (VmHWM: a spawned worker's, not its parent's)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def worker_config(config: Config) -> Config:
    """Return ``config`` without its store section: coding needs no store, and URLs hold passwords.

    Store settings also stay out of the plugin name, so ingests into different stores share
    the workers' pipelines.
    """
    return dataclasses.replace(config, store=dataclasses.replace(config.store, url="", batch_size=0))


def _has_plugin(dask_scheduler: Any, name: str) -> bool:
    return name in dask_scheduler.worker_plugins


class DaskCoder:
    """A Dask client (and its LocalCluster when ``workers`` is given) that codes article batches."""

    def __init__(self, config: Config, workers: int | None = None, scheduler: str | None = None,
                 batch_size: int | None = None, in_flight: int | None = None) -> None:
        if (workers is None) == (scheduler is None):
            raise ConfigError("give either a number of local workers (--workers N) or a scheduler "
                              "address (--scheduler tcp://HOST:PORT), not both")
        if workers is not None and workers < 1:
            raise ConfigError(f"--workers must be 1 or more, got {workers}")
        if scheduler is not None and "://" not in scheduler:
            raise ConfigError(f"--scheduler {scheduler!r} is not an address; give tcp://HOST:PORT")
        self.config = worker_config(config)
        self.workers = workers
        self.scheduler = scheduler
        self.batch_size = max(1, batch_size or BATCH_ARTICLES)
        self._in_flight = in_flight
        self.name = plugin_name(self.config)
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None

    def __enter__(self) -> "DaskCoder":
        from distributed import Client, LocalCluster

        if self.scheduler is not None:
            try:
                self.client = Client(self.scheduler, timeout="30s", set_as_default=False)
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}; "
                                  "start one with `dask scheduler` and `dask worker ADDRESS`") from exc
        else:
            # Loopback only: the cluster is this machine's; one thread per worker process
            # because spaCy and the stages are CPU-bound Python (the GIL serializes threads).
            import dask

            with dask.config.set(LOCAL_CLUSTER_SETTINGS):  # the nannies hand them on to the workers
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None,
                                             silence_logs=logging.ERROR)
            self.client = Client(self._cluster, set_as_default=False)
        # Registering again under the same name would make every worker rebuild its pipeline.
        if not self.client.run_on_scheduler(_has_plugin, name=self.name):
            self.client.register_plugin(PipelinePlugin(self.config), name=self.name)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None

    def _require_client(self) -> Client:
        if self.client is None:
            raise RuntimeError("use DaskCoder as a context manager: `with DaskCoder(...) as coder:`")
        return self.client

    def worker_count(self) -> int:
        return len(self._require_client().scheduler_info(n_workers=-1)["workers"])

    def warm_up(self, texts: str | Sequence[str]) -> dict[str, float]:
        """Build every worker's pipeline and code ``texts`` on each; return peak RSS MB by worker."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        return self._require_client().run(_warm_up, name=self.name, texts=texts)

    def peak_rss(self) -> dict[str, float]:
        """Return each worker's own peak RSS in MB."""
        return self._require_client().run(_peak_rss)

    def cpu_seconds(self) -> dict[str, float]:
        """Return the CPU seconds each worker process has used so far (for benchmarks)."""
        return self._require_client().run(_cpu_seconds)

    def code(self, items: Iterable[Item]) -> Iterator[dict]:
        """Yield one record dict per item, in input order, coded on the workers in batches."""
        client = self._require_client()
        limit = self._in_flight or 2 * max(1, self.worker_count())
        pending: deque = deque()
        for batch in _batches(items, self.batch_size):
            pending.append(client.submit(_code_batch, self.name, batch, pure=False))
            if len(pending) >= limit:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())


def _collect(future: Any) -> list[dict]:
    try:
        return future.result()
    finally:
        future.release()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Yield lists of up to ``size`` articles; rejected inputs ride along without counting."""
    batch: list[Item] = []
    articles = 0
    for item in items:
        batch.append(item)
        articles += isinstance(item, Article)
        if articles >= size:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch
