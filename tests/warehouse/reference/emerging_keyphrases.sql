-- Keyphrases (article_keyphrases, compared case-insensitively) in more articles from $start to $end
-- than their rate over the $baseline_days before $start predicts.
-- growth = (articles + 1) / (expected + 1), expected = baseline_articles * window days / $baseline_days.
-- Parameters: $start DATE, $end DATE (required), $baseline_days INTEGER, $outlets VARCHAR[] (empty =
--             all), $min_count INTEGER (articles in the window), $limit INTEGER, $offset INTEGER.
WITH bounds AS (
    SELECT CAST($start AS DATE) AS lo, CAST($end AS DATE) AS hi,
           CAST(CAST($end AS DATE) - CAST($start AS DATE) + 1 AS INTEGER) AS window_days,
           CAST($start AS DATE) - CAST($baseline_days AS INTEGER) AS base_lo
),
scope AS (
    SELECT d.article_id, d.day >= b.lo AS current_window
    FROM dated_articles d, bounds b
    WHERE d.published_at >= timezone('UTC', CAST(CAST($start AS DATE) - CAST($baseline_days AS INTEGER) AS TIMESTAMP))
      AND d.published_at < timezone('UTC', CAST(CAST($end AS DATE) + 1 AS TIMESTAMP))
      AND (len($outlets) = 0 OR list_contains($outlets, coalesce(d.outlet, d.source)))
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
    HAVING count(*) FILTER (current_window) >= $min_count
)
SELECT c.phrase,
       c.articles,
       c.baseline_articles,
       round(c.baseline_articles * b.window_days / CAST($baseline_days AS DOUBLE), 2)            AS expected,
       round((c.articles + 1) / (c.baseline_articles * b.window_days / CAST($baseline_days AS DOUBLE) + 1), 2) AS growth,
       count(*) OVER ()                                                                          AS total
FROM counted c, bounds b
ORDER BY growth DESC, c.articles DESC, c.phrase
LIMIT $limit OFFSET $offset
