"""The tag stage end to end on the real model (loaded once per session: see conftest.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mediamon.errors import ConfigError
from mediamon.records import Tags
from tagging import load_tagger
from tagging.batch import run_tag_batch
from tagging.tagger import DEFAULT_CONFIG_DIR

from .conftest import SEED_TITLE

pytestmark = pytest.mark.slow  # loads spaCy (a couple of seconds, once per session)

DROPPED = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def ids(tags: Tags) -> set[str]:
    return {e.entity_id for e in tags.canonical_entities}


def test_seed_entities(tagger, seed_body):
    tags = tagger.tag(seed_body, SEED_TITLE)
    names = {e.name for e in tags.canonical_entities}
    assert {
        "Belarus",
        "Russia",
        "Alyaksandr Lukashenka",
        "Vladimir Putin",
        "Union State",
        "Shanghai Cooperation Organization",
    } <= names
    assert {"person:alyaksandr-lukashenka", "person:vladimir-putin", "org:union-state", "gpe:belarus"} <= ids(tags)
    # "Putin-Lukashenka summits" yields both
    start = seed_body.index("Putin-Lukashenka")
    near = {m.entity_id for m in tags.entities if start <= m.start < start + len("Putin-Lukashenka")}
    assert near == {"person:vladimir-putin", "person:alyaksandr-lukashenka"}
    # the title mentions point into the title
    title_mentions = [m for m in tags.entities if m.in_title]
    assert {m.entity_id for m in title_mentions} == {"gpe:belarus", "gpe:russia"}
    assert all(SEED_TITLE[m.start : m.end] == m.text for m in title_mentions)
    assert tags.topics[0].code == "medtop:11000000" or tags.topics[0].code == "medtop:04000000"
    assert {w.name for w in tags.watch} >= {"union-state-integration", "sanctions"}
    assert 5 <= len(tags.keyphrases) <= 10


def test_offsets_types_and_canonical_entities_are_consistent(tagger, seed_body):
    tags = tagger.tag(seed_body, SEED_TITLE)
    canonical = {e.entity_id: e for e in tags.canonical_entities}
    sentences = [m.sentence for m in tags.entities if not m.in_title]
    assert sentences == sorted(sentences)
    assert max(sentences) > 20
    for mention in tags.entities:
        source = SEED_TITLE if mention.in_title else seed_body
        assert source[mention.start : mention.end] == mention.text
        assert mention.type not in DROPPED
        assert mention.entity_id in canonical
        assert canonical[mention.entity_id].name == mention.canonical
        assert not mention.text.startswith(("the ", "The "))
        assert not mention.text.endswith(("'s", "’s"))
    assert len(canonical) == len(tags.canonical_entities)


def test_aliases_transliterations_and_coreference(tagger):
    text = (
        "Alexander Lukashenko met Vladimir Putin in Sochi. Лукашенко said Russia's support mattered, "
        "and Putin agreed. Later Lukashenka flew to Minsk. Belarus's opposition leader Svetlana "
        "Tikhanovskaya said the Union State was a trap. The economist Ivan Petrovich Sidorenko "
        "disagreed; Sidorenko said trade would grow."
    )
    tags = tagger.tag(text)
    by_text = {m.text: m.entity_id for m in tags.entities}
    assert by_text["Alexander Lukashenko"] == by_text["Лукашенко"] == by_text["Lukashenka"]
    assert by_text["Lukashenka"] == "person:alyaksandr-lukashenka"
    assert by_text["Putin"] == by_text["Vladimir Putin"] == "person:vladimir-putin"
    assert by_text["Russia"] == "gpe:russia"
    assert by_text["Belarus"] == "gpe:belarus"
    assert by_text["Union State"] == "org:union-state"
    assert by_text["Svetlana Tikhanovskaya"] == "person:sviatlana-tsikhanouskaya"
    sidorenko = [m for m in tags.entities if "Sidorenko" in m.text]
    assert len({m.entity_id for m in sidorenko}) == 1
    assert sidorenko[0].type == "PERSON"


def test_known_places_are_never_org_and_numbers_are_dropped(tagger):
    text = "Minsk and Moscow signed a deal worth $2 billion on 3 May 2023, raising trade by 12 percent."
    tags = tagger.tag(text)
    types = {m.text: m.type for m in tags.entities}
    assert types["Minsk"] == "GPE"
    assert types["Moscow"] == "GPE"
    assert all(m.type not in DROPPED for m in tags.entities)
    assert not any(ch.isdigit() for m in tags.entities for ch in m.text)


def test_parenthetical_citations_are_cited_not_mentions(tagger):
    text = "Lukashenka said Belarus would join the SCO (BelTA, July 6). TASS reported the same day."
    tags = tagger.tag(text)
    belta = [m for m in tags.entities if m.text == "BelTA"]
    assert belta
    assert belta[0].type == "CITED"
    assert belta[0].entity_id == "org:belta"
    tass = [m for m in tags.entities if m.text == "TASS"]
    assert tass[0].type == "ORG"


def test_unseen_entities_are_created(tagger):
    tags = tagger.tag("Zygmunt Wroblewski-Kowalczyk founded Quarnexo Holdings in Gdansk.")
    assert any(e.entity_id.startswith("person:") and "wroblewski" in e.entity_id for e in tags.canonical_entities)


def test_tag_many_matches_tag_and_keeps_order(tagger):
    items = [
        ("Putin met Lukashenka in Minsk.", "Putin in Minsk"),
        ("", None),
        ("Drought and record heat across Europe were linked to climate change and emissions.", None),
        ("NATO ministers met in Brussels.", ""),
    ]
    many = list(tagger.tag_many(items))
    assert len(many) == len(items)
    assert many == [tagger.tag(text, title) for text, title in items]
    assert many[1] == Tags(tagger_version=tagger.version)
    assert many[2].topics[0].code == "medtop:06000000"
    assert "medtop:20000418" in {t.code for t in many[2].topics}
    assert all(t.tagger_version == tagger.version for t in many)


def test_entity_ids_are_stable_across_processes(tagger):
    script = (
        "from tagging import load_tagger; t = load_tagger(); "
        "print(sorted(e.entity_id for e in t.tag('Lukashenka met Ivan Sidorov in Minsk.').canonical_entities))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout.strip()
    here = sorted(e.entity_id for e in tagger.tag("Lukashenka met Ivan Sidorov in Minsk.").canonical_entities)
    assert out == str(here)


def test_version_is_stable_and_reflects_config(tagger, tmp_path: Path):
    assert load_tagger().version == tagger.version
    (tmp_path / "entities.toml").write_text((DEFAULT_CONFIG_DIR / "entities.toml").read_text(encoding="utf-8"))
    (tmp_path / "watch.toml").write_text('[topic.only]\nquery = "Belarus"\n', encoding="utf-8")
    other = load_tagger(tmp_path)
    assert other.version != tagger.version
    assert [w.name for w in other.tag("Belarus and Russia").watch] == ["only"]


def test_malformed_watch_query_is_refused_at_load(tmp_path: Path):
    (tmp_path / "watch.toml").write_text('[topic.bad]\nquery = "a NEAR/2 (b AND c)"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"watch\.toml: watch topic 'bad': .* at character 10"):
        load_tagger(tmp_path)


def test_run_tag_batch(tagger, tmp_path: Path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Putin met Lukashenka in Minsk (BelTA, July 6).", "title": "Summit"})
        + "\n\n"
        + json.dumps({"id": 2, "text": "Emissions and climate change."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    progress: list[int] = []
    assert run_tag_batch(source, out, tagger, on_progress=progress.append) == 2
    assert progress == [1, 2]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", 2]
    first = rows[0]
    assert {"start", "end", "type", "text", "entity_id", "canonical"} <= set(first["entities"][0])
    assert {e["entity_id"] for e in first["entities"]} >= {"person:vladimir-putin", "gpe:minsk"}
    assert rows[1]["topics"][0] == {
        "code": "medtop:06000000",
        "label": "environment",
        "score": rows[1]["topics"][0]["score"],
        "scheme": "iptc-mediatopic",
        "level": 1,
    }
    assert {"watch", "keyphrases", "canonical_entities", "tagger_version"} <= set(first)


def test_worker_processes_give_the_same_tags(tagger):
    items = [
        ("Putin met Lukashenka in Minsk (BelTA, July 6).", "Summit in Minsk"),
        ("Climate change and drought.", None),
    ]
    parallel = load_tagger(processes=2, batch_size=2)
    assert list(parallel.tag_many(items * 3)) == list(tagger.tag_many(items * 3))
