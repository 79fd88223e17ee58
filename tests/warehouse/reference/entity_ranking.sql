-- Entities in the most articles from $start to $end, with the count over the window of the same
-- length just before it and the change; optionally within one topic and some outlets.
-- Parameters: $start DATE, $end DATE (both inclusive; required), $outlets VARCHAR[] (empty = all),
--             $topic VARCHAR (NULL = any; a code counts its direct narrower codes too),
--             $entity_types VARCHAR[] (empty = all), $limit INTEGER, $offset INTEGER.
-- Columns: ..., total = the number of ranked entities before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count (entity_timeline leaves them out).
WITH bounds AS (
    SELECT CAST($start AS DATE) AS lo, CAST($end AS DATE) AS hi,
           CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER) AS prev_lo
),
topical AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t LEFT JOIN topics tp ON tp.code = t.code
    WHERE t.code = $topic OR tp.parent = $topic
),
pairs AS (
    SELECT t.entity_id, t.day >= b.lo AS current_window
    FROM entity_timeline t, bounds b
    WHERE t.day >= CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER)
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
