"""A mention found in a parsed document, as the extract stage's readers pass it between them."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Found:
    """One mention in a document: tokens [start, end), its type and name, and any title before it."""

    start: int
    end: int
    type: str
    name: str
    role: str | None = None
    role_holder: int | None = None  # token index of the state or body named with the role
    titled_start: int | None = None  # first token of the titles written before the name ("Col.", "Mr.")
    via_metonymy: bool = False
    agent: str | None = None  # CAMEO agent code when an agent noun names the actor ("Israeli troops": MIL)
    name_end: int | None = None  # in an agent phrase, the end of the name itself ("Israeli")
    name_start: int | None = None  # in an agent phrase that ends with the name, its start ("rebels in Chad")
    group: bool = False  # a people or movement named by what it is ("Kurdish rebels"): kept only as an actor
    instead: "Found | None" = field(default=None, hash=False, compare=False)  # a group's mention when it is not one
    known: dict | None = field(default=None, hash=False, compare=False)  # a known person's country and roles
