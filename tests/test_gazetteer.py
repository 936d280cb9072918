from kg.gazetteer import cities, gazetteer, titles


def test_countries_capitals_and_demonyms_come_from_the_country_package():
    g = gazetteer()
    assert g.lookup("Kenya").name == "Kenya" and g.lookup("Nairobi").kind == "capital"
    assert g.lookup("Kenyan").name == "Kenya" and g.lookup("Kenyans").kind == "demonym"
    assert g.lookup("Ottawa").name == "Canada"


def test_short_forms_and_organisations_from_the_alias_file():
    g = gazetteer()
    assert g.lookup("U.S.").name == "United States"
    assert g.lookup("the Kremlin").name == "Russia"
    assert (g.lookup("NATO").name, g.lookup("NATO").type) == ("North Atlantic Treaty Organization", "Organisation")


def test_states_of_the_past_have_their_demonyms_and_seats_of_government():
    # Archives reach back before 1990: "West German officials", "Bonn said" name a state no package lists now.
    g = gazetteer()
    assert (g.lookup("West German").name, g.lookup("West German").kind) == ("West Germany", "demonym")
    assert (g.lookup("Bonn").name, g.lookup("Bonn").kind) == ("West Germany", "capital")
    assert g.lookup("East German").name == "East Germany" and g.lookup("Berlin").name == "Germany"


def test_iso_codes_are_not_words():
    g = gazetteer()
    assert g.lookup("IT") is None and g.lookup("AT") is None


def test_titles_and_cities():
    t = titles()
    assert t.is_title("Lt. Gen.") and t.is_role("Foreign Minister") and t.is_role("acting deputy foreign minister")
    assert not t.is_role("Kerry")
    # any cabinet portfolio before an office: the ministries are many and the list of offices is short
    assert t.is_role("Economics Minister") and t.is_role("acting Petroleum Minister") and t.is_role("Public Works Minister")
    assert not t.is_role("Marine") and not t.is_role("International Monetary Fund") and not t.is_role("Petroleum")
    assert "Mosul" in cities() and "Springfield" in cities()


def test_every_form_the_matcher_finds_can_be_looked_up():
    # The matcher matches capitalised variants ("Al-Nusra") and names ending in 's ("St. George's");
    # an entry the lookup could not find again crashed extraction (issue 13).
    g = gazetteer()
    assert [p for p in g.patterns() if g.lookup(p, loose=True) is None] == []
    assert g.lookup("St. George's").name == "Grenada"


def test_armed_groups_and_organisations_of_the_actor_dictionaries_join_the_gazetteer():
    g = gazetteer()
    # a body's own name and its abbreviation are matched in text; a bare word only types what NER found
    assert g.lookup("Abu Nidal Organization").type == "Organisation"
    assert g.lookup("PFLP").name == g.lookup("Popular Front for the Liberation of Palestine").name
    assert g.lookup("Asbat al-Ansar") is None and g.lookup("Asbat al-Ansar", loose=True).type == "Organisation"
    assert g.lookup("Aleppo", loose=True) is None or g.lookup("Aleppo", loose=True).type != "Organisation"
