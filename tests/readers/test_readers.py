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
    (tmp_path / "3-undefined.txt").write_bytes(b"Le ministre a d\x81clar\x8d, selon \x9d la presse")
    (tmp_path / "4-huge.txt").write_text("word " * 1000)
    (tmp_path / "5-good.txt").write_text("Police arrested two men in Lagos on Monday, officials said.")
    out = read_all([tmp_path], max_bytes=2000)
    reasons = {Path(o.source).name: o.reason for o in out if isinstance(o, RejectedInput)}
    assert "empty" in reasons["1-empty.txt"]
    assert "binary" in reasons["2-binary.txt"]
    assert "neither UTF-8 nor cp1252" in reasons["3-undefined.txt"]
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


def test_text_that_is_not_utf8_is_read_as_cp1252(tmp_path: Path):
    (tmp_path / "smart.txt").write_bytes(b"\x93We will not yield,\x94 the minister said \x96 twice.")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    # A UTF-8 file with one pasted cp1252 quote keeps its UTF-8 characters.
    (tmp_path / "mixed.txt").write_bytes("São Paulo police said ".encode() + b"\x93no comment\x94.")
    out = {Path(a.source).name: a.text for a in read_all([tmp_path])}
    assert out["smart.txt"] == "\u201cWe will not yield,\u201d the minister said \u2013 twice."
    assert out["latin1.txt"] == "Le ministre a déclaré"
    assert out["mixed.txt"] == "São Paulo police said \u201cno comment\u201d."


def test_declared_charset_is_tried_first():
    from eventwire.readers.bytes import decode_text

    koi8 = "Москва".encode("koi8_r")
    assert decode_text(koi8, max_bytes=100, encoding="koi8-r") == "Москва"
    assert decode_text("Zürich".encode(), max_bytes=100, encoding="no-such-charset") == "Zürich"


def test_large_jsonl_is_streamed_whole_and_gzip_jsonl_is_read(tmp_path: Path):
    import gzip
    import json

    lines = [json.dumps({"id": f"r{i}", "text": f"Police detained {i} protesters in the capital."}) for i in range(400)]
    plain = tmp_path / "big.jsonl"
    plain.write_text("\n".join(lines) + "\n")
    out = read_all([plain], max_bytes=1000)  # the file is far over the per-article limit
    assert [a.id for a in out] == [f"r{i}" for i in range(400)]
    packed = tmp_path / "batch.jsonl.gz"
    packed.write_bytes(gzip.compress(("\n".join(lines[:3]) + "\n").encode()))
    out = read_all([packed])
    assert [a.id for a in out] == ["r0", "r1", "r2"]
    assert out[1].source == f"{packed}:2"


def test_overlong_jsonl_line_is_rejected_and_the_rest_is_read(tmp_path: Path):
    import json

    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": "Troops withdrew."}) + "\n")
    out = read_all([path], max_bytes=100)
    assert isinstance(out[0], RejectedInput) and "not read" in out[0].reason
    assert isinstance(out[1], Article) and out[1].text == "Troops withdrew."


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path):
    import gzip
    import json

    data = gzip.compress("".join(json.dumps({"text": f"Rebels attacked convoy {i}."}) + "\n" for i in range(50)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    out = read_all([path])
    assert isinstance(out[-1], RejectedInput) and "to the end" in out[-1].reason
    assert all(isinstance(o, Article) for o in out[:-1]) and len(out) > 1


def test_unknown_format_lists_the_choices():
    import pytest

    from eventwire.errors import InputError

    with pytest.raises(InputError, match="warc"):
        read_all(["x.txt"], fmt="pdf")
