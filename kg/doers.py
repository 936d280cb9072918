"""Who does what a verb or a noun says: its subject, or whoever the sentence makes the doer.

"Kerry, who met Lavrov" (a relative clause), "sent troops to attack" (the sender), "urged Lavrov to press
the regime" (the one urged), "the Coalition's efforts to defeat ISIL" (the owner), "raised it in a call
with Lavrov" (who took part), "Iran said talks with Iraq would resume" (the speaker). A base of
`kg.relations`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .mood import REPORTING, UNDER_WAY, to_infinitive
from .phrases import OWN_PRONOUNS, PhraseReader

SUBJECT_DEPS = frozenset({"nsubj"})
RELATIVE_TAGS = {"WDT", "WP", "WP$"}  # "who", "which", "that" opening a relative clause
# Verbs that only say someone does what their object names: "held talks with", "launched an attack on".
LIGHT_VERBS = {"hold", "have", "pay", "conduct", "carry", "launch", "stage", "begin", "start", "resume", "continue", "break",
               "open", "mount", "join", "pursue", "enter", "wage", "make", "reach", "seal", "conclude", "attend",
               "host", "lead", "order", "sign", "give", "offer", "provide", "extend", "express", "voice", "step",
               "impose", "slap", "level", "issue", "lodge", "file", "announce", "renew", "tighten", "expand"}
TAKING_PART = {"in", "during", "at"}  # "raised it in a call with Lavrov"
SPELLS = {"round", "hour", "day", "week", "month", "session", "series", "year"}  # "two days of talks"
COMING_FOR = {"go", "come", "arrive", "travel", "fly", "be", "stay", "visit", "invite", "send", "leave", "head",
              "return", "gather", "convene"}  # "arrived in Paris for talks with": who came holds them
OBJECT_CONTROL = {"urge", "ask", "press", "call", "tell", "persuade", "convince", "encourage", "help", "allow", "permit",
                  "enable", "invite", "request", "force", "compel", "pressure", "push", "advise", "warn", "instruct",
                  "authorize", "authorise", "lead", "get", "want", "expect", "require", "challenge", "appeal", "exhort",
                  "implore", "beg", "entreat", "prompt", "induce", "inspire", "assist", "leave", "trust", "oblige"}


class DoerReader(PhraseReader):
    def subjects(self, verb: Token, deps: frozenset[str] = SUBJECT_DEPS) -> list[str]:
        """Who does it: the subject, else that of the verb it hangs from, else the owner of an
        effort ("the Coalition's efforts to defeat ISIL")."""
        while True:
            subj = [c for c in verb.children if c.dep_ in deps]
            if subj and not (verb.dep_ == "relcl" and subj[0].tag_ in RELATIVE_TAGS):
                return self.refs(subj[0])
            infinitive = to_infinitive(verb)
            # "held a general strike to protest X", "sent troops to attack": the parse often takes the purpose
            # of a deed or of people sent for a relative clause (not "discussed ways to bolster X")
            purpose = infinitive and (self.lex.noun_types(verb.head.lemma_) or self.names_people(verb.head))
            # an effort's infinitive is the effort's owner's deed ("NATO's mission to counter the Taliban")
            under_way = infinitive and verb.head.lemma_ in UNDER_WAY
            if verb.dep_ == "relcl" and not purpose and not under_way:
                return self.refs(verb.head)  # "Kerry, who met Lavrov", "a deal that Turkey brokered"
            if verb.dep_ in ("acl", "xcomp", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                # "issued a declaration demanding that ...": the owner, else who issued it; but
                # "dispersed demonstrators protesting ...": people do what they are said to do
                noun = verb.head
                doers = self.names_people(noun) and not infinitive  # "sent troops to attack": the sender's deed
                return self._owner(noun) or (self.subjects(noun.head) if noun.dep_ == "dobj" and not doers else [])
            if verb.dep_ not in ("xcomp", "conj", "acomp") and not (verb.dep_ == "advcl" and infinitive) or verb.head.i == verb.i:
                return []
            controller = self._controller(verb) if verb.dep_ == "xcomp" else None
            if controller is not None:  # "urged Lavrov to press the regime", "helped Iraq to fight ISIL"
                return self.refs(controller) or self._owner(controller)
            verb = verb.head

    def _controller(self, xcomp: Token) -> Token | None:
        """Who does what one is asked, helped or allowed to do: the object, when it names people ("urged him
        to", "helped Iraq to"), not the asker (but "sent troops to attack" and "promised Iraq to" are the subject's)."""
        if xcomp.head.lemma_ not in OBJECT_CONTROL:
            return None
        return next((c for c in xcomp.head.children if c.dep_ == "dobj" and c.i < xcomp.i and (
            c.i in self.at or c.pos_ == "PRON" or self.names_people(c))), None)

    def _noun_source(self, noun: Token) -> list[str]:
        """Who holds the talks, makes the attack: "Russia's", "by Russia", else the subject of the
        verb whose object it is ("Kerry raised concerns in a call with Lavrov")."""
        owner = self._owner(noun)
        if owner:
            return owner
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return [r for p in child.children if p.dep_ == "pobj" for r in self.refs(p)]
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in SPELLS:
            return self._noun_source(head.head)  # "held three rounds of talks with", "had nine hours of talks"
        if noun.dep_ == "pobj" and head.lower_ in TAKING_PART and head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head)
        if noun.dep_ == "pobj" and head.lower_ in TAKING_PART and head.head.pos_ == "NOUN":
            return self._owner(head.head)  # "Taiwan's position in talks with Washington"
        if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in COMING_FOR:
            return self.subjects(head.head, SUBJECT_DEPS | {"nsubjpass"})
        if noun.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_ in LIGHT_VERBS:
            return self.subjects(head)
        if any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in noun.children):  # its own: "Britain reaffirmed
            if noun.dep_ == "dobj":  # its commitment to NATO", "Hamas insisted on its demand that ..."
                return self.subjects(head)
            if noun.dep_ == "pobj" and head.head.pos_ == "VERB":
                return self.subjects(head.head)
        return self._reporter(noun)

    def _reporter(self, noun: Token) -> list[str]:
        """Reported speech names the speaker as the source when the clause names none: "Iran said
        talks with Iraq would resume", "Iran announced talks with Iraq"."""
        clause = noun.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if noun.dep_ == "dobj" and clause.i == noun.head.i and clause.lemma_ in REPORTING:
            return self.subjects(clause)
        if noun.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING:
            return self.subjects(clause.head)
        return []

