from kg.model import Document, SourceText
from kg.text import is_chrome, parse_date, prepare

SEED_HEAD = "- The Washington Times - Tuesday, September 20, 2016\n\nNegotiations between Washington and Moscow stalled.\n"


def prepared(raw: str):
    return prepare(SourceText(Document("a.txt", "a.txt"), raw))


def test_dateline_gives_date_and_publisher_and_is_not_content():
    p = prepared(SEED_HEAD)
    assert p.document.date == "2016-09-20"
    assert p.document.publisher == "The Washington Times"
    assert "Washington Times" not in p.content
    assert "Negotiations between Washington" in p.content


def test_chrome_is_dropped_and_offsets_map_back_to_the_raw_text():
    raw = "Sign up for Daily Newsletters\n\nMoscow denied it.\n\nCopyright © 2020 The Times, LLC.\nClick to Hide"
    p = prepared(raw)
    assert "Newsletters" not in p.content and "LLC" not in p.content and "Hide" not in p.content
    at = p.content.index("Moscow")
    assert p.raw_span(at, at + 6) == (raw.index("Moscow"), raw.index("Moscow") + 6)


def test_hard_wrapped_lines_are_joined_for_parsing():
    raw = "The United\n    States signed   an agreement\nwith Hong Kong.\n\n\nNext paragraph."
    p = prepared(raw)
    assert p.content == "The United States signed an agreement with Hong Kong.\n\nNext paragraph."
    for word in ("States", "agreement", "Hong Kong", "Next"):
        at = p.content.index(word)
        assert raw[slice(*p.raw_span(at, at + len(word)))] == word


def test_a_date_already_known_is_not_replaced():
    doc = Document("a", "a", date="1987-02-26")
    assert prepare(SourceText(doc, "Monday, May 2, 2016\nText.")).document.date == "1987-02-26"


def test_dates_in_several_formats():
    assert parse_date("Sept. 3, 2015") == "2015-09-03"
    assert parse_date("3 September 2015") == "2015-09-03"
    assert parse_date("2015-09-03") == "2015-09-03"
    assert parse_date("February 30, 2015") is None


def test_chrome_lines_and_content_lines():
    assert is_chrome("Please read our comment policy before commenting.")
    assert not is_chrome("The cease-fire is not dead, Mr. Kerry said.")


def test_bylines_and_credits_are_chrome_but_sentences_are_not():
    assert is_chrome("By Guy Taylor - The Washington Times")
    assert is_chrome("(Reporting by John Smith; Editing by Jane Doe)")
    assert is_chrome("Story continues below advertisement")
    assert not is_chrome("By Tuesday, Russia agreed to the terms.")
    assert not is_chrome("By the end of the week, Russia had withdrawn.")


def test_dateline_with_a_byline():
    p = prepared("By Jane Smith - Associated Press - Monday, November 29, 2021\n\nTalks resumed.")
    assert (p.document.date, p.document.publisher) == ("2021-11-29", "Associated Press")


def test_a_first_sentence_with_a_date_is_content_not_a_dateline():
    p = prepared("The U.S. and Japan agreed on March 3, 1987 to cut tariffs on chips.\nMore text.")
    assert "Japan agreed" in p.content and p.document.date is None


def test_a_dateline_is_dropped_even_when_the_record_has_its_date():
    p = prepare(SourceText(Document("r", "r", date="1987-02-26"), "- The Daily - Monday, May 2, 2016\nRain fell."))
    assert "Daily" not in p.content and p.document.date == "1987-02-26" and p.document.publisher == "The Daily"


def test_lines_in_capitals_are_truecased_for_the_parser_with_every_offset_kept():
    from kg.nlp import load_model
    from kg.text import Truecaser

    content = ("CRICKET - PAKISTAN BEAT ENGLAND IN LONDON .\nWASHINGTON, Sept 20 - NATO said "
               "Pakistan's coach Smith was pleased, and Smith said so.\nSMITH HAILS WIN")
    cased = Truecaser(load_model())(content)
    assert len(cased) == len(content) and cased.lower() == content.lower()
    assert cased.startswith("Cricket - Pakistan beat England in London .\nWashington, Sept 20 - NATO said")
    assert cased.endswith("Smith hails win")  # the name as the text writes it elsewhere
    assert Truecaser(load_model())("Moscow and NATO met.") == "Moscow and NATO met."


def test_a_dateline_keeps_its_place_as_a_sentence_of_its_own():
    p = prepared("HEADLINE HERE\nLONDON 1996-08-30\nThe Oval was full.\n")
    assert p.document.date == "1996-08-30"
    assert "LONDON\n\nThe Oval" in p.content and "1996" not in p.content


def test_names_in_a_headline_in_capitals_are_found_and_point_into_the_raw_text():
    import kg

    raw = "PAKISTAN AND INDIA AGREE TO TALKS\nISLAMABAD 1996-08-30\nPakistan and India agreed to hold talks.\n"
    graph = kg.extract([raw])
    mentions = {m.text for e in graph.entities if e.name in ("Pakistan", "India") for m in e.mentions}
    assert {"PAKISTAN", "INDIA"} <= mentions
    for e in graph.entities:
        for m in e.mentions:
            assert raw[m.start:m.end] == m.text


def test_truecasing_never_changes_the_length_of_odd_text():
    from kg.nlp import load_model
    from kg.text import Truecaser

    truecase = Truecaser(load_model())
    for text in ("", "!!! ... ---", "İSTANBUL VE ANKARA ARASINDA YENİ YOL", "STRASSE ß GROSSE STRASSE IN BERLIN",
                 "ÉTATS-UNIS ET FRANCE SIGNENT", "B " * 20000, "\n\nLONDON (\n"):
        cased = truecase(text)
        assert len(cased) == len(text) and cased.lower() == text.lower()


def test_wire_markup_of_names_and_stock_symbols_is_not_text(tmp_path):
    from nlp_fixtures import extract_text, facts

    graph = extract_text("Nippon Steel Corp <NSTC.T> denied reports that it was buying plants. "
                         "A court denied the motion of <Carsey-Werner Co> for an injunction.")
    names = {e.name for e in graph.entities}
    assert "Carsey-Werner Co" in names and not any("<" in n or ">" in n or "NSTC" in n for n in names)
    assert ("Nippon Steel Corp", "DENIES", "reports") in facts(graph)
