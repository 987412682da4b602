"""Coding on Dask: a WARC of the examples ingested with --workers 2 stores what one process stores."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from helpers import example_stories, store_contents, write_warc

from eventwire import service
from eventwire.config import load_config
from eventwire.errors import ConfigError
from eventwire.model import Article, RejectedInput
from eventwire.scale.dask import DaskCoder, PipelinePlugin, _batches, plugin_name, worker_config


def test_workers_get_the_config_without_the_store_url():
    config = load_config(overrides={"store": {"url": "postgresql://ew:secret@db.invalid/ew"}}, environ={})
    sent = worker_config(config)
    assert sent.store.url == "" and sent.store.batch_size == 0 and sent.pipeline == config.pipeline and sent.nlp == config.nlp
    plugin = pickle.loads(pickle.dumps(PipelinePlugin(sent)))
    assert plugin.config == sent and plugin._pipeline is None  # the pipeline is built on the worker
    assert plugin_name(sent) == plugin_name(worker_config(config))
    assert plugin_name(sent) != plugin_name(worker_config(load_config(overrides={"nlp": {"model": "x"}}, environ={})))


def test_batches_count_articles_and_keep_rejections_in_place():
    items = [Article(text="a"), RejectedInput(source="x", stage="read", reason="binary"), Article(text="b"),
             Article(text="c")]
    assert [len(b) for b in _batches(items, 2)] == [3, 1]
    assert [i for b in _batches(items, 2) for i in b] == items


@pytest.mark.parametrize("kwargs, message", [
    ({}, "either a number of local workers"),
    ({"workers": 2, "scheduler": "tcp://127.0.0.1:8786"}, "not both"),
    ({"workers": 0}, "1 or more"),
    ({"scheduler": "127.0.0.1:8786"}, "tcp://HOST:PORT"),
])
def test_bad_cluster_options_are_config_errors(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        DaskCoder(load_config(environ={}), **kwargs)


def test_a_built_pipeline_is_not_shipped_to_workers(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot be sent to Dask workers"):
        service.ingest([str(example_stories()[0])], f"sqlite:///{tmp_path / 'x.db'}", config=load_config(environ={}),
                       pipeline=object(), workers=2)


@pytest.mark.model
def test_a_warc_ingested_with_two_workers_stores_what_one_process_stores(tmp_path: Path, pipeline):
    warc = tmp_path / "examples.warc"
    records = write_warc(warc, example_stories())
    config = load_config(overrides={"store": {"batch_size": 5}}, environ={})
    single = service.ingest([str(warc)], f"sqlite:///{tmp_path / 'one.db'}", config=config, pipeline=pipeline)
    dask = service.ingest([str(warc)], f"sqlite:///{tmp_path / 'dask.db'}", config=config, workers=2)
    assert single == dask
    assert (dask.inputs, dask.rejected, dask.duplicates) == (records, 1, 1)  # the image; 20b copies 20a
    one, two = store_contents(tmp_path / "one.db"), store_contents(tmp_path / "dask.db")
    assert len(two["articles"]) == records - 1 and len(two["events"]) > 100 and two["canonical_events"]
    for table in one:
        assert two[table] == one[table], table


def test_the_local_cluster_runs_with_the_quiet_settings():
    """Its scheduler and workers tick, steal and sample less often (CPU left to coding)."""
    import dask

    from eventwire.scale.dask import LOCAL_CLUSTER_SETTINGS

    def settings(dask_worker=None):
        import dask

        return {key: dask.config.get(key) for key in LOCAL_CLUSTER_SETTINGS}

    def stealing(dask_scheduler):
        return dask_scheduler.periodic_callbacks["stealing"].callback_time

    before = dask.config.get("distributed.admin.tick.interval")
    with DaskCoder(load_config(environ={}), workers=1) as coder:
        assert list(coder.client.run(settings).values()) == [LOCAL_CLUSTER_SETTINGS]
        assert coder.client.run_on_scheduler(stealing) == 1000
    assert dask.config.get("distributed.admin.tick.interval") == before  # the caller's config is untouched
