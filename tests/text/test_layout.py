import pytest

from eventwire.text.layout import split_layout


@pytest.mark.parametrize("line, place, outlet, date", [
    ("MOSCOW (Pakistan Point News / Sputnik - 12th November, 2020) Russian officials met.", "MOSCOW", "Pakistan Point News / Sputnik", "12th November, 2020"),
    ("NAIROBI, March 3 (Meridian News) - Kenya's minister spoke.", "NAIROBI", "Meridian News", "March 3"),
    ("PORT-AU-PRINCE (Harbor Press Agency) - Police said.", "PORT-AU-PRINCE", "Harbor Press Agency", None),
    ("LONDON, Nov 12 - The government said.", "LONDON", None, "Nov 12"),
])
def test_datelines(line, place, outlet, date):
    text = f"A Headline\n\n{line}\n\nSecond paragraph."
    segments, dateline, headline = split_layout(text)
    assert headline == "A Headline"
    assert text[dateline.place_start:dateline.place_end] == place
    assert dateline.outlet == outlet
    assert dateline.published == date
    assert [s.kind for s in segments] == ["headline", "dateline", "paragraph", "paragraph"]
    body = segments[2]
    assert text[body.start].isupper()


def test_no_dateline_in_ordinary_sentences():
    for text in ("The Minister (left) said things.\n\nMore.", "Police arrested two men.", "UN officials said on Monday."):
        _, dateline, _ = split_layout(text)
        assert dateline is None


def test_segments_cover_paragraphs_without_changing_offsets():
    text = "Title line\n\n  First para\nwraps here.  \n\n\nSecond."
    segments, _, _ = split_layout(text)
    assert [text[s.start:s.end] for s in segments] == ["Title line", "First para\nwraps here.", "Second."]


def test_a_readers_title_on_the_first_line_is_the_headline() -> None:
    text = "Estonia Raises Alert After Cyberattack\nEstonia's government put police on alert on Monday.\nMore text."
    segments, _, headline = split_layout(text, "Estonia Raises Alert After Cyberattack")
    assert headline == "Estonia Raises Alert After Cyberattack"
    assert [s.kind for s in segments] == ["headline", "paragraph"]
    assert text[segments[1].start:segments[1].end].startswith("Estonia's government")
    # without the title, one block stays one paragraph
    assert [s.kind for s in split_layout(text)[0]] == ["paragraph"]
