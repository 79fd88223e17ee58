-- Read models: small or pre-joined relations the trend queries read instead of scanning
-- entity_mentions (20M rows at 1M articles) and joining articles on every request.
-- In the warehouse they are views over the raw tables, so they are always exact and cost nothing to
-- keep fresh; publish_snapshot (warehouse/snapshot.py, READ_MODELS) stores each one in the
-- readers' snapshot as a table of the same rows, sorted so that zone maps prune the row groups a
-- query does not need. tests/warehouse/test_read_models.py checks each against the raw tables.

-- One row per dated article, numbered newest first (published_at DESC, then article_id): a dense
-- INTEGER key (valid within one warehouse state or snapshot only, never stored elsewhere) that
-- sorts as "newest first" does, so grouping and joining articles works on integers, not strings.
-- Snapshot: sorted by the key.
CREATE VIEW article_keys AS
SELECT CAST(row_number() OVER (ORDER BY d.published_at DESC, d.article_id) AS INTEGER) AS article_key,
       d.article_id, d.published_at, d.day, coalesce(d.outlet, d.source) AS outlet
FROM dated_articles d;

-- One row per (entity, dated article naming it), citations left out; now with the publication
-- time and the article's key, so "the articles naming X, newest first" needs no join with articles.
CREATE OR REPLACE VIEW entity_articles AS
SELECT DISTINCT m.entity_id, m.article_id, k.day, k.outlet, k.published_at, k.article_key
FROM entity_mentions m
JOIN article_keys k USING (article_id)
WHERE m.type <> 'CITED';

CREATE OR REPLACE VIEW entity_timeline AS
SELECT entity_id, article_id, day, outlet, published_at, article_key FROM entity_articles;

-- A dense INTEGER key per entity (valid within one warehouse state or snapshot, never stored
-- elsewhere) and its number of articles: grouping integers is far cheaper than grouping strings,
-- and the entity search ranks by the count without touching entity_articles.
CREATE VIEW entity_keys AS
SELECT CAST(row_number() OVER (ORDER BY e.entity_id) AS INTEGER) AS entity_key,
       e.entity_id,
       coalesce(n.articles, 0) AS articles
FROM entities e
LEFT JOIN (SELECT entity_id, count(*) AS articles FROM entity_articles GROUP BY entity_id) n USING (entity_id);

-- Per entity (by key) and day with at least one article: the articles naming it, and the sums of
-- that count and of its square over the 14 days before (days without articles count as 0): the
-- baseline of spikes, precomputed, and the unit of rankings. Snapshot: sorted by day.
CREATE VIEW entity_daily AS
WITH counted AS (
    SELECT k.entity_key, t.day, count(*) AS articles
    FROM entity_timeline t JOIN entity_keys k USING (entity_id)
    GROUP BY k.entity_key, t.day
)
SELECT entity_key,
       day,
       articles,
       coalesce(sum(articles) OVER w, 0)            AS trailing_articles,
       coalesce(sum(articles * articles) OVER w, 0) AS trailing_squares
FROM counted
WINDOW w AS (PARTITION BY entity_key ORDER BY day
             RANGE BETWEEN INTERVAL 14 DAY PRECEDING AND INTERVAL 1 DAY PRECEDING);

-- Per dated article: the keys of the entities it names (citations left out), with its day and
-- outlet: the co-entities of a set of articles are one unnest away (co-occurrences). Snapshot:
-- sorted by day.
CREATE VIEW article_entity_keys AS
SELECT ea.article_id,
       any_value(ea.article_key)                AS article_key,
       any_value(ea.day)                        AS day,
       any_value(ea.outlet)                     AS outlet,
       list(k.entity_key ORDER BY k.entity_key) AS entity_keys
FROM entity_articles ea
JOIN entity_keys k USING (entity_id)
GROUP BY ea.article_id;

-- One row per (topic, dated article tagged with it or with one of its direct narrower codes) with
-- the code actually tagged, its score, the day and the outlet: a topic's volume (which counts its
-- narrower codes) reads the rows of one `topic` value, without a join. Each tag appears under its
-- own code and under its parent's. Snapshot: sorted by topic and day.
CREATE VIEW topic_articles AS
SELECT c.topic, t.code, t.article_id, t.score, d.day, coalesce(d.outlet, d.source) AS outlet
FROM article_topics t
JOIN dated_articles d USING (article_id)
JOIN (SELECT DISTINCT code, code AS topic FROM article_topics
      UNION
      SELECT code, parent AS topic FROM topics WHERE parent IS NOT NULL) c ON c.code = t.code;

-- One row per (keyphrase compared case-insensitively, dated article): the unit of emerging
-- keyphrases, with one of the article's spellings, the day and the outlet. Snapshot: sorted by day.
CREATE VIEW keyphrase_articles AS
SELECT lower(k.phrase)                  AS phrase_key,
       any_value(k.phrase)              AS phrase,
       k.article_id,
       any_value(d.day)                 AS day,
       any_value(coalesce(d.outlet, d.source)) AS outlet
FROM article_keyphrases k
JOIN dated_articles d USING (article_id)
GROUP BY lower(k.phrase), k.article_id;
