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
pairs AS (  -- the read model keyphrase_articles: one row per (phrase, article), sorted by day
    SELECT k.phrase_key, k.phrase, k.article_id, k.day >= b.lo AS current_window
    FROM keyphrase_articles k, bounds b
    WHERE k.day >= CAST($start AS DATE) - CAST($baseline_days AS INTEGER)
      AND k.day <= CAST($end AS DATE)
      AND (len($outlets) = 0 OR list_contains($outlets, k.outlet))
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
