-- The trend query library as table macros, for any DuckDB client (the CLI, notebooks, BI tools):
--   SELECT * FROM entity_volume('Yevgeny Prigozhin', grain := 'week') WHERE articles > 0;
-- Each macro is the twin of warehouse/queries/<file>.sql (the typed wrappers in warehouse.queries
-- run those files) with its $parameters as macro parameters; tests/warehouse/test_trend_library.py
-- checks that both give the same rows. Entities are given by id or by name (case-insensitive); NULL
-- dates mean the warehouse's first / last day; an empty outlets list means every outlet; max_rows
-- NULL means no limit. Changing a query later takes a new migration that replaces its macro
-- (CREATE OR REPLACE MACRO); the twin test keeps the two in step. docs/queries.md has examples.

-- One row per (entity, dated article naming it) with the article's day and outlet; citations (type
-- CITED) left out. The index of every "articles about this entity" lookup and of every entity count
-- over a time window. Here they are views; in the published snapshot (warehouse/snapshot.py) both
-- are tables of the same rows, entity_articles sorted by entity and day, entity_timeline by day and
-- entity, so that a lookup or a window reads a few row groups, without a join.
CREATE VIEW entity_articles AS
SELECT DISTINCT m.entity_id, m.article_id, d.day, coalesce(d.outlet, d.source) AS outlet
FROM entity_mentions m
JOIN dated_articles d USING (article_id)
WHERE m.type <> 'CITED';

CREATE VIEW entity_timeline AS
SELECT entity_id, article_id, day, outlet FROM entity_articles;

-- entity_volume: Articles naming an entity (id or name) per day/week/month, zero-filled; by_outlet splits by outlet.
-- (warehouse/queries/volume_entity.sql)
CREATE OR REPLACE MACRO entity_volume(
    entity_ref, grain := 'week', start_day := NULL, end_day := NULL, outlets := CAST([] AS VARCHAR[]), by_outlet := false
) AS TABLE
WITH bounds AS (
    SELECT coalesce(CAST(start_day AS DATE), c.first_day) AS lo, coalesce(CAST(end_day AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = entity_ref OR lower(name) = lower(entity_ref)
),
hits AS (
    SELECT DISTINCT ea.article_id, ea.day, ea.outlet
    FROM entity_articles ea
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day >= coalesce(CAST(start_day AS DATE), DATE '1900-01-01')
      AND ea.day <= coalesce(CAST(end_day AS DATE), DATE '2999-12-30')
      AND (len(outlets) = 0 OR list_contains(outlets, ea.outlet))
),
counted AS (
    SELECT CAST(date_trunc(grain, h.day) AS DATE) AS period,
           CASE WHEN by_outlet THEN h.outlet END AS outlet,
           count(*) AS articles
    FROM hits h
    GROUP BY ALL
),
periods AS (
    SELECT CAST(p AS DATE) AS period
    FROM bounds b,
         generate_series(date_trunc(grain, b.lo), CAST(b.hi AS TIMESTAMP),
                         CASE grain WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'week' THEN INTERVAL 7 DAY
                                     ELSE INTERVAL 1 DAY END) AS g(p)
),
lines AS (
    SELECT DISTINCT outlet FROM counted
    UNION
    SELECT NULL WHERE NOT by_outlet
)
SELECT p.period, l.outlet, coalesce(c.articles, 0) AS articles
FROM periods p CROSS JOIN lines l
LEFT JOIN counted c ON c.period = p.period AND c.outlet IS NOT DISTINCT FROM l.outlet
ORDER BY p.period, l.outlet NULLS FIRST;

-- topic_volume: Articles tagged with a topic or its direct narrower codes per period, zero-filled.
-- (warehouse/queries/volume_topic.sql)
CREATE OR REPLACE MACRO topic_volume(
    topic_code, grain := 'week', start_day := NULL, end_day := NULL, outlets := CAST([] AS VARCHAR[]), by_outlet := false, min_score := 0.0
) AS TABLE
WITH bounds AS (
    SELECT coalesce(CAST(start_day AS DATE), c.first_day) AS lo, coalesce(CAST(end_day AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
hits AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t
    LEFT JOIN topics tp ON tp.code = t.code
    WHERE (t.code = topic_code OR tp.parent = topic_code) AND t.score >= min_score
),
counted AS (
    SELECT CAST(date_trunc(grain, d.day) AS DATE) AS period,
           CASE WHEN by_outlet THEN coalesce(d.outlet, d.source) END AS outlet,
           count(*) AS articles
    FROM dated_articles d JOIN hits h USING (article_id)
    WHERE d.published_at >= timezone('UTC', CAST(coalesce(CAST(start_day AS DATE), DATE '1900-01-01') AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(coalesce(CAST(end_day AS DATE), DATE '2999-12-30') + 1 AS TIMESTAMP))
      AND (len(outlets) = 0 OR list_contains(outlets, coalesce(d.outlet, d.source)))
    GROUP BY ALL
),
periods AS (
    SELECT CAST(p AS DATE) AS period
    FROM bounds b,
         generate_series(date_trunc(grain, b.lo), CAST(b.hi AS TIMESTAMP),
                         CASE grain WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'week' THEN INTERVAL 7 DAY
                                     ELSE INTERVAL 1 DAY END) AS g(p)
),
lines AS (
    SELECT DISTINCT outlet FROM counted
    UNION
    SELECT NULL WHERE NOT by_outlet
)
SELECT p.period, l.outlet, coalesce(c.articles, 0) AS articles
FROM periods p CROSS JOIN lines l
LEFT JOIN counted c ON c.period = p.period AND c.outlet IS NOT DISTINCT FROM l.outlet
ORDER BY p.period, l.outlet NULLS FIRST;

-- watch_volume: Articles matching a watch topic (config/watch.toml) per period, zero-filled.
-- (warehouse/queries/volume_watch.sql)
CREATE OR REPLACE MACRO watch_volume(
    watch_name, grain := 'week', start_day := NULL, end_day := NULL, outlets := CAST([] AS VARCHAR[]), by_outlet := false
) AS TABLE
WITH bounds AS (
    SELECT coalesce(CAST(start_day AS DATE), c.first_day) AS lo, coalesce(CAST(end_day AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
hits AS (
    SELECT DISTINCT w.article_id FROM article_watch w WHERE w.watch = watch_name
),
counted AS (
    SELECT CAST(date_trunc(grain, d.day) AS DATE) AS period,
           CASE WHEN by_outlet THEN coalesce(d.outlet, d.source) END AS outlet,
           count(*) AS articles
    FROM dated_articles d JOIN hits h USING (article_id)
    WHERE d.published_at >= timezone('UTC', CAST(coalesce(CAST(start_day AS DATE), DATE '1900-01-01') AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(coalesce(CAST(end_day AS DATE), DATE '2999-12-30') + 1 AS TIMESTAMP))
      AND (len(outlets) = 0 OR list_contains(outlets, coalesce(d.outlet, d.source)))
    GROUP BY ALL
),
periods AS (
    SELECT CAST(p AS DATE) AS period
    FROM bounds b,
         generate_series(date_trunc(grain, b.lo), CAST(b.hi AS TIMESTAMP),
                         CASE grain WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'week' THEN INTERVAL 7 DAY
                                     ELSE INTERVAL 1 DAY END) AS g(p)
),
lines AS (
    SELECT DISTINCT outlet FROM counted
    UNION
    SELECT NULL WHERE NOT by_outlet
)
SELECT p.period, l.outlet, coalesce(c.articles, 0) AS articles
FROM periods p CROSS JOIN lines l
LEFT JOIN counted c ON c.period = p.period AND c.outlet IS NOT DISTINCT FROM l.outlet
ORDER BY p.period, l.outlet NULLS FIRST;

-- share_of_voice: Each listed entity's share of the articles naming any of them, per period.
-- (warehouse/queries/share_of_voice.sql)
CREATE OR REPLACE MACRO share_of_voice(
    entity_refs, grain := 'week', start_day := NULL, end_day := NULL, outlets := CAST([] AS VARCHAR[])
) AS TABLE
WITH bounds AS (
    SELECT coalesce(CAST(start_day AS DATE), c.first_day) AS lo, coalesce(CAST(end_day AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT DISTINCT e.entity_id, e.name
    FROM entities e
    WHERE list_contains(entity_refs, e.entity_id)
       OR lower(e.name) IN (SELECT lower(unnest(entity_refs)))
),
hits AS (
    SELECT DISTINCT CAST(date_trunc(grain, ea.day) AS DATE) AS period, ea.entity_id, ea.article_id
    FROM entity_articles ea, bounds b
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day BETWEEN b.lo AND b.hi
      AND (len(outlets) = 0 OR list_contains(outlets, ea.outlet))
),
counted AS (
    SELECT period, entity_id, count(*) AS articles FROM hits GROUP BY ALL
),
totals AS (
    SELECT period, count(DISTINCT article_id) AS any_articles FROM hits GROUP BY ALL
)
SELECT c.period,
       c.entity_id,
       t.name                                                              AS entity,
       c.articles,
       round(c.articles / sum(c.articles) OVER (PARTITION BY c.period), 4) AS share,
       round(c.articles / tt.any_articles, 4)                              AS share_of_articles
FROM counted c
JOIN target t USING (entity_id)
JOIN totals tt USING (period)
ORDER BY c.period, c.articles DESC, entity;

-- entity_ranking: Top entities from start_day to end_day with the previous window of the same length and the change.
-- (warehouse/queries/entity_ranking.sql)
CREATE OR REPLACE MACRO entity_ranking(
    start_day, end_day, outlets := CAST([] AS VARCHAR[]), topic_code := NULL, entity_types := CAST([] AS VARCHAR[]), max_rows := NULL, skip_rows := 0
) AS TABLE
WITH bounds AS (
    SELECT CAST(start_day AS DATE) AS lo, CAST(end_day AS DATE) AS hi,
           CAST(start_day AS DATE) - CAST(CAST(end_day AS DATE) - CAST(start_day AS DATE) + 1 AS INTEGER) AS prev_lo
),
topical AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t LEFT JOIN topics tp ON tp.code = t.code
    WHERE t.code = topic_code OR tp.parent = topic_code
),
pairs AS (
    SELECT t.entity_id, t.day >= b.lo AS current_window
    FROM entity_timeline t, bounds b
    WHERE t.day >= CAST(start_day AS DATE) - CAST(CAST(end_day AS DATE) - CAST(start_day AS DATE) + 1 AS INTEGER)
      AND t.day <= CAST(end_day AS DATE)
      AND (len(outlets) = 0 OR list_contains(outlets, t.outlet))
      AND (topic_code IS NULL OR t.article_id IN (SELECT article_id FROM topical))
),
counted AS (
    SELECT entity_id,
           count(*) FILTER (current_window)     AS articles,
           count(*) FILTER (NOT current_window) AS previous_articles
    FROM pairs
    GROUP BY entity_id
    HAVING count(*) FILTER (current_window) > 0
)
SELECT c.entity_id,
       e.name                                   AS entity,
       e.type                                   AS entity_type,
       c.articles,
       c.previous_articles,
       c.articles - c.previous_articles         AS change,
       count(*) OVER ()                         AS total
FROM counted c JOIN entities e USING (entity_id)
WHERE len(entity_types) = 0 OR list_contains(entity_types, e.type)
ORDER BY c.articles DESC, e.name, c.entity_id
LIMIT max_rows OFFSET skip_rows;

-- topic_ranking: Top topics from start_day to end_day with the previous window of the same length and the change.
-- (warehouse/queries/topic_ranking.sql)
CREATE OR REPLACE MACRO topic_ranking(
    start_day, end_day, outlets := CAST([] AS VARCHAR[]), entity_ref := NULL, min_score := 0.0, max_rows := NULL, skip_rows := 0
) AS TABLE
WITH bounds AS (
    SELECT CAST(start_day AS DATE) AS lo, CAST(end_day AS DATE) AS hi,
           CAST(start_day AS DATE) - CAST(CAST(end_day AS DATE) - CAST(start_day AS DATE) + 1 AS INTEGER) AS prev_lo
),
about AS (
    SELECT DISTINCT ea.article_id
    FROM entity_articles ea
    WHERE ea.entity_id IN (SELECT entity_id FROM entities WHERE entity_id = entity_ref OR lower(name) = lower(entity_ref))
),
scope AS (
    SELECT d.article_id, d.day >= b.lo AS current_window
    FROM dated_articles d, bounds b
    WHERE d.published_at >= timezone('UTC', CAST(CAST(start_day AS DATE) - CAST(CAST(end_day AS DATE) - CAST(start_day AS DATE) + 1 AS INTEGER) AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(CAST(end_day AS DATE) + 1 AS TIMESTAMP))
      AND (len(outlets) = 0 OR list_contains(outlets, coalesce(d.outlet, d.source)))
      AND (entity_ref IS NULL OR d.article_id IN (SELECT article_id FROM about))
),
pairs AS (
    SELECT DISTINCT t.code, t.article_id, s.current_window
    FROM article_topics t JOIN scope s USING (article_id)
    WHERE t.score >= min_score
),
counted AS (
    SELECT code,
           count(*) FILTER (current_window)     AS articles,
           count(*) FILTER (NOT current_window) AS previous_articles
    FROM pairs
    GROUP BY code
    HAVING count(*) FILTER (current_window) > 0
)
SELECT c.code,
       coalesce(tp.label, c.code)               AS label,
       tp.level,
       c.articles,
       c.previous_articles,
       c.articles - c.previous_articles         AS change,
       count(*) OVER ()                         AS total
FROM counted c LEFT JOIN topics tp USING (code)
ORDER BY c.articles DESC, label, c.code
LIMIT max_rows OFFSET skip_rows;

-- cooccurrences: Entities named in the same articles as an entity, with the share of its articles.
-- (warehouse/queries/cooccurrences.sql)
CREATE OR REPLACE MACRO cooccurrences(
    entity_ref, start_day := NULL, end_day := NULL, outlets := CAST([] AS VARCHAR[]), max_rows := NULL, skip_rows := 0
) AS TABLE
WITH bounds AS (
    SELECT coalesce(CAST(start_day AS DATE), c.first_day) AS lo, coalesce(CAST(end_day AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = entity_ref OR lower(name) = lower(entity_ref)
),
focus AS (
    SELECT DISTINCT ea.article_id
    FROM entity_articles ea, bounds b
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day BETWEEN b.lo AND b.hi
      AND (len(outlets) = 0 OR list_contains(outlets, ea.outlet))
),
together AS (
    SELECT t.entity_id, count(DISTINCT t.article_id) AS articles
    FROM entity_timeline t, bounds b
    WHERE t.day BETWEEN b.lo AND b.hi
      AND t.day >= coalesce(CAST(start_day AS DATE), DATE '1900-01-01')
      AND t.day <= coalesce(CAST(end_day AS DATE), DATE '2999-12-30')
      AND t.article_id IN (SELECT article_id FROM focus)
      AND t.entity_id NOT IN (SELECT entity_id FROM target)
    GROUP BY t.entity_id
)
SELECT t.entity_id,
       e.name                                             AS entity,
       e.type                                             AS entity_type,
       t.articles,
       (SELECT count(*) FROM focus)                       AS focus_articles,
       round(t.articles / (SELECT count(*) FROM focus), 4) AS share,
       count(*) OVER ()                                   AS total
FROM together t JOIN entities e USING (entity_id)
ORDER BY t.articles DESC, e.name, t.entity_id
LIMIT max_rows OFFSET skip_rows;

-- spikes: Entity-days far above their trailing 14-day baseline (ratio, z-score, minimum count).
-- (warehouse/queries/spikes.sql)
CREATE OR REPLACE MACRO spikes(
    start_day := NULL, end_day := NULL, entity_ref := NULL, outlets := CAST([] AS VARCHAR[]), min_count := 5, min_ratio := 4.0, min_z := NULL, max_rows := NULL, skip_rows := 0
) AS TABLE
WITH coverage AS (
    SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
           CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day
    FROM articles
),
bounds AS (
    SELECT greatest(coalesce(CAST(start_day AS DATE), first_day), first_day + 14) AS lo,
           coalesce(CAST(end_day AS DATE), last_day)                              AS hi
    FROM coverage
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = entity_ref OR lower(name) = lower(entity_ref)
),
pairs AS (  -- every entity: the timeline (sorted by day); one entity: its index (sorted by entity)
    SELECT t.entity_id, t.day, t.outlet FROM entity_timeline t
    WHERE entity_ref IS NULL
      AND t.day >= coalesce(CAST(start_day AS DATE), DATE '1900-01-15') - 14
      AND t.day <= coalesce(CAST(end_day AS DATE), DATE '2999-12-30')
    UNION ALL
    SELECT ea.entity_id, ea.day, ea.outlet FROM entity_articles ea
    WHERE entity_ref IS NOT NULL AND ea.entity_id IN (SELECT entity_id FROM target)
),
daily AS (
    SELECT p.entity_id, p.day, count(*) AS articles
    FROM pairs p, bounds b
    WHERE p.day BETWEEN b.lo - 14 AND b.hi
      AND (len(outlets) = 0 OR list_contains(outlets, p.outlet))
    GROUP BY p.entity_id, p.day
),
candidates AS (
    SELECT DISTINCT d.entity_id FROM daily d, bounds b WHERE d.articles >= min_count AND d.day >= b.lo
),
scored AS (
    SELECT d.entity_id, d.day, d.articles,
           coalesce(sum(d.articles) OVER w, 0) / 14.0               AS mean,
           coalesce(sum(d.articles * d.articles) OVER w, 0) / 14.0  AS mean_square
    FROM daily d
    WHERE d.entity_id IN (SELECT entity_id FROM candidates)
    WINDOW w AS (PARTITION BY d.entity_id ORDER BY d.day
                 RANGE BETWEEN INTERVAL 14 DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)
),
rated AS (
    SELECT s.*,
           sqrt(greatest(s.mean_square - s.mean * s.mean, 0))                        AS sd,
           (s.articles + 1) / (s.mean + 1)                                           AS ratio,
           (s.articles - s.mean) / greatest(sqrt(greatest(s.mean_square - s.mean * s.mean, 0)), 0.5) AS z
    FROM scored s, bounds b
    WHERE s.day BETWEEN b.lo AND b.hi AND s.articles >= min_count
)
SELECT r.entity_id,
       e.name                 AS entity,
       e.type                 AS entity_type,
       r.day,
       r.articles,
       round(r.mean, 3)       AS baseline_mean,
       round(r.sd, 3)         AS baseline_sd,
       round(r.ratio, 2)      AS ratio,
       round(r.z, 2)          AS z_score,
       count(*) OVER ()       AS total
FROM rated r JOIN entities e USING (entity_id)
WHERE r.ratio >= min_ratio AND (min_z IS NULL OR r.z >= min_z)
ORDER BY ratio DESC, r.articles DESC, r.day, r.entity_id
LIMIT max_rows OFFSET skip_rows;

-- emerging_keyphrases: Keyphrases in more articles from start_day to end_day than their baseline rate predicts.
-- (warehouse/queries/emerging_keyphrases.sql)
CREATE OR REPLACE MACRO emerging_keyphrases(
    start_day, end_day, baseline_days := 28, outlets := CAST([] AS VARCHAR[]), min_count := 3, max_rows := NULL, skip_rows := 0
) AS TABLE
WITH bounds AS (
    SELECT CAST(start_day AS DATE) AS lo, CAST(end_day AS DATE) AS hi,
           CAST(CAST(end_day AS DATE) - CAST(start_day AS DATE) + 1 AS INTEGER) AS window_days,
           CAST(start_day AS DATE) - CAST(baseline_days AS INTEGER) AS base_lo
),
scope AS (
    SELECT d.article_id, d.day >= b.lo AS current_window
    FROM dated_articles d, bounds b
    WHERE d.published_at >= timezone('UTC', CAST(CAST(start_day AS DATE) - CAST(baseline_days AS INTEGER) AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(CAST(end_day AS DATE) + 1 AS TIMESTAMP))
      AND (len(outlets) = 0 OR list_contains(outlets, coalesce(d.outlet, d.source)))
),
pairs AS (
    SELECT lower(k.phrase) AS phrase_key, any_value(k.phrase) AS phrase, k.article_id, any_value(s.current_window) AS current_window
    FROM article_keyphrases k JOIN scope s USING (article_id)
    GROUP BY lower(k.phrase), k.article_id
),
counted AS (
    SELECT phrase_key,
           mode(phrase)                         AS phrase,
           count(*) FILTER (current_window)     AS articles,
           count(*) FILTER (NOT current_window) AS baseline_articles
    FROM pairs
    GROUP BY phrase_key
    HAVING count(*) FILTER (current_window) >= min_count
)
SELECT c.phrase,
       c.articles,
       c.baseline_articles,
       round(c.baseline_articles * b.window_days / CAST(baseline_days AS DOUBLE), 2)            AS expected,
       round((c.articles + 1) / (c.baseline_articles * b.window_days / CAST(baseline_days AS DOUBLE) + 1), 2) AS growth,
       count(*) OVER ()                                                                          AS total
FROM counted c, bounds b
ORDER BY growth DESC, c.articles DESC, c.phrase
LIMIT max_rows OFFSET skip_rows;

-- articles_behind: The articles behind a point of a chart: every filter optional, newest first.
-- (warehouse/queries/articles_behind.sql)
CREATE OR REPLACE MACRO articles_behind(
    start_day := NULL, end_day := NULL, entity_refs := CAST([] AS VARCHAR[]), topic_code := NULL, watch_name := NULL, phrase_text := NULL, outlets := CAST([] AS VARCHAR[]), max_rows := NULL, skip_rows := 0
) AS TABLE
WITH refs AS (
    SELECT DISTINCT unnest(entity_refs) AS ref
),
targets AS (
    SELECT DISTINCT r.ref, e.entity_id
    FROM refs r JOIN entities e ON e.entity_id = r.ref OR lower(e.name) = lower(r.ref)
),
named AS (
    SELECT ea.article_id
    FROM entity_articles ea
    JOIN targets t USING (entity_id)
    GROUP BY ea.article_id
    HAVING count(DISTINCT t.ref) = (SELECT count(*) FROM refs)
),
topical AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t LEFT JOIN topics tp ON tp.code = t.code
    WHERE t.code = topic_code OR tp.parent = topic_code
),
watched AS (
    SELECT DISTINCT article_id FROM article_watch WHERE watch = watch_name
),
phrased AS (
    SELECT DISTINCT article_id FROM article_keyphrases WHERE lower(phrase) = lower(phrase_text)
)
SELECT d.article_id,
       d.published_at,
       d.day,
       coalesce(d.outlet, d.source) AS outlet,
       d.source,
       d.title,
       d.url,
       count(*) OVER ()             AS total
FROM dated_articles d
WHERE d.published_at >= timezone('UTC', CAST(coalesce(CAST(start_day AS DATE), DATE '1900-01-01') AS TIMESTAMP))
  AND d.published_at < timezone('UTC', CAST(coalesce(CAST(end_day AS DATE), DATE '2999-12-30') + 1 AS TIMESTAMP))
  AND (len(outlets) = 0 OR list_contains(outlets, coalesce(d.outlet, d.source)))
  AND (len(entity_refs) = 0 OR d.article_id IN (SELECT article_id FROM named))
  AND (topic_code IS NULL OR d.article_id IN (SELECT article_id FROM topical))
  AND (watch_name IS NULL OR d.article_id IN (SELECT article_id FROM watched))
  AND (phrase_text IS NULL OR d.article_id IN (SELECT article_id FROM phrased))
ORDER BY d.published_at DESC, d.article_id
LIMIT max_rows OFFSET skip_rows;
