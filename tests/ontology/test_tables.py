from eventwire.ontology import load_ontology

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_cameo_table_is_complete_and_typed():
    onto = load_ontology()
    assert len(onto.cameo) > 300
    kill = onto.code("1823")
    assert (kill.plover, kill.quad, kill.goldstein) == ("ASSAULT", 4, -10.0)
    assert onto.code("042").mode == "visit"
    assert {c.quad for c in onto.cameo.values()} == {1, 2, 3, 4}


def test_triggers_cover_all_sixteen_plover_types_with_valid_codes():
    onto = load_ontology()
    types = {t.plover for group in onto.triggers.values() for t in group}
    assert types == PLOVER
    for group in onto.triggers.values():
        for trig in group:
            assert trig.cameo in onto.cameo


def test_roles_and_igos():
    onto = load_ontology()
    assert onto.roles[("spokeswoman",)].sector == "GOV"
    assert onto.roles[("police",)].sector == "COP"
    assert onto.igos["EU"].code == "IGOEUR"
