"""Direct and indirect quotes: the marks by hand, the speaker patterns through the real model."""
from __future__ import annotations

import pytest

from eventwire.stages.quotes import _quoted_spans


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in _quoted_spans(text, 0, len(text), 0)]


def test_straight_and_curly_marks() -> None:
    assert spans('"We are ready," he said.') == ["We are ready"]
    assert spans("“We are ready,” he said, “and willing.”") == ["We are ready", "and willing."]


def test_doubled_apostrophes_and_stray_closing_mark() -> None:
    assert spans("''This isn't tax reform,'' said Mr. Burman.") == ["This isn't tax reform"]
    assert spans("”Mr. Trump embodies the legacy of racism.” ― Sonya Herridge") == [
        "Mr. Trump embodies the legacy of racism."]


def test_nested_single_quotes_stay_inside() -> None:
    assert spans("“People say, ‘It doesn’t matter,’” said King.") == ["People say, ‘It doesn’t matter,’"]


def test_scare_quotes_are_no_quotes() -> None:
    assert spans("He called it a “miracle” cure.") == []


def test_a_quote_left_open_runs_to_the_paragraph_end() -> None:
    raw = _quoted_spans("“The first part goes on", 0, 23, 0)
    assert len(raw) == 1 and raw[0].close_at is None


def speakers(record: dict) -> list[tuple[str, str | None, str | None]]:
    names = {a["id"]: a["name"] for a in record["actors"]}
    return [(q["text"][:20], names.get(q["speaker"]), q["cue"]["text"] if q["cue"] else None)
            for q in record["quotes"] if q["kind"] == "direct"]


@pytest.mark.model
def test_speaker_patterns(code_text) -> None:
    text = ("Interior Minister Vladimir Kolokoltsev met French Interior Minister Gerald Darmanin in Moscow.\n\n"
            "“We will cooperate,” Kolokoltsev said.\n\n"
            "“The talks were useful,” said Darmanin, the French minister.\n\n"
            "Kolokoltsev told reporters: “We discussed terrorism.”\n\n"
            "According to Darmanin, “the deportations will go on.”")
    got = speakers(code_text(text))
    assert got == [("We will cooperate", "Vladimir Kolokoltsev", "said"),
                   ("The talks were usefu", "Gerald Darmanin", "said"),
                   ("We discussed terrori", "Vladimir Kolokoltsev", "told"),
                   ("the deportations wil", "Gerald Darmanin", "According to")]


@pytest.mark.model
def test_quotes_across_paragraphs_and_after_the_cue(code_text) -> None:
    text = ("Police spokeswoman Irina Volk spoke to reporters on Thursday.\n\n"
            "“The suspects were detained,” Volk said. “They will be charged.\n\n"
            "“The investigation goes on.”\n\n"
            "Volk continued:\n\n"
            "“Three of them are foreigners.”")
    got = speakers(code_text(text))
    assert [name for _, name, _ in got] == ["Irina Volk"] * 4


@pytest.mark.model
def test_pronoun_and_nominal_speakers(code_text) -> None:
    text = ("Russian Interior Ministry spokeswoman Irina Volk spoke on Thursday.\n\n"
            "“The talks went well,” she said.\n\n"
            "“Nothing was signed,” a source at the ministry said.")
    record = code_text(text)
    got = speakers(record)
    assert got[0][1] == "Irina Volk"
    assert got[1][1] == "a source at the ministry"


@pytest.mark.model
def test_indirect_quotes_have_cue_and_speaker(code_text) -> None:
    record = code_text("Interior Minister Vladimir Kolokoltsev met his French counterpart on Thursday.\n\n"
                       "Kolokoltsev said that Russia was ready to cooperate with France on terrorism.")
    indirect = [q for q in record["quotes"] if q["kind"] == "indirect"]
    names = {a["id"]: a["name"] for a in record["actors"]}
    assert indirect and indirect[0]["cue"]["text"] == "said"
    assert names[indirect[0]["speaker"]] == "Vladimir Kolokoltsev"
    assert indirect[0]["text"].startswith("Russia was ready")
