from pathlib import Path

from eventwire.model import Article, RejectedInput
from eventwire.readers import InputLimits, iter_inputs


def read_all(paths, fmt="auto", max_bytes=2_000_000):
    return list(iter_inputs([str(p) for p in paths], fmt, InputLimits(max_bytes=max_bytes)))


def test_text_is_taken_verbatim(tmp_path: Path):
    text = "Headline Here\n\nPARIS (Wire) - Police arrested two men on Monday.\r\n\r\nMore text.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    [article] = read_all([path])
    assert isinstance(article, Article)
    assert article.text == text
    assert article.source == str(path)


def test_bad_inputs_are_rejected_with_reasons_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "1-empty.txt").write_text("   \n")
    (tmp_path / "2-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "3-latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (tmp_path / "4-huge.txt").write_text("word " * 1000)
    (tmp_path / "5-good.txt").write_text("Police arrested two men in Lagos on Monday, officials said.")
    out = read_all([tmp_path], max_bytes=2000)
    reasons = {Path(o.source).name: o.reason for o in out if isinstance(o, RejectedInput)}
    assert "empty" in reasons["1-empty.txt"]
    assert "binary" in reasons["2-binary.txt"]
    assert "UTF-8" in reasons["3-latin1.txt"]
    assert "over the limit" in reasons["4-huge.txt"]
    assert [Path(o.source).name for o in out if isinstance(o, Article)] == ["5-good.txt"]
    assert len(out) == 5  # one output per input, in order


def test_missing_file_is_a_rejection_not_a_crash(tmp_path: Path):
    [out] = read_all([tmp_path / "nope.txt"])
    assert isinstance(out, RejectedInput) and "cannot read" in out.reason


def test_jsonl_keeps_ids_and_rejects_bad_lines(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "x1", "text": "Troops withdrew from the town.", "published": "2024-01-02", "outlet": "Wire"}\n'
        "not json\n"
        '{"id": "x3", "title": "no text"}\n'
        "\n"
        '{"text": "Rebels attacked a convoy.", "title": "T"}\n'
    )
    out = read_all([path])
    assert [type(o).__name__ for o in out] == ["Article", "RejectedInput", "RejectedInput", "Article"]
    assert out[0].id == "x1" and out[0].published == "2024-01-02" and out[0].outlet == "Wire"
    assert out[1].source.endswith(":2") and "not valid JSON" in out[1].reason
    assert out[3].id is None and out[3].title == "T"


def test_html_with_no_article_is_rejected(tmp_path: Path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    [out] = read_all([path])
    assert isinstance(out, RejectedInput) and "no article text" in out.reason


def test_html_article_text_and_metadata(tmp_path: Path):
    body = " ".join(["The army deployed two battalions to the northern border on Tuesday."] * 6)
    page = (f"<html><head><title>Army deploys</title><meta property='article:published_time' content='2024-02-03'>"
            f"</head><body><nav>Home | World</nav><article><h1>Army deploys</h1><p>{body}</p></article>"
            f"<footer>Copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page)
    [article] = read_all([path])
    assert isinstance(article, Article)
    assert "deployed two battalions" in article.text and "Copyright" not in article.text
    assert article.published == "2024-02-03"


def test_directory_is_walked_in_sorted_order_and_globs_expand(tmp_path: Path):
    for name in ("b.txt", "a.txt", "c.jsonl"):
        (tmp_path / name).write_text('{"text": "Police detained a man."}' if name.endswith("jsonl") else "Police detained a man.")
    (tmp_path / "skip.png").write_bytes(b"\x00")
    names = [Path(o.source.split(":")[0]).name for o in read_all([tmp_path])]
    assert names == ["a.txt", "b.txt", "c.jsonl"]
    assert len(read_all([tmp_path / "*.txt"])) == 2
