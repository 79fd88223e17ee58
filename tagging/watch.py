"""Watch topics: the user's boolean queries (``config/watch.toml``), evaluated on every article.

Query language (operators are UPPERCASE; terms are case-insensitive)::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          adjacent terms are ANDed
    unary   := "NOT" unary | near
    near    := primary ("NEAR/" n primary)*    both sides terms, phrases or ORs of them
    primary := [scope] ( "(" query ")" | '"' phrase '"' | word )
    scope   := "title:" | "body:"              default: title or body
    word    := letters/digits, optionally ending in "*" (prefix wildcard, 3+ characters)

``NEAR/n`` holds when an occurrence of each side lies in the same field with at most ``n``
words between them (either order); ``NEAR`` alone means ``NEAR/5``. Words are compared after
the same folding as entity aliases' first step: lowercase, diacritics removed, Cyrillic
romanised, so ``лукашенко`` and ``Lukashenko`` are equal terms.

A match records the article words that satisfied the query's positive terms (lowercase, in
order of first appearance); terms under ``NOT`` are never recorded. A malformed query raises
:class:`~mediamon.errors.ConfigError` at load time naming the file, the topic and the character
position (1-based) of the problem.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mediamon.errors import ConfigError
from mediamon.records import WatchMatch
from tagging.transliteration import transliterate

__all__ = [
    "DEFAULT_NEAR",
    "QuerySyntaxError",
    "WatchTopic",
    "WordIndex",
    "load_watch_topics",
    "parse_query",
    "watch_words",
]

DEFAULT_NEAR = 5
FIELDS = ("title", "body")

_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<lparen>\() | (?P<rparen>\)) |
        (?P<near>NEAR(?:/(?P<dist>\d+))?)(?![\w*]) |
        (?P<op>AND|OR|NOT)(?![\w*]) |
        (?P<scope>[A-Za-z]+):(?=\S) |
        (?P<phrase>"[^"]*"?) |
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_WORD_SPLIT_RE = re.compile(r"[^\w*]+")
_TEXT_WORD_RE = re.compile(r"\w+")


class QuerySyntaxError(ValueError):
    """A malformed watch query; ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at character {position + 1}")
        self.message = message
        self.position = position


def _fold_word(word: str) -> str:
    return transliterate(word).casefold()


def watch_words(text: str) -> list[str]:
    """Return the comparable words of an article field (lowercase, romanised, no punctuation)."""
    return _TEXT_WORD_RE.findall(_fold_word(text))


class WordIndex:
    """One article field's words with a word -> positions index, built once per article."""

    __slots__ = ("_prefixed", "_sorted", "positions", "words")

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.positions: dict[str, list[int]] = {}
        for index, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(index)
        self._sorted: list[str] | None = None  # distinct words, sorted, built on first prefix
        self._prefixed: dict[str, list[int]] = {}  # prefix -> positions (topics share terms)

    def starts(self, word: str, *, prefix: bool) -> list[int]:
        """Positions of ``word`` (or of every word starting with it, when ``prefix``), ascending."""
        if not prefix:
            return self.positions.get(word, [])
        found = self._prefixed.get(word)
        if found is None:
            if self._sorted is None:
                self._sorted = sorted(self.positions)
            distinct = self._sorted
            # Words starting with the prefix are one contiguous run of the sorted list.
            first = bisect_left(distinct, word)
            last = first
            while last < len(distinct) and distinct[last].startswith(word):
                last += 1
            found = sorted(i for w in distinct[first:last] for i in self.positions[w])
            self._prefixed[word] = found
        return found


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]
    wildcard: bool  # the last word is a prefix
    scope: str | None

    def occurrences(self, fields: dict[str, WordIndex]) -> list[tuple[str, int, int]]:
        found = []
        size = len(self.words)
        for name in FIELDS if self.scope is None else (self.scope,):
            index = fields[name]
            words = index.words
            for i in index.starts(self.words[0], prefix=self.wildcard and size == 1):
                if i + size > len(words):
                    continue
                if all(words[i + k] == self.words[k] for k in range(1, size - 1)):
                    last = words[i + size - 1]
                    if last.startswith(self.words[-1]) if self.wildcard else last == self.words[-1]:
                        found.append((name, i, i + size))
        return found


@dataclass(frozen=True, slots=True)
class _Node:
    kind: str  # "term", "and", "or", "not", "near"
    children: tuple[_Node, ...] = ()
    term: _Term | None = None
    distance: int = 0

    def occurrences(self, fields: dict[str, WordIndex]) -> list[tuple[str, int, int]]:
        """Positions of a term-like node (term, or an OR of term-like nodes)."""
        if self.term is not None:
            return self.term.occurrences(fields)
        return [occ for child in self.children for occ in child.occurrences(fields)]

    def evaluate(self, fields: dict[str, WordIndex], matched: list[tuple[str, int, int]]) -> bool:
        if self.kind == "term":
            assert self.term is not None
            found = self.term.occurrences(fields)
            matched.extend(found)
            return bool(found)
        if self.kind == "not":
            return not self.children[0].evaluate(fields, [])
        if self.kind == "and":
            local: list[tuple[str, int, int]] = []
            if all(child.evaluate(fields, local) for child in self.children):
                matched.extend(local)
                return True
            return False
        if self.kind == "or":
            results = [child.evaluate(fields, matched) for child in self.children]
            return any(results)
        # near
        left = self.children[0].occurrences(fields)
        right = self.children[1].occurrences(fields)
        pairs = [
            (a, b)
            for a in left
            for b in right
            if a[0] == b[0] and max(b[1] - a[2], a[1] - b[2], 0) <= self.distance and a != b
        ]
        for a, b in pairs:
            matched.extend((a, b))
        return bool(pairs)


def _term_like(node: _Node) -> bool:
    return node.kind == "term" or (node.kind == "or" and all(_term_like(c) for c in node.children))


@dataclass
class _Parser:
    query: str
    tokens: list[tuple[str, str, int]] = field(default_factory=list)
    index: int = 0

    def __post_init__(self) -> None:
        position = 0
        text = self.query
        while position < len(text):
            match = _TOKEN_RE.match(text, position)
            if match is None or match.end() == position:
                if text[position:].strip() == "":
                    break
                raise QuerySyntaxError("unexpected character", position)
            kind = match.lastgroup or ""
            if kind == "dist":
                kind = "near"
            start = match.start(kind)
            self.tokens.append((kind, match.group(kind), start))
            position = match.end()

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def end_position(self) -> int:
        return len(self.query.rstrip())

    def parse(self) -> _Node:
        if not self.tokens:
            raise QuerySyntaxError("empty query", 0)
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            raise QuerySyntaxError(f"unexpected {token[1]!r}", token[2])
        return node

    def parse_or(self) -> _Node:
        children = [self.parse_and()]
        while (token := self.peek()) is not None and token[0] == "op" and token[1] == "OR":
            self.take()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else _Node("or", tuple(children))

    def parse_and(self) -> _Node:
        children = [self.parse_unary()]
        while (token := self.peek()) is not None:
            if token[0] == "op" and token[1] == "AND":
                self.take()
            elif token[0] in {"rparen"} or (token[0] == "op" and token[1] == "OR"):
                break
            children.append(self.parse_unary())
        if all(child.kind == "not" for child in children):
            raise QuerySyntaxError("a query cannot be only NOT terms", self.tokens[0][2])
        return children[0] if len(children) == 1 else _Node("and", tuple(children))

    def parse_unary(self) -> _Node:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] == "NOT":
            self.take()
            return _Node("not", (self.parse_unary(),))
        return self.parse_near()

    def parse_near(self) -> _Node:
        start_token = self.peek()
        node = self.parse_primary(None)
        while (token := self.peek()) is not None and token[0] == "near":
            self.take()
            distance_text = token[1].partition("/")[2]
            distance = int(distance_text) if distance_text else DEFAULT_NEAR
            right_token = self.peek()
            right = self.parse_primary(None)
            if not _term_like(node):
                raise QuerySyntaxError(
                    "NEAR needs a term, phrase or OR of terms on its left", start_token[2] if start_token else 0
                )
            if not _term_like(right):
                raise QuerySyntaxError(
                    "NEAR needs a term, phrase or OR of terms on its right", right_token[2] if right_token else 0
                )
            node = _Node("near", (node, right), distance=distance)
        return node

    def parse_primary(self, scope: str | None) -> _Node:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("query ends where a term was expected", self.end_position())
        kind, text, position = token
        if kind == "scope":
            self.take()
            name = text.lower()
            if name not in FIELDS:
                raise QuerySyntaxError(f"unknown scope {text + ':'!r} (use title: or body:)", position)
            return self.parse_primary(name)
        if kind == "lparen":
            self.take()
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing[0] != "rparen":
                raise QuerySyntaxError("unclosed parenthesis", position)
            self.take()
            return _scoped(node, scope) if scope else node
        if kind == "phrase":
            self.take()
            if len(text) < 2 or not text.endswith('"'):
                raise QuerySyntaxError("unclosed quote", position)
            return _Node("term", term=self.make_term(text[1:-1], scope, position + 1))
        if kind == "word":
            self.take()
            return _Node("term", term=self.make_term(text, scope, position))
        raise QuerySyntaxError(f"unexpected {text!r}", position)

    @staticmethod
    def make_term(text: str, scope: str | None, position: int) -> _Term:
        words = [w for w in _WORD_SPLIT_RE.split(_fold_word(text)) if w]
        if not words:
            raise QuerySyntaxError("empty term", position)
        for offset, word in enumerate(words):
            star = word.find("*")
            if star == -1:
                continue
            if offset != len(words) - 1 or star != len(word) - 1:
                raise QuerySyntaxError("a wildcard * may only end the last word", position + text.find("*"))
            if star < 3:
                raise QuerySyntaxError("a wildcard needs at least 3 characters before *", position + text.find("*"))
        wildcard = words[-1].endswith("*")
        if wildcard:
            words[-1] = words[-1][:-1]
        return _Term(tuple(words), wildcard, scope)


def _scoped(node: _Node, scope: str) -> _Node:
    if node.term is not None:
        term = node.term
        return _Node("term", term=_Term(term.words, term.wildcard, term.scope or scope))
    return _Node(node.kind, tuple(_scoped(c, scope) for c in node.children), distance=node.distance)


def parse_query(query: str) -> _Node:
    """Parse one watch query.

    Raises:
        QuerySyntaxError: with the 0-based character position of the problem.
    """
    return _Parser(query).parse()


@dataclass(frozen=True, slots=True)
class WatchTopic:
    """A named, compiled watch query."""

    name: str
    query: str
    description: str
    tree: _Node

    def match(self, title: WordIndex | Sequence[str], body: WordIndex | Sequence[str]) -> WatchMatch | None:
        """Return a :class:`WatchMatch` with the matched words when the query holds, else None.

        Args:
            title: the title's :func:`watch_words`, or their :class:`WordIndex` (build the
                index once per article when matching several topics).
            body: the same for the body.
        """
        fields = {
            "title": title if isinstance(title, WordIndex) else WordIndex(title),
            "body": body if isinstance(body, WordIndex) else WordIndex(body),
        }
        matched: list[tuple[str, int, int]] = []
        if not self.tree.evaluate(fields, matched):
            return None
        terms = dict.fromkeys(
            " ".join(fields[name].words[start:end])
            for name, start, end in sorted(matched, key=lambda m: (FIELDS.index(m[0]), m[1]))
        )
        return WatchMatch(name=self.name, terms=tuple(terms))


def load_watch_topics(path: Path) -> tuple[WatchTopic, ...]:
    """Load and compile every ``[topic.<name>]`` table (keys: query, description) of ``path``.

    A missing file means no watch topics.

    Raises:
        ConfigError: unreadable TOML, a topic without a query, or a malformed query; the
            message names the file, the topic and the 1-based character position.
    """
    if not path.exists():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read watch topics: {exc}") from exc
    topics = []
    for name, table in data.get("topic", {}).items():
        query = table.get("query") if isinstance(table, dict) else None
        if not isinstance(query, str):
            raise ConfigError(f"{path}: watch topic {name!r}: missing query")
        try:
            tree = parse_query(query)
        except QuerySyntaxError as exc:
            raise ConfigError(
                f"{path}: watch topic {name!r}: {exc.message} at character {exc.position + 1} of {query!r}"
            ) from exc
        topics.append(WatchTopic(name, query, str(table.get("description", "")), tree))
    return tuple(topics)
