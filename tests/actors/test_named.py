"""Named actors through the real model: known actors, acronyms, titles reached through "of"."""


def actor_named(record, text):
    return next(a for a in record["actors"] if any(m["text"] == text for m in a["mentions"]))


def test_known_person_without_title_gets_country(code_text):
    record = code_text("Lavrov said on Monday that talks would resume in Geneva.")
    lavrov = actor_named(record, "Lavrov")
    assert (lavrov["country"], lavrov["sector"]) == ("RUS", "GOV")


def test_title_in_text_wins_over_known_table(code_text):
    record = code_text("Former Ghanaian President Vladimir Putin, a namesake, opened a school in Accra.")
    assert actor_named(record, "Vladimir Putin")["country"] == "GHA"


def test_acronym_in_brackets_is_the_same_organisation(code_text):
    record = code_text("The Chadian Union of Nurses (CUN) said on Friday that it had called off its strike.")
    union = actor_named(record, "Chadian Union of Nurses")
    assert any(m["text"] == "CUN" for m in union["mentions"])
    assert union["country"] == "TCD"


def test_title_through_of_and_possessive(code_text):
    record = code_text("U.S. Secretary of State Marla Quince met Peru's interior minister Ana Solis in Lima.")
    assert actor_named(record, "Marla Quince")["country"] == "USA"
    assert actor_named(record, "Ana Solis")["country"] == "PER"


def test_titles_in_apposition_with_their_of_phrase(code_text):
    record = code_text("The Grand Mufti of Egypt, Sheikh Karim Sallam, has cancelled a planned visit to Britain.")
    mufti = actor_named(record, "Karim Sallam")
    assert (mufti["country"], mufti["sector"]) == ("EGY", "REL")
    record = code_text("Lina Ferro, the president of the International Red Cross, called on Italy to let the ship dock.")
    assert actor_named(record, "Lina Ferro")["sector"] == "NGO"


def test_an_organisation_after_a_country_s_initials_is_that_country_s(code_text):
    record = code_text("The U.S. Treasury Department removed the sanctions on two shipping firms.")
    treasury = actor_named(record, "U.S. Treasury Department")
    assert (treasury["type"], treasury["country"]) == ("ORG", "USA")


def test_an_acronym_in_brackets_in_another_language_s_order(code_text):
    record = code_text("Colombia's Revolutionary People's Front (FRP) released six soldiers on Tuesday. "
                       "The FRP said more would follow.")
    front = actor_named(record, "FRP")
    assert front["country"] == "COL" and len([m for m in front["mentions"] if m["text"] == "FRP"]) == 2


def test_an_acronym_is_no_place_and_upper_case_known_names_are_found(code_text):
    record = code_text("The Government Accountability Office (GAO) said the program would miss its deadline.")
    assert actor_named(record, "GAO")["country"] is None  # not Gao, Mali
    assert not record["places"]
    record = code_text("In cooperation with partners, USAID provided shelter materials to 1.5 million people in Haiti.")
    assert actor_named(record, "USAID")["country"] == "USA"


def test_a_title_naming_one_country_s_province_gives_that_country(code_text):
    record = code_text("Kerala Chief Minister Anil Varma and Texas Governor Mark Dalton met on Monday.")
    assert actor_named(record, "Anil Varma")["country"] == "IND"
    assert actor_named(record, "Mark Dalton")["country"] == "USA"
    record = code_text("Punjab Governor Salim Qadri rejected the accusation.")  # a province of India and Pakistan
    assert actor_named(record, "Salim Qadri")["country"] is None
