from eventwire.actors.coding import code_phrase, find_role
from eventwire.ontology import load_ontology


def tokens(nlp, text):
    return list(nlp(text))


def test_title_gives_country_and_sector(blank_nlp):
    onto = load_ontology()
    code = code_phrase(tokens(blank_nlp, "Russian Interior Minister"), onto)
    assert (code.country, code.sector, code.role.role) == ("RUS", "GOV", "minister")


def test_group_with_of_country(blank_nlp):
    code = code_phrase(tokens(blank_nlp, "the people of France"), load_ontology())
    assert (code.country, code.sector) == ("FRA", "CVL")


def test_origin_and_birthplace_are_not_nationality(blank_nlp):
    onto = load_ontology()
    assert code_phrase(tokens(blank_nlp, "a teen of Chechen origin"), onto).country is None
    assert code_phrase(tokens(blank_nlp, "Russia-born supporters"), onto).country is None


def test_multiword_roles_win_over_their_parts():
    onto = load_ontology()
    entry, start, end = find_role(["the", "defence", "minister"], onto)
    assert entry.sector == "MIL" and (start, end) == (1, 3)


def test_hyphenated_title_is_one_role():
    entry, start, end = find_role(["arab", "league", "secretary", "-", "general"], load_ontology())
    assert (entry.sector, entry.role, start, end) == ("GOV", "official", 2, 5)


def test_known_actors_table():
    known = load_ontology().known
    assert (known["hamas"].country, known["hamas"].sector) == ("PSE", "REB")
    assert known["sergey lavrov"] is known["sergei lavrov"]  # spelling variants are one actor
    assert (known["kofi annan"].country, known["kofi annan"].code) == (None, "IGO")  # international


def test_nationality_with_another_origin_is_left_open(blank_nlp):
    onto = load_ontology()
    assert code_phrase(tokens(blank_nlp, "a French teen of Chechen origin"), onto).country is None
    assert code_phrase(tokens(blank_nlp, "a French teen"), onto).country == "FRA"
