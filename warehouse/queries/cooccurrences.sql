-- Entities named in the same articles as one entity, from $start to $end: how many of its articles
-- name each, and that as a share of its articles.
-- Parameters: $entity VARCHAR (id or name), $start DATE, $end DATE (NULL = first / last publication
--             day), $outlets VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., focus_articles = the entity's own article count, total = ranked entities (pagination).
-- Mentions inside citations (type CITED) do not count (the read models leave them out).
-- Read model: article_entity_keys holds each dated article's entity keys as one list (sorted by
-- day): the focus articles are the window's lists holding a target's key (list_contains on one
-- integer when the reference names one entity, as it nearly always does), and their co-entities
-- one unnest away, grouped by INTEGER key (a list names an entity once, so count(*) counts
-- articles); entity_keys maps the keys back to entity ids.
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT coalesce(list(k.entity_key ORDER BY k.entity_key), []) AS keys
    FROM entities e JOIN entity_keys k USING (entity_id)
    WHERE e.entity_id = $entity OR lower(e.name) = lower($entity)
),
focus AS MATERIALIZED (
    SELECT a.entity_keys
    FROM article_entity_keys a, bounds b, target t
    WHERE a.day BETWEEN b.lo AND b.hi
      AND a.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
      AND a.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
      AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
      AND CASE WHEN len(t.keys) = 1 THEN list_contains(a.entity_keys, t.keys[1])
               ELSE list_has_any(a.entity_keys, t.keys) END
),
together AS (
    SELECT u.entity_key, count(*) AS articles
    FROM (SELECT unnest(f.entity_keys) AS entity_key FROM focus f) u, target t
    WHERE NOT list_contains(t.keys, u.entity_key)
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
