-- The articles behind any point of a chart: published from $start to $end that mention every entity
-- in $entities, carry $topic (or a direct narrower code), match the watch topic $watch, have the
-- keyphrase $phrase (case-insensitive) and come from one of $outlets. Every filter is optional.
-- Parameters: $start DATE, $end DATE (NULL = open), $entities VARCHAR[] (ids or names; empty = any),
--             $topic VARCHAR, $watch VARCHAR, $phrase VARCHAR (NULL = any), $outlets VARCHAR[]
--             (empty = all), $limit INTEGER, $offset INTEGER. Newest first.
-- Columns: ..., total = the number of matching articles before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count, as in the article_entities view.
WITH refs AS (
    SELECT DISTINCT unnest($entities) AS ref
),
named AS (
    SELECT m.article_id
    FROM entity_mentions m
    JOIN entities e USING (entity_id)
    JOIN refs r ON e.entity_id = r.ref OR lower(e.name) = lower(r.ref)
    WHERE m.type <> 'CITED'
    GROUP BY m.article_id
    HAVING count(DISTINCT r.ref) = (SELECT count(*) FROM refs)
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
WHERE ($start IS NULL OR d.day >= CAST($start AS DATE))
  AND ($end IS NULL OR d.day <= CAST($end AS DATE))
  AND (len($outlets) = 0 OR list_contains($outlets, coalesce(d.outlet, d.source)))
  AND (len($entities) = 0 OR d.article_id IN (SELECT article_id FROM named))
  AND ($topic IS NULL OR d.article_id IN (SELECT article_id FROM topical))
  AND ($watch IS NULL OR d.article_id IN (SELECT article_id FROM watched))
  AND ($phrase IS NULL OR d.article_id IN (SELECT article_id FROM phrased))
ORDER BY d.published_at DESC, d.article_id
LIMIT $limit OFFSET $offset
