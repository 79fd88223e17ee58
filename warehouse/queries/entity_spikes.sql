-- Days on which an entity is mentioned in far more articles than over its trailing 14 days.
-- A spike: at least $min_count articles that day and a ratio to the trailing daily mean
-- (smoothed by +1, so a quiet entity's first mention is not infinitely "spiky") of $min_ratio.
-- Days before an entity's first mention count as zero (when the warehouse covers them), and the
-- first 14 days of the warehouse are never spikes: they have no baseline yet.
-- Parameters: $min_count INTEGER, $min_ratio DOUBLE, $entity_id VARCHAR (NULL = every entity).
WITH coverage AS (
    SELECT min(day) AS first_day FROM dated_articles
),
daily AS (
    SELECT ae.entity_id, any_value(ae.entity) AS entity, d.day, count(DISTINCT d.article_id) AS articles
    FROM article_entities ae
    JOIN dated_articles d USING (article_id)
    WHERE $entity_id IS NULL OR ae.entity_id = $entity_id
    GROUP BY ae.entity_id, d.day
),
bounds AS (
    SELECT d.entity_id,
           greatest(min(d.day) - 14, any_value(c.first_day)) AS first_day,
           max(d.day) AS last_day
    FROM daily d, coverage c
    GROUP BY d.entity_id
),
calendar AS (
    SELECT b.entity_id, CAST(g.day AS DATE) AS day
    FROM bounds b,
         LATERAL generate_series(CAST(b.first_day AS TIMESTAMP), CAST(b.last_day AS TIMESTAMP),
                                 INTERVAL 1 DAY) AS g(day)
),
filled AS (
    SELECT c.entity_id, c.day, coalesce(d.articles, 0) AS articles
    FROM calendar c LEFT JOIN daily d USING (entity_id, day)
),
scored AS (
    SELECT entity_id, day, articles,
           avg(articles) OVER w        AS baseline_mean,
           stddev_pop(articles) OVER w AS baseline_sd
    FROM filled
    WINDOW w AS (PARTITION BY entity_id ORDER BY day ROWS BETWEEN 14 PRECEDING AND 1 PRECEDING)
)
SELECT s.entity_id,
       e.name                                              AS entity,
       s.day,
       s.articles,
       round(coalesce(s.baseline_mean, 0), 3)              AS baseline_mean,
       round((s.articles + 1) / (coalesce(s.baseline_mean, 0) + 1), 2) AS ratio,
       round((s.articles - coalesce(s.baseline_mean, 0)) / greatest(coalesce(s.baseline_sd, 0), 0.5), 2) AS z_score
FROM scored s
JOIN entities e USING (entity_id), coverage c
WHERE s.day >= c.first_day + 14
  AND s.articles >= $min_count
  AND (s.articles + 1) / (coalesce(s.baseline_mean, 0) + 1) >= $min_ratio
ORDER BY ratio DESC, s.articles DESC, s.day
