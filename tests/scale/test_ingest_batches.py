"""service.ingest writes a batch's stories, records and rejections in one transaction."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from fake_pipeline import FakePipeline, config  # noqa: E402

from eventwire import service  # noqa: E402
from eventwire.errors import StoreError  # noqa: E402
from eventwire.model.records import ArticleRecord  # noqa: E402
from eventwire.store import open_store  # noqa: E402

TEXT = "Talks resumed in Nairobi on Monday, the minister said.\n\nThey will go on for {n} days."


class BreaksAt(FakePipeline):
    """The fake pipeline, but its ``bad``-th record does not validate (the store refuses it)."""

    def __init__(self, bad: int) -> None:
        super().__init__()
        self.bad = bad

    def code(self, items):
        for n, record in enumerate(super().code(items)):
            if n == self.bad and isinstance(record, ArticleRecord):
                record = record.model_copy(update={"language": 7})
            yield record


def inputs(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        (folder / f"a{i}.txt").write_text(TEXT.format(n=i + 2), "utf-8")
        paths.append(str(folder / f"a{i}.txt"))
    (folder / "empty.txt").write_text(" ", "utf-8")  # a rejection, in the first batch
    return [str(folder / "empty.txt"), *paths]


def counts(url: str) -> tuple[int, int, int]:
    with open_store(url) as store, store._engine.connect() as conn:
        return tuple(int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one())
                     for t in ("articles", "story_articles", "rejected"))


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic on serializing the broken record
def test_a_failing_batch_leaves_nothing_of_itself_and_earlier_batches_stay(tmp_path: Path):
    paths = inputs(tmp_path / "in", 5)
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with pytest.raises(StoreError):  # batches of 2 inputs: the 4th record breaks the second batch
        service.ingest(paths, url, config=config(2), pipeline=BreaksAt(3))
    assert counts(url) == (1, 1, 1)  # the first batch: one rejection, one article with its story
    summary = service.ingest(paths, url, config=config(2), pipeline=FakePipeline())
    assert counts(url) == (5, 5, 1)
    assert (summary.written, summary.unchanged, summary.rejected) == (4, 1, 1)


def test_batch_size_does_not_change_what_is_stored(tmp_path: Path):
    paths = inputs(tmp_path / "in", 4)
    small, large = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 'l.db'}"
    one = service.ingest(paths, small, config=config(1), pipeline=FakePipeline())
    many = service.ingest(paths, large, config=config(200), pipeline=FakePipeline())
    assert one == many and counts(small) == counts(large) == (4, 4, 1)
    with open_store(small) as a, open_store(large) as b:
        assert sorted((r["id"], r["story"]["cluster"]) for r in a.iter_records()) == \
            sorted((r["id"], r["story"]["cluster"]) for r in b.iter_records())
