-- Topics on the most articles from $start to $end, with the count over the window of the same
-- length just before it and the change; optionally about one entity and in some outlets.
-- Parameters: $start DATE, $end DATE (both inclusive; required), $outlets VARCHAR[] (empty = all),
--             $entity VARCHAR (NULL = any; id or name), $min_score DOUBLE, $limit INTEGER, $offset INTEGER.
-- Columns: ..., total = the number of ranked topics before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
WITH bounds AS (
    SELECT CAST($start AS DATE) AS lo, CAST($end AS DATE) AS hi,
           CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER) AS prev_lo
),
about AS (
    SELECT DISTINCT ea.article_id
    FROM entity_articles ea
    WHERE ea.entity_id IN (SELECT entity_id FROM entities WHERE entity_id = $entity OR lower(name) = lower($entity))
),
scope AS (
    SELECT d.article_id, d.day >= b.lo AS current_window
    FROM dated_articles d, bounds b
    WHERE d.published_at >= timezone('UTC', CAST(CAST($start AS DATE) - CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER) AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(CAST($end AS DATE) + 1 AS TIMESTAMP))
      AND (len($outlets) = 0 OR list_contains($outlets, coalesce(d.outlet, d.source)))
      AND ($entity IS NULL OR d.article_id IN (SELECT article_id FROM about))
),
pairs AS (
    SELECT DISTINCT t.code, t.article_id, s.current_window
    FROM article_topics t JOIN scope s USING (article_id)
    WHERE t.score >= $min_score
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
LIMIT $limit OFFSET $offset
