-- Entities named in the same articles as one entity, from $start to $end: how many of its articles
-- name each, and that as a share of its articles.
-- Parameters: $entity VARCHAR (id or name), $start DATE, $end DATE (NULL = first / last publication
--             day), $outlets VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., focus_articles = the entity's own article count, total = ranked entities (pagination).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = $entity OR lower(name) = lower($entity)
),
focus AS (
    SELECT DISTINCT ea.article_id
    FROM entity_articles ea, bounds b
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day BETWEEN b.lo AND b.hi
      AND (len($outlets) = 0 OR list_contains($outlets, ea.outlet))
),
together AS (
    SELECT t.entity_id, count(DISTINCT t.article_id) AS articles
    FROM entity_timeline t, bounds b
    WHERE t.day BETWEEN b.lo AND b.hi
      AND t.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
      AND t.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
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
LIMIT $limit OFFSET $offset
