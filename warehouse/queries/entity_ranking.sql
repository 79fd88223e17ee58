-- Entities in the most articles from $start to $end, with the count over the window of the same
-- length just before it and the change; optionally within one topic and some outlets.
-- Parameters: $start DATE, $end DATE (both inclusive; required), $outlets VARCHAR[] (empty = all),
--             $topic VARCHAR (NULL = any; a code counts its direct narrower codes too),
--             $entity_types VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., total = the number of ranked entities before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count (entity_timeline leaves them out). Without an
-- outlet or topic filter the counts come from the read model entity_daily (one row per entity-day).
WITH bounds AS (
    SELECT CAST($start AS DATE) AS lo, CAST($end AS DATE) AS hi,
           CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER) AS prev_lo
),
topical AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t LEFT JOIN topics tp ON tp.code = t.code
    WHERE t.code = $topic OR tp.parent = $topic
),
pairs AS (  -- some outlets or a topic: the timeline (sorted by day)
    SELECT t.entity_id, t.day >= b.lo AS current_window
    FROM entity_timeline t, bounds b
    WHERE (len($outlets) > 0 OR $topic IS NOT NULL)
      AND t.day >= CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER)
      AND t.day <= CAST($end AS DATE)
      AND (len($outlets) = 0 OR list_contains($outlets, t.outlet))
      AND ($topic IS NULL OR t.article_id IN (SELECT article_id FROM topical))
),
counted AS (
    SELECT entity_id,
           count(*) FILTER (current_window)     AS articles,
           count(*) FILTER (NOT current_window) AS previous_articles
    FROM pairs
    GROUP BY entity_id
    HAVING count(*) FILTER (current_window) > 0
    UNION ALL  -- every outlet and topic: the daily counts (sorted by day), one row per entity and day
    SELECT k.entity_id, d.articles, d.previous_articles
    FROM (SELECT d.entity_key,
                 CAST(coalesce(sum(d.articles) FILTER (d.day >= b.lo), 0) AS BIGINT) AS articles,
                 CAST(coalesce(sum(d.articles) FILTER (d.day < b.lo), 0) AS BIGINT)  AS previous_articles
          FROM entity_daily d, bounds b
          WHERE len($outlets) = 0 AND $topic IS NULL
            AND d.day >= CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER)
            AND d.day <= CAST($end AS DATE)
          GROUP BY d.entity_key
          HAVING sum(d.articles) FILTER (d.day >= b.lo) > 0) d
    JOIN entity_keys k USING (entity_key)
)
SELECT c.entity_id,
       e.name                                   AS entity,
       e.type                                   AS entity_type,
       c.articles,
       c.previous_articles,
       c.articles - c.previous_articles         AS change,
       count(*) OVER ()                         AS total
FROM counted c JOIN entities e USING (entity_id)
WHERE len($entity_types) = 0 OR list_contains($entity_types, e.type)
ORDER BY c.articles DESC, e.name, c.entity_id
LIMIT $limit OFFSET $offset
