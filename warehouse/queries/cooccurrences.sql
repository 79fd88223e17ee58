-- Entities named in the same articles as one entity, from $start to $end: how many of its articles
-- name each, and that as a share of its articles.
-- Parameters: $entity VARCHAR (id or name), $start DATE, $end DATE (NULL = first / last publication
--             day), $outlets VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., focus_articles = the entity's own article count, total = ranked entities (pagination).
-- Mentions inside citations (type CITED) do not count, as in the article_entities view.
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT min(day) AS first_day, max(day) AS last_day FROM dated_articles) AS c
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = $entity OR lower(name) = lower($entity)
),
focus AS (
    SELECT DISTINCT m.article_id
    FROM entity_mentions m
    JOIN dated_articles d USING (article_id), bounds b
    WHERE m.entity_id IN (SELECT entity_id FROM target) AND m.type <> 'CITED'
      AND d.day BETWEEN b.lo AND b.hi
      AND (len($outlets) = 0 OR list_contains($outlets, coalesce(d.outlet, d.source)))
),
together AS (
    SELECT m.entity_id, count(DISTINCT m.article_id) AS articles
    FROM entity_mentions m JOIN focus f USING (article_id)
    WHERE m.entity_id NOT IN (SELECT entity_id FROM target) AND m.type <> 'CITED'
    GROUP BY m.entity_id
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
LIMIT $limit OFFSET $offset
