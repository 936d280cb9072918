"""Events from the CAMEO verb dictionary: PLOVER category and CAMEO code on every event relation, the
argument that is the target, intents as their own events, and the forms that must not count."""
import pytest
from nlp_fixtures import extract_text, facts

from kg.events import verb_dictionary
from kg.lexicon import PLOVER_CATEGORIES, load_lexicon


def typed(graph):
    names = {e.id: e.name for e in graph.entities}
    return {(names[r.source], r.type, names[r.target], r.properties.get("plover"), r.properties.get("cameo"))
            for r in graph.relations}


@pytest.mark.parametrize("text, fact", [
    ("The European Union gave aid to Romania.", ("European Union", "AIDS", "Romania", "AID", "070")),
    ("Japan will give Iraq a grant of 10 million dollars.", ("Japan", "OFFERS", "Iraq", "AGREE", "033")),
    ("European Community ministers agreed to provide aid for Romania and Poland.",
     ("European Community", "OFFERS", "Poland", "AGREE", "033")),
    ("Hungary said it would support Austria.", ("Hungary", "OFFERS", "Austria", "AGREE", "032")),
    ("Greece plans to attack Albania.", ("Greece", "THREATENS", "Albania", "THREATEN", "138")),
    ("Hungary has offered to hand over the suspects to Austria.", ("Hungary", "OFFERS", "Austria", "AGREE", "033")),
    ("France is ready to contribute troops to Bosnia.", ("France", "OFFERS", "Bosnia", "AGREE", "033")),
    ("Germany promised economic aid to Poland.", ("Germany", "OFFERS", "Poland", "AGREE", "033")),
    ("Israel withdrew troops from Lebanon.", ("Israel", "RETREATS", "Lebanon", "RETREAT", "0874")),
    ("The Soviet Union mediated between Iran and Iraq.", ("Soviet Union", "BROKERED", "Iran", "CONSULT", "045")),
    ("Russia criticized NATO.", ("Russia", "CRITICIZES", "North Atlantic Treaty Organization", "ACCUSE", "111")),
    ("Syria talked to Israel about the Golan.", ("Israel", "TALKS_WITH", "Syria", "CONSULT", "040")),
])
def test_dictionary_verbs_give_the_category_code_and_the_recipient(text, fact):
    assert fact in typed(extract_text(text))


def test_the_thing_given_is_not_the_target_and_an_offer_is_not_the_deed():
    found = facts(extract_text("Hungary has offered to hand over the suspects to Austria."))
    assert ("Hungary", "AIDS", "Austria") not in found  # offered, not yet handed over
    assert not any(t == "AIDS" for _, t, _ in facts(extract_text("France is ready to contribute troops to Bosnia.")))


@pytest.mark.parametrize("text, mediator, brokered", [
    ("Egypt acted as mediator in the talks between Israel and Syria.", "Egypt", "talks between Israel and Syria"),
    ("Talks were held in Geneva, with Norway acting as mediator.", "Norway", "Talks"),
    ("The negotiations resumed in Geneva, with Norway acting as mediator.", "Norway", "negotiations"),
    ("The talks were held with the mediation of Egypt.", "Egypt", "talks"),
    ("Algeria arranged talks between Iran and Iraq.", "Algeria", "talks between Iran and Iraq"),
    ("The truce, arranged by Egypt, held.", "Egypt", "truce"),
    ("The United Nations negotiated a ceasefire between Iran and Iraq.", "United Nations", "ceasefire between Iran and Iraq"),
])
def test_mediators_broker_the_talks(text, mediator, brokered):
    assert (mediator, "BROKERED", brokered) in facts(extract_text(text))


@pytest.mark.parametrize("text, rtype", [
    ("Greece is negotiating with Turkey over the sale.", "BROKERED"),
    ("Chrysler arranged a rights issue.", "BROKERED"),
    ("Citibank arranged a 500 mln dlr loan for Brazil.", "BROKERED"),
    ("Iran negotiated a ceasefire with Iraq.", "BROKERED"),  # a party to it
    ("Algeria did not arrange the talks.", "BROKERED"),
    ("The Federal Reserve entered the market to arrange two-day repurchase agreements.", "BROKERED"),
    ("Britain would neither confirm nor deny that it had attacked Iraq.", "DENIES"),
])
def test_forms_that_do_not_say_the_relation(text, rtype):
    assert not any(t == rtype for _, t, _ in facts(extract_text(text)))


def test_every_event_type_has_a_category_and_its_codes_agree_with_the_plover_table():
    lex, verbs = load_lexicon(), verb_dictionary()
    for rtype in lex.types.values():
        if rtype.name in ("HOLDS_ROLE", "LOCATED_IN", "MEMBER_OF"):
            assert rtype.plover is None
            continue
        assert rtype.plover in PLOVER_CATEGORIES, rtype.name
        for code in rtype.cameo_codes | ({rtype.cameo} if rtype.cameo else set()):
            assert verbs.category(code) == rtype.plover, (rtype.name, code)
    for code, category in verbs.categories.items():  # a code routed to a type says that type's category
        rtype = lex.type_for_code(code)
        assert rtype is None or rtype.plover == category, (code, rtype.name)


def test_a_pattern_says_no_event_where_the_dictionary_says_none():
    from kg.nlp import load_model
    doc = load_model()("The company gave access to the files.")
    assert verb_dictionary().code(doc[2]) is None


def test_agent_nouns_give_the_ends_agent_codes():
    graph = extract_text("Israeli troops attacked Palestinian officials.")
    names = {e.id: e.name for e in graph.entities}
    found = {(names[r.source], r.type, names[r.target]): r.properties for r in graph.relations}
    props = found[("Israel", "ATTACKS", "Palestine")]
    assert props["source_agent"] == "MIL" and props["target_agent"] == "GOV" and props["plover"] == "ASSAULT"


@pytest.mark.parametrize("text, fact", [
    ("Israel has refused to meet Jordan.", ("Israel", "REJECTS", "Jordan")),
    ("Serbia lodged an official protest with Albania.", ("Serbia", "CRITICIZES", "Albania")),
    ("Poland demanded an immediate admission by Russia.", ("Poland", "DEMANDS", "Russia")),
    ("Turkey issued a declaration demanding that Syria close the border.", ("Turkey", "DEMANDS", "Syria")),
])
def test_refusals_complaints_and_the_doer_of_a_demanded_deed(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text, fact", [
    ("Israel said it would not meet Jordan.", ("Israel", "REJECTS", "Jordan")),
    ("Cambodia launched rocket fire against Vietnamese camps.", ("Cambodia", "ATTACKS", "Vietnam")),
    ("Syria started a hunger strike to protest Israel's policy.", ("Syria", "PROTESTS", "Israel")),
])
def test_refused_deeds_fire_against_a_camp_and_a_protest_for_a_purpose(text, fact):
    assert fact in facts(extract_text(text))


def test_the_speaker_is_the_source_of_a_reported_clause_without_one():
    assert ("Iran", "NEGOTIATES_WITH", "Iraq") in facts(extract_text("Iran said talks with Iraq would resume soon."))
    assert ("Iran", "NEGOTIATES_WITH", "Iraq") in facts(extract_text("Iran announced talks with Iraq."))


def test_a_demand_is_made_of_the_clause_subject_not_of_those_its_deed_names():
    found = facts(extract_text("Washington demanded that Hamas renounce its armed struggle against Israel."))
    assert ("United States", "DEMANDS", "Hamas") in found and ("United States", "DEMANDS", "Israel") not in found


def test_the_most_specific_pattern_names_a_word_and_a_phrase_needs_all_its_words():
    assert ("Kenya", "SANCTIONS", "Somalia") in facts(extract_text("Kenya broke diplomatic relations with Somalia."))
    found = facts(extract_text("Coca-Cola Co's unit said it formed a joint venture with an affiliate of World Film"
                               " Services to acquire, produce and distribute television programming."))
    assert not any(t == "MOBILIZES" for _, t, _ in found)


@pytest.mark.parametrize("text, fact", [
    ("Saudi Arabia cut off oil supplies to Jordan.", ("Saudi Arabia", "SANCTIONS", "Jordan")),  # 162, not "cut oil"
    ("Greece froze Iraq's assets.", ("Greece", "COERCES", "Iraq")),  # 163: on whose the assets are
    ("Iran pulled out of the talks with the European Union.", ("Iran", "SANCTIONS", "European Union")),  # 164
    ("Iran threatened to pull out of the talks with the European Union.", ("Iran", "THREATENS", "European Union")),
    ("Syrian troops pulled out of Lebanon.", ("Syria", "RETREATS", "Lebanon")),
])
def test_the_dictionary_s_frames_of_phrasal_verbs_and_the_owner_of_what_is_seized(text, fact):
    assert fact in facts(extract_text(text))


def test_a_company_coerces_no_one_and_the_one_asked_is_not_whom_the_deed_is_for():
    assert not facts(extract_text("PHS Van Ommeren NV said it has taken over a small Dutch gas container firm."))
    found = facts(extract_text("Richard Lyng said he will ask Japan to offer a share of its rice market to U.S. exporters."))
    assert not any(t == "DEMANDS" and o == "United States" for _, t, o in found)


def test_a_reported_would_under_a_condition_is_a_threat_of_a_hostile_deed_only():
    found = facts(extract_text("North Korea said it would attack South Korea if Seoul continued the exercises."))
    assert ("North Korea", "THREATENS", "South Korea") in found and not any(t == "ATTACKS" for _, t, _ in found)
    assert not facts(extract_text("Iran said it would not attack Iraq if Baghdad withdrew."))
    assert not facts(extract_text("Japan said if they met, it would open the way for talks with China."))


@pytest.mark.parametrize("text, victim", [
    ("The Arab League condemned the invasion of Kuwait by Iraq.", "Kuwait"),
    ("The Arab League condemned the killing of Kuwaiti civilians.", "Kuwaiti civilians"),
])
def test_condemning_a_deed_done_to_someone_is_not_said_against_them(text, victim):
    assert not any(o == victim for _, _, o in facts(extract_text(text)))


def test_the_noun_a_relative_clause_with_its_own_subject_speaks_of_is_its_object():
    found = facts(extract_text("Cuba accused the United States of violating its airspace, a charge Washington denied."))
    assert ("United States", "DENIES", "charge") in found
    # but not where the relative pronoun is the subject of a clause inside it
    assert not any(t == "DEMANDS" for _, t, _ in facts(extract_text(
        "Moscow could give an advantage to Bashar Assad, a longtime Russian ally who President Obama insists must go.")))


def test_two_who_exchange_something_do_it_to_each_other():
    found = facts(extract_text("Iraqi and Iranian forces exchanged artillery fire along the border."))
    assert {("Iran", "ATTACKS", "Iraq"), ("Iraq", "ATTACKS", "Iran")} <= found


def test_a_deed_no_one_offers_promised_on_a_condition_is_a_threat():
    found = facts(extract_text("Hamas said it will boycott the Palestinian elections unless Israel releases the prisoners."))
    assert {("Hamas", "THREATENS", "Israel"), ("Hamas", "THREATENS", "Palestine")} <= found
    assert not any(t == "OPPOSES" for _, t, _ in found)
    assert ("Japan", "OFFERS", "Vietnam") in facts(extract_text("Japan will help Vietnam if Hanoi reforms."))
    assert not any(t == "THREATENS" for _, t, _ in facts(extract_text("Iran will reject the proposal.")))


def test_on_or_against_names_whom_only_a_hostile_deed_is_done_to():
    found = facts(extract_text("Japan and South Korea agreed to share intelligence on North Korea."))
    assert not any(o == "North Korea" for _, _, o in found)
    assert ("United Kingdom", "THREATENS", "Iraq") in facts(extract_text("Britain offered to impose sanctions on Iraq."))


def test_another_state_s_counterpart_and_agents_of_two_states_joined_before_the_noun():
    assert ("Egypt", "MEETS_WITH", "Jordan") in facts(extract_text("The Egyptian president met his Jordanian counterpart."))
    assert ("India", "FIGHTS", "Pakistan") in facts(extract_text("Indian and Pakistani troops clashed across the border."))
    met = facts(extract_text("U.S. and Russian officials met in Geneva."))
    assert {frozenset((a, b)) for a, t, b in met if t == "MEETS_WITH"} == {frozenset(("United States", "Russia"))}


def test_stopping_aid_is_a_sanction_on_its_recipient_and_ruling_is_no_cooperation():
    assert ("Japan", "SANCTIONS", "Serbia") in facts(extract_text("Japan said it had halted economic aid to Serbia."))
    assert not facts(extract_text("The Taliban controls Afghanistan."))


@pytest.mark.parametrize("text", ["Brazil began negotiations with the IMF and World Bank.",
                                  "Brazil began negotiations with the IMF and the World Bank."])
def test_negotiations_with_two_bodies_joined_by_and(text):
    pairs = {frozenset((a, b)) for a, t, b in facts(extract_text(text)) if t == "NEGOTIATES_WITH"}
    assert {frozenset(("Brazil", "International Monetary Fund")), frozenset(("Brazil", "World Bank"))} <= pairs


def test_attacking_a_proposal_or_a_government_is_criticism_by_the_dictionary_frames():
    assert typed(extract_text("Iran attacked the American proposal.")) == {
        ("Iran", "CRITICIZES", "United States", "ACCUSE", "111")}
    assert ("Iraq", "ATTACKS", "Iran", "ASSAULT", "190") in typed(extract_text("Iraq attacked Iran."))


@pytest.mark.parametrize("text", ["TWA does not plan to attack USAir Group.",
                                  "TWA said it does not intend to seek control of USAir Group.",
                                  "Iran never promised to help Iraq."])
def test_a_negated_intent_is_no_intent(text):
    assert not facts(extract_text(text))


@pytest.mark.parametrize("text", ["Iran promised not to attack Iraq.", "Iran agreed not to attack Iraq.",
                                  "Iran offered not to impose sanctions on Iraq.", "Iran vowed never to attack Iraq."])
def test_an_intent_not_to_do_a_deed_neither_threatens_nor_offers_it(text):
    assert not facts(extract_text(text))


@pytest.mark.parametrize("text, fact", [
    ("Iran decided to attack Iraq.", ("Iran", "THREATENS", "Iraq")),  # decided, not done
    ("Iran decided not to meet Iraq.", ("Iran", "REJECTS", "Iraq")),
])
def test_a_decision_is_an_intent(text, fact):
    assert facts(extract_text(text)) == {fact}


def test_every_intent_verb_keeps_its_deed_from_becoming_the_fact_and_ability_is_no_intent():
    from kg.intents import intents
    from kg.mood import IRREALIS
    assert set(intents()["verbs"]) <= IRREALIS
    assert ("Turkey", "ATTACKS", "Syria") in facts(extract_text("Turkey was able to attack Syria."))


def test_an_attack_or_protest_with_no_one_named_is_coded_against_where_it_happened():
    graph = extract_text("Afghan rebels exploded a series of bombs in the capital Kabul. "
                         "Serbian opposition supporters demonstrated in Belgrade on Sunday.")
    names = {e.id: e.name for e in graph.entities}
    located = {(names[r.source], r.type, names[r.target]): r.properties for r in graph.relations}
    assert located[("Afghanistan", "ATTACKS", "Kabul")]["target_role"] == "location"
    assert located[("Serbia", "PROTESTS", "Belgrade")]["target_role"] == "location"


def located(text: str) -> dict:
    graph = extract_text(text)
    names = {e.id: e.name for e in graph.entities}
    return {(names[r.source], r.type, names[r.target]): r.properties for r in graph.relations}


@pytest.mark.parametrize("text, fact", [
    ("Syria will evacuate all its bases in the Bekaa Valley in March.", ("Syria", "OFFERS", "Bekaa Valley")),
    ("The ASEAN forum has agreed to set up a disaster centre in Jakarta.",
     ("Association of Southeast Asian Nations", "OFFERS", "Jakarta")),
])
def test_an_offer_that_names_no_one_else_is_coded_where_it_is_to_be_done(text, fact):
    found = located(text)
    assert found[fact]["target_role"] == "location" and found[fact]["plover"] == "AGREE"


@pytest.mark.parametrize("text, place", [
    ("Vitronics Corp said it plans to establish a plant in Plymouth, England.", "Plymouth"),
    ("In addition, the EU will be hosting a conference in Brussels in spring.", "Brussels"),
    ("Egypt and Israel agreed to resume talks in Cairo.", "Cairo"),
])
def test_a_company_s_plans_a_venue_and_an_agreement_between_two_are_not_coded_by_place(text, place):
    assert not any(target == place for _, _, target in located(text)), text


def test_a_request_made_in_a_state_is_made_of_it_but_not_of_a_town():
    found = located("Thousands of Albanians sought asylum in Italy.")
    assert found[("Albania", "REQUESTS", "Italy")]["target_role"] == "location"
    assert not located("The opposition demanded reforms in Nairobi.")
    assert not located("Adsteam will raise 228.5 mln dlrs for working capital and investment both in Australia.")


def test_people_counted_as_victims_are_no_event_and_the_place_is_the_target():
    graph = extract_text("Two Palestinian suicide bombers killed 23 people when they blew themselves up in Tel Aviv.")
    assert ("Palestine", "ATTACKS", "Tel Aviv") in facts(graph)
    assert not any(e.type == "Event" for e in graph.entities)


def test_who_protests_in_a_participle_is_the_people_it_describes_not_who_disperses_them():
    graph = extract_text("Liberian riot police used tear gas to disperse demonstrators protesting in Monrovia.")
    assert not any(r.type == "PROTESTS" for r in graph.relations)


def test_a_threat_is_aimed_at_whom_its_condition_names():
    graph = extract_text("Russia has threatened to stop negotiations to reduce nuclear weapons if the United States "
                         "goes ahead with the deployment. Iran warned it would close the Strait of Hormuz if "
                         "Washington imposed new sanctions.")
    assert {("Russia", "THREATENS", "United States"), ("Iran", "THREATENS", "United States")} <= facts(graph)


@pytest.mark.parametrize("text, target", [
    ("Pakistan threatened war with India.", "India"),
    ("Washington threatened sanctions against Japan.", "Japan"),
    ("Israel threatened retaliation against Lebanon.", "Lebanon"),
])
def test_a_threat_of_a_deed_is_aimed_at_whom_the_deed_is_against(text, target):
    assert (text.split()[0].replace("Washington", "United States"), "THREATENS", target) in facts(extract_text(text))
    assert not any(t == "THREATENS" and o == "China" for _, t, o in
                   facts(extract_text("Japan warned of a slowdown in trade with China.")))


def test_a_fight_with_an_unnamed_actor_is_not_coded_against_the_town_nearby():
    graph = extract_text("Syrian rebels fought government troops near Aleppo.")
    assert not any(r.type in ("FIGHTS", "ATTACKS") for r in graph.relations)


def test_what_a_phrasal_attack_verb_fires_is_no_target():
    graph = extract_text("Hamas fighters fired rockets at Israel.")
    assert ("Hamas", "ATTACKS", "Israel") in facts(graph)
    assert not any(e.type == "Event" for e in graph.entities)


def test_what_is_fired_at_a_thing_of_someone_is_no_target_either():
    found = facts(extract_text("Hamas fighters fired rockets at Israeli towns."))
    assert ("Hamas", "ATTACKS", "Israel") in found
    assert not any(target == "rockets" for _, _, target in found)


@pytest.mark.parametrize("text, fact", [
    ("Palestinians held a general strike to protest Israeli settlement.", ("Palestine", "PROTESTS", "Israel")),
    ("Iran sent troops to attack Iraq.", ("Iran", "ATTACKS", "Iraq")),
    ("Kenyan students rallied in Nairobi against President Moi.", ("Kenyan students", "PROTESTS", "Moi")),
])
def test_a_purpose_is_the_deed_of_who_acts_for_it_and_a_rally_against_someone_protests(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text, fact", [
    ("India warned Pakistan of serious consequences.", ("India", "THREATENS", "Pakistan")),  # whom it warns
    ("Serbia rejected the peace plan proposed by the United Nations.", ("Serbia", "REJECTS", "United Nations")),
    ("The French president paid a visit to Algeria.", ("France", "VISITS", "Algeria")),
    ("The World Bank approved a loan of 100 million dollars for Ghana.", ("World Bank", "OFFERS", "Ghana")),
])
def test_targets_by_the_forms_news_names_them_in(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text, pair", [
    ("Egypt and Israel agreed to resume talks.", {"Egypt", "Israel"}),
    ("Russia and India pledged to expand military cooperation.", {"Russia", "India"}),
])
def test_two_who_intend_to_cooperate_with_no_one_else_named_agree_with_each_other(text, pair):
    assert any(t == "AGREES_WITH" and {s, o} == pair for s, t, o in facts(extract_text(text)))
    assert not facts(extract_text("Iran and Iraq threatened to attack."))  # a threat needs a target
    # a company and its chairman, run together by the parse, are no two parties
    assert not facts(extract_text("Hilton Hotels chairman and president Barron Hilton will introduce a new hotel."))


@pytest.mark.parametrize("text", ["Vietnam and China clashed over the Spratly islands.", "The Iran-Iraq war ended in 1988."])
def test_two_who_clash_or_are_at_war_fight_each_other(text):
    pairs = {(s, o) for s, t, o in facts(extract_text(text)) if t == "FIGHTS"}
    assert len(pairs) == 2 and {(o, s) for s, o in pairs} == pairs
    assert facts(extract_text("Iraq defeated Iran.")) == {("Iraq", "FIGHTS", "Iran")}  # not each other
    # where two clash is no third party
    assert facts(extract_text("Israeli troops and Palestinian police clashed in Hebron.")) == {
        ("Israel", "FIGHTS", "Palestine"), ("Palestine", "FIGHTS", "Israel")}
    allies = "Commerce Secretary Malcolm Baldrige and Defense Secretary Caspar Weinberger joined forces to fight the sale."
    assert not any(t == "FIGHTS" for _, t, _ in facts(extract_text(allies)))


def test_an_until_clause_in_the_present_is_a_condition_not_yet_met():
    text = "Kurdish rebels vowed to fight until Turkey withdraws its troops from the region."
    assert ("Kurdish rebels", "THREATENS", "Turkey") in facts(extract_text(text))
    awaited = facts(extract_text("Iran said it will keep fighting until Iraq withdraws its troops from Kuwait."))
    assert not any(t == "RETREATS" for _, t, _ in awaited)  # Iraq has not withdrawn
    assert ("Iran", "RETREATS", "Iraq") in facts(extract_text("The talks continued until Iran withdrew its troops from Iraq."))


def test_who_hosts_talks_between_two_parties_meets_each():
    found = typed(extract_text("Egypt hosted talks between Israel and Hamas."))
    assert {("Egypt", "MEETS_WITH", "Israel", "CONSULT", "043"), ("Hamas", "MEETS_WITH", "Egypt", "CONSULT", "043")} <= found
    assert not any(t == "MEETS_WITH" for _, t, *_ in typed(extract_text("Egypt held talks between Israel and Hamas.")))


def test_a_passive_award_or_a_pledge_reiterated_is_not_an_offer_to_its_party():
    for text in ("Systemhouse Inc said it has been awarded a contract by the County of Los Angeles.",
                 "Beryl Sprinkel reiterated the Reagan Administration's pledge to reduce the deficit.",
                 "The FDIC approved the assumption of deposits of the First National Bank of Olney."):
        assert not any(t in ("OFFERS", "CONCEDES") for _, t, _ in facts(extract_text(text))), text


@pytest.mark.parametrize("text, party", [
    ("Japan accepted the American plan.", "United States"),
    ("Iraq accepted a U.N. proposal to resume inspections.", "United Nations"),
    ("Iraq agreed to an extension of the ceasefire with Iran.", "Iran"),
    ("Israel agreed to a UN plan for Lebanon.", "United Nations"),
    ("Israel agreed to the proposal by Egypt.", "Egypt"),
    ("Chile accepted Peru's proposal.", "Peru"),  # taken up, what is another's is agreed with its owner
])
def test_agreeing_to_a_plan_is_agreeing_with_its_party(text, party):
    source = text.split()[0]
    assert (source, "OFFERS", party) in facts(extract_text(text))


def test_the_target_of_a_verb_coded_by_its_object_hangs_from_that_object_or_the_verb():
    assert ("Greece", "COERCES", "Turkey") in facts(extract_text("Greece imposed restrictions on Turkey."))
    assert ("Greece", "THREATENS", "Turkey") in facts(extract_text("Greece plans to impose restrictions on Turkey."))
    # a verb with no common-noun object was coded by no object; a ticker symbol is none
    assert not any(r == "OFFERS" for _, r, _ in facts(extract_text("Fisher will trade on NASDAQ under the symbol <FSHG>.")))


def test_a_coercion_with_no_one_named_is_against_where_it_happened_but_not_an_arrest():
    assert ("Iraq", "COERCES", "Baghdad") in facts(extract_text("The Iraqi government imposed martial law in Baghdad."))
    graph = extract_text("Nigerian police arrested the opposition leader in Lagos.")
    assert not any(o == "Lagos" for _, _, o in facts(graph))  # whom they arrested is the target, unnamed here


def test_what_someone_says_another_must_do_is_a_demand_of_that_other():
    assert ("United States", "DEMANDS", "China") in facts(
        extract_text("The United States declared that China must drop barriers to U.S. exports."))
    for text in ("Britain said Iran could release the hostages.", "Britain said Iran should not be punished.",
                 "Britain said it must act.", "Britain did not say Iran should release them."):
        assert not any(r == "DEMANDS" for _, r, _ in facts(extract_text(text))), text


@pytest.mark.parametrize("text, fact", [
    ("Israel apologised to Egypt for the incident.", ("Israel", "SUPPORTS", "Egypt")),
    ("Pakistani troops exchanged fire with Indian troops.", ("Pakistan", "ATTACKS", "India")),
    ("Libya freed two French hostages.", ("Libya", "CONCEDES", "France")),
])
def test_a_verb_the_cameo_dictionary_codes_finds_its_target_by_its_preposition_or_its_peoples_state(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text", [
    "As Iraqis unite against ISIL, ISIL will try to sow discord.",  # "against" is no target of a cooperation
    "There are reports of U.S., German, and Canadian companies hosting Syrian Government websites.",  # no people
    "Blinken will travel to Paris for the meeting.",  # a place travelled to is no party
])
def test_what_a_coded_verb_does_not_do_to_anyone(text):
    assert not [f for f in facts(extract_text(text)) if f[1] != "HOLDS_ROLE"], text


@pytest.mark.parametrize("text, fact, not_fact", [
    ("The United States helped Iraq to fight Iran.", ("Iraq", "FIGHTS", "Iran"), ("United States", "FIGHTS", "Iran")),
    ("Iran persuaded Iraq to sign a treaty with Turkey.", ("Iraq", "SIGNS", "treaty with Turkey"),
     ("Iran", "SIGNS", "treaty with Turkey")),
    ("Kerry met Lavrov and urged him to press the regime to cease at once airstrikes in Aleppo.", None,
     ("Kerry", "ATTACKS", "Aleppo")),
])
def test_one_asked_or_helped_to_act_does_the_deed_not_the_asker(text, fact, not_fact):
    found = facts(extract_text(text))
    assert (fact is None or fact in found) and not_fact not in found


def test_troops_sent_to_attack_are_the_senders():
    assert ("Egypt", "ATTACKS", "Libya") in facts(extract_text("Egypt sent troops to attack Libya."))


@pytest.mark.parametrize("text", [
    "Egypt invited Iran to sign a treaty with Iraq.",  # asked for, not done
    "The rules require the bank to vote for any agreement between Iran and Iraq.",
    "The ICC concluded that none of the railroads had adequate revenues.",  # a finding, not a treaty signed
])
def test_a_deed_asked_for_and_a_concluded_finding_are_no_events(text):
    assert not {t for _, t, _ in facts(extract_text(text))} & {"SIGNS", "AGREES_WITH"}


def test_what_one_told_reporters_happened():
    assert ("Iraq", "ATTACKS", "Kuwait") in facts(extract_text("Iran told reporters that Iraq had attacked Kuwait."))


@pytest.mark.parametrize("text", ["Iran announced a plan to attack Iraq.", "Iran rejected a proposal to meet Iraq.",
                                  "Iran's attempt to invade Iraq failed.", "Iran has the right to attack Iraq.",
                                  "ZIM said Chemclear has canceled an agreement to merge with ZIM."])
def test_a_deed_a_noun_plans_proposes_or_allows_is_not_done(text):
    assert not {t for _, t, _ in facts(extract_text(text))} & {"ATTACKS", "MEETS_WITH", "COOPERATES_WITH"}


@pytest.mark.parametrize("text, fact", [
    ("Funaro warned creditors that Brazil could no longer pay.", None),  # aimed at the creditors, not Brazil
    ("Iran warned that Iraq would pay a heavy price.", ("Iran", "THREATENS", "Iraq")),
    ("Abal-Khail and Commerce Minister al-Salim will attend the first day.", None),  # not with each other
    ("Egypt and Israel agreed to resume talks.", ("Egypt", "AGREES_WITH", "Israel")),
])
def test_whom_a_warning_or_a_joint_intent_is_aimed_at(text, fact):
    assert facts(extract_text(text)) == ({fact} if fact else set())


@pytest.mark.parametrize("text, fact", [
    ("Iran announced a plan to attack Iraq.", ("Iran", "THREATENS", "Iraq")),
    ("Iran said it has signed an agreement to supply Iraq with oil.", ("Iran", "OFFERS", "Iraq")),
    ("Iran's decision not to meet Iraq surprised Egypt.", ("Iran", "REJECTS", "Iraq")),
])
def test_a_noun_of_intent_with_an_infinitive_is_an_intent_of_whose_it_is(text, fact):
    assert fact in facts(extract_text(text))


def test_a_proposal_someone_else_rejected_is_not_the_rejecters_intent():
    assert ("Iran", "OFFERS", "Iraq") not in facts(extract_text("Iran rejected a proposal to meet Iraq."))


@pytest.mark.parametrize("text, fact, not_fact", [
    ("A member of the Syrian parliament, Mohammed Mamoun, started a hunger strike to protest President Assad's policy.",
     ("Mohammed Mamoun", "PROTESTS", "Assad"), ("Syria", "PROTESTS", "Assad")),
    ("Chemokomplex has asked the World Bank for money.",
     ("Chemokomplex", "REQUESTS", "World Bank"), ("Chemokomplex", "DEMANDS", "World Bank")),
])
def test_a_description_is_the_name_beside_it_and_a_phrasal_verb_says_only_its_type(text, fact, not_fact):
    found = facts(extract_text(text))
    assert fact in found and not_fact not in found


@pytest.mark.parametrize("text, fact, not_fact", [
    ("ChemClear said it was unable to reach agreement with Environmental.", None,
     ("ChemClear", "AGREES_WITH", "Environmental")),
    ("Warner will seek to sell its Grinding Division.", None, ("Warner", "OFFERS", "Grinding Division")),
    ("Gelco Corp said Air Canada agreed to buy its Canadian Gelco Express Ltd unit.",  # Gelco's unit, not Air Canada's
     ("Air Canada", "OFFERS", "Canadian Gelco Express Ltd"), None),
    ("Iran attacked its neighbour Iraq.", ("Iran", "ATTACKS", "Iraq"), None),
])
def test_failure_to_agree_ones_own_unit_and_a_state_described_beside_its_name(text, fact, not_fact):
    found = facts(extract_text(text))
    assert (fact is None or fact in found) and (not_fact is None or not_fact not in found)


def test_whom_one_asks_to_act_is_no_event():
    found = extract_text("The OPEC member has asked the organization to allow it to produce more oil.")
    assert "organization" not in {e.name for e in found.entities}


@pytest.mark.parametrize("text, not_fact", [
    ("Russia rejected accusations that it had supplied weapons to Syria.", ("Russia", "COOPERATES_WITH", "Syria")),
    ("Turkey has denied Russian claims that it shot down the jet over Syria.", ("Turkey", "ATTACKS", "jet over Syria")),
    ("Iraq made new claims that Iran shelled Basra.", ("Iran", "ATTACKS", "Basra")),
])
def test_what_an_accusation_or_a_claim_says_is_not_the_fact(text, not_fact):
    assert not_fact not in facts(extract_text(text))


def test_what_one_reports_and_a_report_on_an_attack_still_tell_the_attack():
    assert ("Iraq", "ATTACKS", "Kuwait") in facts(extract_text("Iran reported that Iraq attacked Kuwait."))
    assert ("Iran", "ATTACKS", "Iraq") in facts(extract_text("The report on the attack by Iran on Iraq was published."))


@pytest.mark.parametrize("text", ["Iran allegedly attacked Iraq.", "Iran has yet to meet Iraq.",
                                  "Iran avoided meeting Iraq.", "Iran canceled its talks with Iraq."])
def test_an_alleged_a_not_yet_and_an_avoided_deed_is_not_done(text):
    assert not {t for _, t, _ in facts(extract_text(text))} & {"ATTACKS", "MEETS_WITH", "NEGOTIATES_WITH"}


def test_refusing_to_attack_rejects_no_one():
    assert ("Iran", "REJECTS", "Iraq") not in facts(extract_text("Iran refused to attack Iraq."))
    assert ("Israel", "REJECTS", "Jordan") in facts(extract_text("Israel has refused to meet Jordan."))


def test_a_light_verb_and_the_lexicons_noun_say_one_event():
    assert typed(extract_text("The European Union imposed sanctions on Russia.")) == {
        ("European Union", "SANCTIONS", "Russia", "SANCTION", "160")}


@pytest.mark.parametrize("text, fact", [
    ("Japan gave Iraq a grant.", ("Japan", "AIDS", "Iraq")),
    ("Iran gave support to Syria.", ("Iran", "SUPPORTS", "Syria")),
])
def test_what_a_light_verb_gives_goes_to_its_indirect_object(text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text", ["Japan will give Iraq a grant of 10 million dollars.", "Japan will give Iraq a grant.",
                                  "Japan will give support to Iraq."])
def test_a_gift_intended_is_the_intent_not_the_gift(text):
    assert facts(extract_text(text)) == {("Japan", "OFFERS", "Iraq")}


@pytest.mark.parametrize("text, accuser", [
    ("Cuba dismissed the American accusations as lies.", "United States"),
    ("Iran denied Iraq's claims that it had attacked a tanker.", "Iraq"),
])
def test_denying_someones_accusations_rejects_the_accuser(text, accuser):
    assert (text.split()[0], "REJECTS", accuser) in facts(extract_text(text))
    assert not any(t == "REJECTS" for _, t, _ in facts(extract_text("Cuba denied the accusations.")))


def test_a_vote_says_an_event_only_through_what_is_voted():
    found = facts(extract_text("The Security Council voted to impose an arms embargo on Liberia."))
    assert found == {("United Nations Security Council", "SANCTIONS", "Liberia")}  # no OFFERS (CAMEO's bare 030)
    assert ("Senate", "DEMANDS", "Reagan") in facts(extract_text("The Senate voted to urge Reagan to impose penalties."))


def test_a_plan_says_only_what_its_deed_says_and_an_agreement_agrees():
    assert not facts(extract_text("GenCorp Inc plans to use First Boston Corp as financial adviser."))
    assert ("Air Canada", "OFFERS", "Gelco") in facts(extract_text("Air Canada agreed to buy Gelco's unit."))
    # a light verb's event is the deed intended
    assert ("Iran", "OFFERS", "Iraq") in facts(extract_text("Iran plans to hold talks with Iraq."))
