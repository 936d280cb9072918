"""Whether a verb or noun of a sentence tells a deed done: its mood.

An event is asserted unless negated ("did not attack", "never met", "allegedly attacked"), hypothetical
("if", "would", "could"), asked for or planned ("urged Syria to withdraw", "a plan to attack"), refused
or denied ("refused to meet", "denied attacking"), or only said by a claim or a report ("accusations
that it had supplied weapons"). Pure functions of the dependency parse, for `kg.phrases`.
"""
from __future__ import annotations

from spacy.tokens import Token

MODALS = {"would", "could", "might", "may", "should", "must", "ought"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest"}
CONDITION_MARKS = HYPOTHETICAL_MARKS | {"once", "provided", "providing"}
NEGATIVE_DETS = {"no", "never", "neither", "nor"}
PRESUPPOSING = {"continue"}  # what is continued is held, whatever the mood of continuing
HELD_BEFORE = PRESUPPOSING | {"resume"}  # talks "expected to resume" were held before, not yet to come
# Verbs that make what they govern unreal or refused: "threatened to attack", "denied attacking".
IRREALIS = {"deny", "refuse", "reject", "threaten", "plan", "intend", "want", "seek", "propose", "consider", "hope",
            "vow", "promise", "demand", "urge", "ask", "call", "fail", "decline", "dismiss", "fear", "warn", "try",
            "attempt", "aim", "wish", "expect", "prepare", "decide", "offer", "suggest", "claim", "allege", "accuse", "rule",
            "pledge", "agree", "ready", "willing", "prepared", "eager", "swear", "undertake", "volunteer", "unable",
            "impossible", "avoid", "refrain", "cancel", "postpone", "forgo", "forego", "boycott", "shun"}
# Words that with an infinitive tell a deed to come, not done: "is unlikely to attack", "is set to meet"
TAKING_PLACE = {"begin", "start", "open", "resume", "take", "be", "convene", "get", "go", "continue", "happen", "occur"}
TO_COME = {"unlikely", "likely", "set", "due", "poised", "bound", "yet"}
ABSENCE = {"absence", "lack"}
CALLED_OFF = {"cancel", "postpone", "scrap", "delay", "defer", "shelve", "abandon", "drop"}
HEDGES = {"allegedly", "purportedly", "supposedly"}  # "Iran allegedly attacked Iraq" is an allegation
# Nouns whose content is said, not done: "accusations that it had supplied weapons", "reports that Iran attacked"
IRREALIS_NOUNS = {"accusation", "allegation", "claim", "charge", "rumour", "rumor", "speculation", "suggestion",
                  "report", "fear", "possibility", "denial"}
# Verbs whose infinitive asks for a deed not yet done ("told Syria to withdraw", "invited them to join"); "told
# reporters that ..." reports what happened, so only the infinitive is unreal.
ASKING = {"tell", "order", "invite", "encourage", "request", "press", "pressure", "push", "advise", "instruct",
          "authorize", "authorise", "require", "challenge", "appeal", "exhort", "implore", "beg", "entreat", "trust"}
UNDER_WAY = {"effort", "campaign", "fight", "struggle", "war", "drive", "operation", "offensive", "mission", "push",
             "battle"}  # nouns whose infinitive is being done: "the Coalition's efforts to defeat ISIL"
ORDINALS = {"first", "last", "only", "next", "second", "third"}
ATTEMPTING = {"try", "attempt"}
REPORTING = {"deny", "say", "announce", "declare", "state", "add", "insist", "claim", "tell", "report", "confirm", "reply"}


def awaited(clause: Token) -> bool:
    """An "until" clause in the present tense is a condition not yet met ("will fight until Turkey
    withdraws"); in the past it happened ("talks went on until Iran withdrew")."""
    return any(c.dep_ == "mark" and c.lower_ == "until" for c in clause.children) and clause.tag_ in ("VBZ", "VBP")


def to_infinitive(verb: Token) -> bool:
    """ "to attack": the verb has the infinitive's "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitive(clause: Token) -> bool:
    """ "to withdraw" in "told Syria to withdraw", parsed as an open clause or as one with its own subject."""
    return clause.dep_ == "xcomp" or clause.dep_ == "ccomp" and to_infinitive(clause)


def negated(verb: Token) -> bool:
    """ "not to attack", "never to meet", "allegedly attacked", "has yet to meet": the verb itself is denied
    or only alleged."""
    return any(c.dep_ == "neg" or c.lower_ in NEGATIVE_DETS and c.dep_ in ("det", "advmod", "preconj")
               or c.lower_ in HEDGES for c in verb.children) or _yet_to(verb)


def _yet_to(verb: Token) -> bool:
    """ "Iran has yet to meet Iraq": not yet met."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in head.children)


def called_off(verb: Token) -> bool:
    """ "postponed", "cancelled", "called off": what it is done to did not take place."""
    lemma = verb.lemma_.lower()
    return lemma in CALLED_OFF or lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


def not_yet(verb: Token) -> bool:
    """ "Talks have yet to begin", "talks are expected to start", "talks are due to open": not begun."""
    # what is to come is its taking place ("are expected to begin"), not what it will do ("is expected to resolve")
    to_do = any(to_infinitive(c) and c.lemma_.lower() in TAKING_PLACE - HELD_BEFORE
                for c in verb.children if c.dep_ == "xcomp")
    return to_do and (verb.lemma_.lower() in IRREALIS | TO_COME or any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.children)) or any(
        c.dep_ == "acomp" and c.lemma_.lower() in TO_COME and any(
            to_infinitive(g) and g.lemma_.lower() in TAKING_PLACE for g in c.children) for c in verb.children)


def planned(deed: Token) -> bool:
    """ "a plan to attack Iraq", "the right to attack", "a proposal to meet": a noun's infinitive names a deed
    planned, offered or allowed, not done; but "efforts to defeat ISIL" are under way and "the first to
    recognise" did it."""
    if deed.dep_ != "acl" or not to_infinitive(deed):
        return False
    noun = deed.head
    return noun.lemma_ not in UNDER_WAY and not any(c.lower_ in ORDINALS or c.tag_ == "JJS" for c in noun.children)


def reported_will(verb: Token, *, conditions_ok: bool = False) -> bool:
    """ "would" that reports a "will": "Japan said it would resume talks" (it said: "we will").

    A "would" under a condition ("said if they met, it would open the way for talks", "once ... it
    would"), on another verb, or a "could" or "might" stays a hypothetical (`conditions_ok`: but for
    a threat, whose condition is what makes it one).
    """
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS]
    clause = verb.head if verb.dep_ == "conj" else verb
    conditions = [m for c in (*verb.children, *clause.children) if c.dep_ == "advcl"
                  for m in c.children if m.dep_ in ("mark", "advmod") and m.lower_ in CONDITION_MARKS]
    return bool(auxes) and set(auxes) <= {"would", "wo"} and (conditions_ok or not conditions) \
        and clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING


def attempted(verb: Token) -> bool:
    """ "tried to kill a general", "attempted to storm the embassy": the deed was tried, in a mood of its own
    (a violent deed tried is an attack made: CAMEO 185, attempt to assassinate).

    >>> import spacy; from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["tried", "to", "kill"], heads=[0, 2, 0],
    ...           deps=["ROOT", "aux", "xcomp"], lemmas=["try", "to", "kill"])
    >>> attempted(doc[2]), attempted(doc[0])
    (True, False)
    """
    return verb.dep_ == "xcomp" and to_infinitive(verb) and verb.head.lemma_ in ATTEMPTING and asserted(verb.head)


def content_clause(clause: Token) -> bool:
    """A that-clause saying what a noun says ("his denial that he knew the funds were diverted"), which
    the parse often takes for a relative clause; not one ("the denial that he issued") whose verb
    "that" is the only object of."""
    kids, that = list(clause.children), clause.left_edge
    return clause.dep_ in ("acl", "relcl", "ccomp") and clause.pos_ in ("VERB", "AUX") and that.lower_ == "that" \
        and (that.dep_ == "mark" or that.head != clause or any(c.dep_ in ("ccomp", "prep", "xcomp", "attr", "acomp")
                                                              for c in kids))


def asserted(token: Token, *, modal_ok: bool = False) -> bool:
    """False for a negated, hypothetical, refused or denied event; `modal_ok`: a modal on the token
    itself is its mood, said elsewhere ("said it would allow": an expressed intent)."""
    seen, noun, below = 0, token.pos_ in ("NOUN", "PROPN"), token
    while token is not None and seen < 8:
        if seen == 1 and noun and token.lemma_ in PRESUPPOSING:
            return True  # "was ready to continue talks": whatever continuing's mood, the talks are held
        kids = list(token.children)
        if negated(token) or planned(token):
            return False
        modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in kids)
        if modal and not (modal_ok and not seen or reported_will(token)):
            return False
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in kids) or awaited(token):
            return False
        if seen and (token.lemma_ in IRREALIS or token.lemma_ in (ASKING | TO_COME) and infinitive(below)
                     or token.pos_ == "NOUN" and token.lemma_ in IRREALIS_NOUNS and content_clause(below)):
            return False
        if token.dep_ == "pobj" and (token.head.lower_ == "without" or token.head.lower_ == "of"
                                     and token.head.head.lemma_.lower() in ABSENCE):
            return False  # "ended without agreement between Iran and the United States", "the lack of talks"
        if noun and not seen and (token.dep_ == "nsubjpass" and called_off(token.head) or token.dep_ in (
                "nsubj", "nsubjpass") and not_yet(token.head)):
            return False  # "Chirac's visit to Algeria was postponed", "the talks were called off", "have yet to begin"
        if token.head.i == token.i or token.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "conj",
                                                         "acomp") and not content_clause(token):
            return True  # "rejected accusations that it had supplied weapons": what the noun says, it says
        if noun and token.dep_ == "prep" and (token.head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in token.head.children)):
            return True  # "is not helpful in the context of the talks": the talks go on
        below, token, seen = token, token.head, seen + 1
    return True
