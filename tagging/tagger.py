"""The tag stage: ``(body, title) -> Tags`` with entities, IPTC topics, watch topics, keyphrases.

Pure: no network, database, clock or Prefect. Everything expensive (the spaCy model, the
gazetteer, the lexicons, the compiled watch queries) is loaded once by :func:`load_tagger` and
held by the :class:`Tagger`, which the pipeline passes around.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from mediamon.records import Tags
from tagging.citations import find_citations
from tagging.gazetteer import DATA_DIR, DEFAULT_CITY_MIN_POPULATION, Gazetteer, build_gazetteer
from tagging.keyphrases import extract_keyphrases
from tagging.pipeline import MODEL_NAME, build_nlp, sentence_starts
from tagging.resolution import RawMention, resolve_mentions
from tagging.topics import TopicScorer, load_topic_scorer
from tagging.watch import WatchTopic, WordIndex, load_watch_topics, watch_words

__all__ = ["DEFAULT_CONFIG_DIR", "TAGGER_VERSION", "Tagger", "load_tagger"]

logger = logging.getLogger(__name__)

# Bump when the tagger's output changes for the same input and configuration.
TAGGER_VERSION = "2"
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
_ENTITIES_FILE = "entities.toml"
_WATCH_FILE = "watch.toml"


def _doc_words(doc: Doc, text: str) -> list[str]:
    """Lowercase words of ``doc`` (whose text is ``text``) without punctuation and whitespace.

    ``Doc.text`` is rebuilt from Token objects on every access, so the caller passes the text.
    """
    return [
        text[start : start + length].lower()
        for start, length, punct, space in doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).tolist()
        if not punct and not space
    ]


def _raw_mentions(doc: Doc, text: str, *, in_title: bool) -> list[RawMention]:
    ents = doc.ents  # each read of Doc.ents walks every token: read once
    if not ents:
        return []
    starts = sentence_starts(text)
    citations = find_citations(text)
    mentions = []
    for ent in ents:
        cited = any(start <= ent.start_char and ent.end_char <= end for start, end in citations)
        mentions.append(
            RawMention(
                start=ent.start_char,
                end=ent.end_char,
                text=text[ent.start_char : ent.end_char],  # Span.text rebuilds from Token objects
                label=ent.label_,
                kb_id=ent.kb_id_,
                sentence=max(bisect_right(starts, ent.start_char) - 1, 0),
                in_title=in_title,
                cited=cited,
            )
        )
    return mentions


class Tagger:
    """Tags articles. Build it with :func:`load_tagger`; it is reusable and not mutated by use.

    Attributes:
        version: ``"<TAGGER_VERSION>+<config digest>"``; changes whenever the code's output
            version or any input that shapes output (config files, shipped data, model
            version) changes, so the pipeline can store it per article and re-tag stale ones.
    """

    def __init__(
        self,
        nlp: Language,
        gazetteer: Gazetteer,
        topic_scorer: TopicScorer,
        watch_topics: Sequence[WatchTopic],
        *,
        version: str,
        processes: int = 1,
        batch_size: int = 32,
    ) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.topic_scorer = topic_scorer
        self.watch_topics = tuple(watch_topics)
        self.version = version
        self.processes = processes
        self.batch_size = batch_size

    def tag(self, text: str, title: str | None = None) -> Tags:
        """Tag one article. ``text`` is the body; entity offsets of body mentions point into it,
        title mentions (``in_title=True``) into ``title``."""
        return next(self.tag_many([(text, title)]))

    def tag_many(self, items: Iterable[tuple[str, str | None]]) -> Iterator[Tags]:
        """Tag ``(body, title)`` pairs lazily, in order, batching through ``nlp.pipe``.

        With ``processes > 1`` (and the ``fork`` start method, as on Linux), whole articles go
        to that many forked worker processes, ``batch_size`` articles per task, and only the
        small ``Tags`` come back. spaCy's own ``n_process`` ships every ``Doc`` back to the
        parent as bytes and leaves the rest of the tagging to the parent: that measured ~10 ms
        of extra CPU per article, a third of the whole stage. Without ``fork``, spaCy's
        ``n_process`` is used.
        """
        if self.processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._tag_in_workers(items)
            return
        yield from self._tag_here(items, self.processes)

    def _tag_in_workers(self, items: Iterable[tuple[str, str | None]]) -> Iterator[Tags]:
        global _WORKER_TAGGER  # noqa: PLW0603 -- read by forked workers, which inherit it
        _WORKER_TAGGER = self
        try:
            with multiprocessing.get_context("fork").Pool(self.processes) as pool:
                for tags in pool.imap(_tag_chunk, _chunks(items, self.batch_size)):
                    yield from tags
        finally:
            _WORKER_TAGGER = None

    def _tag_here(self, items: Iterable[tuple[str, str | None]], processes: int) -> Iterator[Tags]:
        def stream() -> Iterator[tuple[str, tuple[str, str, str | None]]]:
            for text, title in items:
                if title:
                    yield title, ("title", title, None)
                yield text or "", ("body", text or "", title)

        pending_title: Doc | None = None
        docs = self.nlp.pipe(stream(), as_tuples=True, batch_size=self.batch_size, n_process=processes)
        for doc, (part, text, title) in docs:
            if part == "title":
                pending_title = doc
                continue
            yield self._tags(doc, text, pending_title, title)
            pending_title = None

    def _confirm_title_mentions(self, title_raws: list[RawMention], body_raws: list[RawMention]) -> list[RawMention]:
        """Title Case headlines fool the NER ("Belarus and Russia Advance Economic Integration"
        gives an ORG "Russia Advance Economic Integration"), so a title entity that only the
        NER found is kept when the body mentions it too; otherwise it is replaced by the
        gazetteer hits inside it (or dropped)."""
        fold = self.gazetteer.fold
        body_keys = {fold(r.text) for r in body_raws}
        confirmed: list[RawMention] = []
        for raw in title_raws:
            if raw.kb_id or fold(raw.text) in body_keys or self.gazetteer.lookup(raw.text) is not None:
                confirmed.append(raw)
                continue
            tokens = self.nlp.tokenizer(raw.text)
            words = [t.text for t in tokens]
            spans = [(t.idx, t.idx + len(t.text)) for t in tokens]
            for match in self.gazetteer.match_words(words, spans, raw.text):
                start, end = spans[match.start][0], spans[match.end - 1][1]
                entity = match.entry.entity
                confirmed.append(
                    RawMention(
                        raw.start + start,
                        raw.start + end,
                        raw.text[start:end],
                        entity.type,
                        entity.entity_id,
                        raw.sentence,
                        True,
                        raw.cited,
                    )
                )
        return confirmed

    def _tags(self, body: Doc, text: str, title_doc: Doc | None, title: str | None) -> Tags:
        title_text = title or ""
        body_raws = _raw_mentions(body, text, in_title=False)
        title_raws = _raw_mentions(title_doc, title_text, in_title=True) if title_doc is not None else []
        raws = self._confirm_title_mentions(title_raws, body_raws) + body_raws
        mentions, entities = resolve_mentions(raws, self.gazetteer)
        topics = self.topic_scorer.score(
            _doc_words(body, text), _doc_words(title_doc, title_text) if title_doc is not None else []
        )
        title_index = WordIndex(watch_words(title_text))
        body_index = WordIndex(watch_words(text))
        watch = tuple(m for t in self.watch_topics if (m := t.match(title_index, body_index)) is not None)
        return Tags(
            entities=mentions,
            canonical_entities=entities,
            topics=topics,
            watch=watch,
            keyphrases=extract_keyphrases(text, title),
            tagger_version=self.version,
        )


# The tagger forked workers use (set in the parent for the lifetime of its worker pool).
_WORKER_TAGGER: Tagger | None = None


def _tag_chunk(chunk: list[tuple[str, str | None]]) -> list[Tags]:
    """Worker side of :meth:`Tagger._tag_in_workers`: tag one chunk in this process."""
    assert _WORKER_TAGGER is not None, "worker forked without a tagger"
    return list(_WORKER_TAGGER._tag_here(chunk, 1))


def _chunks(items: Iterable[tuple[str, str | None]], size: int) -> Iterator[list[tuple[str, str | None]]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _config_digest(paths: Iterable[Path], extra: str) -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:10]


def load_tagger(config_dir: Path | None = None, *, processes: int = 1, batch_size: int = 32) -> Tagger:
    """Load spaCy, the gazetteer, the topic lexicon and the watch topics, once.

    Args:
        config_dir: holds ``entities.toml`` and ``watch.toml`` (each optional); defaults to
            the repository's ``config/``.
        processes: worker processes for ``nlp.pipe`` (1 = in-process).
        batch_size: documents per ``nlp.pipe`` batch.

    Returns:
        A ready :class:`Tagger`.

    Raises:
        mediamon.errors.ConfigError: a malformed entities file or watch query (the message
            names the file, the topic and the character position).
        OSError: the spaCy model package is not installed.
    """
    config_dir = DEFAULT_CONFIG_DIR if config_dir is None else config_dir
    entities_path = config_dir / _ENTITIES_FILE
    watch_path = config_dir / _WATCH_FILE
    watch_topics = load_watch_topics(watch_path)
    gazetteer = build_gazetteer(entities_path, city_min_population=DEFAULT_CITY_MIN_POPULATION)
    topic_scorer = load_topic_scorer()
    nlp = build_nlp(gazetteer, MODEL_NAME)
    data_files = sorted(DATA_DIR.glob("*.toml")) + sorted(DATA_DIR.glob("*.csv"))
    model_version = f"{MODEL_NAME}-{nlp.meta.get('version', '?')}-{DEFAULT_CITY_MIN_POPULATION}"
    version = f"{TAGGER_VERSION}+{_config_digest([entities_path, watch_path, *data_files], model_version)}"
    logger.info(
        "tagger %s loaded: %d known entities, %d watch topics", version, len(gazetteer.entries), len(watch_topics)
    )
    return Tagger(
        nlp,
        gazetteer,
        topic_scorer,
        watch_topics,
        version=version,
        processes=processes,
        batch_size=batch_size,
    )
