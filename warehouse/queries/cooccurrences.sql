-- Entities named in the same articles as one entity, from $start to $end: how many of its articles
-- name each, and that as a share of its articles.
-- Parameters: $entity VARCHAR (id or name), $start DATE, $end DATE (NULL = first / last publication
--             day), $outlets VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., focus_articles = the entity's own article count, total = ranked entities (pagination).
-- Mentions inside citations (type CITED) do not count (the read models leave them out).
-- Read models: the focus articles (INTEGER keys) come from entity_articles (sorted by entity); their co-entities
-- from article_entity_keys (each dated article's entity keys as one list, sorted by day), one
-- unnest away and grouped by INTEGER key (a list names an entity once, so count(*) counts
-- articles); entity_keys maps the keys back to entity ids.
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT k.entity_id, k.entity_key
    FROM entities e JOIN entity_keys k USING (entity_id)
    WHERE e.entity_id = $entity OR lower(e.name) = lower($entity)
),
focus AS MATERIALIZED (
    SELECT DISTINCT ea.article_key
    FROM entity_articles ea, bounds b
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day BETWEEN b.lo AND b.hi
      AND (len($outlets) = 0 OR list_contains($outlets, ea.outlet))
),
together AS (
    SELECT u.entity_key, count(*) AS articles
    FROM (SELECT unnest(a.entity_keys) AS entity_key
          FROM article_entity_keys a, bounds b
          WHERE a.day BETWEEN b.lo AND b.hi
            AND a.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
            AND a.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
            AND a.article_key IN (SELECT article_key FROM focus)) u
    WHERE u.entity_key NOT IN (SELECT entity_key FROM target)
    GROUP BY u.entity_key
)
SELECT k.entity_id,
       e.name                                             AS entity,
       e.type                                             AS entity_type,
       t.articles,
       (SELECT count(*) FROM focus)                       AS focus_articles,
       round(t.articles / (SELECT count(*) FROM focus), 4) AS share,
       count(*) OVER ()                                   AS total
FROM together t JOIN entity_keys k USING (entity_key) JOIN entities e ON e.entity_id = k.entity_id
ORDER BY t.articles DESC, e.name, k.entity_id
LIMIT $limit OFFSET $offset
