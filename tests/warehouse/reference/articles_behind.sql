-- The articles behind any point of a chart: published from $start to $end that mention every entity
-- in $entities, carry $topic (or a direct narrower code), match the watch topic $watch, have the
-- keyphrase $phrase (case-insensitive) and come from one of $outlets. Every filter is optional.
-- Parameters: $start DATE, $end DATE (NULL = open), $entities VARCHAR[] (ids or names; empty = any),
--             $topic VARCHAR, $watch VARCHAR, $phrase VARCHAR (NULL = any), $outlets VARCHAR[]
--             (empty = all), $limit INTEGER, $offset INTEGER. Newest first.
-- Columns: ..., total = the number of matching articles before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
WITH refs AS (
    SELECT DISTINCT unnest($entities) AS ref
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
    WHERE t.code = $topic OR tp.parent = $topic
),
watched AS (
    SELECT DISTINCT article_id FROM article_watch WHERE watch = $watch
),
phrased AS (
    SELECT DISTINCT article_id FROM article_keyphrases WHERE lower(phrase) = lower($phrase)
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
WHERE d.published_at >= timezone('UTC', CAST(coalesce(CAST($start AS DATE), DATE '1900-01-01') AS TIMESTAMP))
  AND d.published_at < timezone('UTC', CAST(coalesce(CAST($end AS DATE), DATE '2999-12-30') + 1 AS TIMESTAMP))
  AND (len($outlets) = 0 OR list_contains($outlets, coalesce(d.outlet, d.source)))
  AND (len($entities) = 0 OR d.article_id IN (SELECT article_id FROM named))
  AND ($topic IS NULL OR d.article_id IN (SELECT article_id FROM topical))
  AND ($watch IS NULL OR d.article_id IN (SELECT article_id FROM watched))
  AND ($phrase IS NULL OR d.article_id IN (SELECT article_id FROM phrased))
ORDER BY d.published_at DESC, d.article_id
LIMIT $limit OFFSET $offset
