"""The lexical search query language.

::

    query  := or
    or     := and ("OR" and)*
    and    := near (["AND"] near)*         # terms side by side mean AND
    near   := atom (("NEAR" | "NEAR/n") atom)*
    atom   := WORD | "a phrase in quotes" | "(" query ")"

Operators are upper case (``OR``, ``AND``, ``NEAR``, ``NEAR/5``); anything else is a word.
A word may hold ``*`` for any letters (``Ausländer*``). ``NEAR`` without a number means
within :data:`DEFAULT_NEAR` words. Quotes may be ``"..."`` or German ``„...“``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.domain.errors import InputError

DEFAULT_NEAR = 10

_TOKEN = re.compile(r'"[^"]*"|„[^“”"]*[“”"]|\(|\)|[^\s()"„]+')
_NEAR = re.compile(r"NEAR(?:/(\d+))?")


@dataclass(frozen=True)
class Term:
    """A word (one element) or a phrase (several words in order)."""

    words: tuple[str, ...]

    def __str__(self) -> str:
        return self.words[0] if len(self.words) == 1 else '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Near:
    left: Node
    right: Node
    distance: int


Node = Term | Or | And | Near


def clean_word(word: str) -> str:
    """A query word without surrounding punctuation (``*`` is kept), as words are stored."""
    start, end = 0, len(word)
    while start < end and not (word[start].isalnum() or word[start] == "*"):
        start += 1
    while end > start and not (word[end - 1].isalnum() or word[end - 1] == "*"):
        end -= 1
    return word[start:end]


def _phrase(raw: str) -> Term | None:
    words = tuple(w for w in (clean_word(p) for p in raw.split()) if w)
    return Term(words) if words else None


def parse_query(query: str) -> Node:
    """Parse ``query`` into a tree of :class:`Term`, :class:`Or`, :class:`And`, :class:`Near`.

    Raises :class:`InputError` with a one-line reason for an empty or malformed query.
    """
    tokens = _TOKEN.findall(query)
    if not tokens:
        raise InputError("empty search query")
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def is_operator(token: str | None) -> bool:
        return token in ("OR", "AND") or (token is not None and _NEAR.fullmatch(token) is not None)

    def atom() -> Node:
        token = peek()
        if token is None:
            raise InputError(f"search query {query!r} ends after an operator")
        if token == ")" or is_operator(token):
            raise InputError(f"search query {query!r}: expected a word before {token!r}")
        take()
        if token == "(":
            node = or_()
            if peek() != ")":
                raise InputError(f"search query {query!r}: missing ')'")
            take()
            return node
        if token[0] in '"„':
            term = _phrase(token[1:-1])
        else:
            term = _phrase(token)
        if term is None:
            raise InputError(f"search query {query!r}: {token!r} holds no word")
        return term

    def near() -> Node:
        node = atom()
        while (token := peek()) is not None and _NEAR.fullmatch(token):
            take()
            distance = _NEAR.fullmatch(token).group(1)
            node = Near(node, atom(), int(distance) if distance else DEFAULT_NEAR)
        return node

    def and_() -> Node:
        parts = [near()]
        while (token := peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                take()
            parts.append(near())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def or_() -> Node:
        parts = [and_()]
        while peek() == "OR":
            take()
            parts.append(and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    node = or_()
    if position != len(tokens):
        raise InputError(f"search query {query!r}: unexpected {tokens[position]!r}")
    return node


def terms_of(node: Node) -> list[Term]:
    """Every term of the query, left to right."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Near):
        return terms_of(node.left) + terms_of(node.right)
    return [t for part in node.parts for t in terms_of(part)]
