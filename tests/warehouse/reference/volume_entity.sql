-- Articles mentioning one entity per day, week or month, overall or per outlet, zero-filled.
-- The entity is given by id ('person:yevgeny-prigozhin') or by name (case-insensitive).
-- Parameters: $entity VARCHAR, $grain VARCHAR ('day' | 'week' | 'month'), $start DATE, $end DATE
--             (NULL = the warehouse's first / last publication day), $outlets VARCHAR[] (empty = all),
--             $by_outlet BOOLEAN (one row per period and outlet instead of one per period).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = $entity OR lower(name) = lower($entity)
),
hits AS (
    SELECT DISTINCT ea.article_id, ea.day, ea.outlet
    FROM entity_articles ea
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
      AND ea.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
      AND (len($outlets) = 0 OR list_contains($outlets, ea.outlet))
),
counted AS (
    SELECT CAST(date_trunc($grain, h.day) AS DATE) AS period,
           CASE WHEN $by_outlet THEN h.outlet END AS outlet,
           count(*) AS articles
    FROM hits h
    GROUP BY ALL
),
periods AS (
    SELECT CAST(p AS DATE) AS period
    FROM bounds b,
         generate_series(date_trunc($grain, b.lo), CAST(b.hi AS TIMESTAMP),
                         CASE $grain WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'week' THEN INTERVAL 7 DAY
                                     ELSE INTERVAL 1 DAY END) AS g(p)
),
lines AS (
    SELECT DISTINCT outlet FROM counted
    UNION
    SELECT NULL WHERE NOT $by_outlet
)
SELECT p.period, l.outlet, coalesce(c.articles, 0) AS articles
FROM periods p CROSS JOIN lines l
LEFT JOIN counted c ON c.period = p.period AND c.outlet IS NOT DISTINCT FROM l.outlet
ORDER BY p.period, l.outlet NULLS FIRST
