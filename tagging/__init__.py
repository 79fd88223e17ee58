"""The tag stage: entities with canonical ids, IPTC Media Topics, watch topics, keyphrases.

Public API (what the pipeline calls)::

    tagger = load_tagger(config_dir, processes=1, batch_size=32)   # once
    tags = tagger.tag(body, title)                                  # -> mediamon.records.Tags
    for tags in tagger.tag_many((body, title) for ...): ...         # batched, in order
    tagger.version                                                  # store per article

``tagging.batch.run_tag_batch`` tags a JSON-lines file; ``tagging.topics.IPTC_TOPICS`` lists
every IPTC concept the tagger can emit. Pure: never touches network, database, clock or Prefect.
"""

from tagging.tagger import TAGGER_VERSION, Tagger, load_tagger

__all__ = ["TAGGER_VERSION", "Tagger", "load_tagger"]
