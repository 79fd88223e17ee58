-- Days from $start to $end on which an entity is in far more articles than over its trailing 14
-- days: at least $min_count articles, a ratio (articles + 1) / (trailing daily mean + 1) of at
-- least $min_ratio and, when $min_z is given, a z-score (articles - mean) / max(sd, 0.5) of at
-- least $min_z. Days without a mention count as zero in the baseline; the warehouse's first 14 days
-- are never spikes (no baseline yet). Same scores as entity_spikes.sql, but limited to a window,
-- an entity and outlets (the baseline then counts those outlets only), and computed from sums over
-- a 14-day RANGE frame instead of a zero-filled calendar, which keeps it fast on large warehouses.
-- Parameters: $start DATE, $end DATE (NULL = first / last publication day), $entity VARCHAR (NULL =
--             every entity; id or name), $outlets VARCHAR[] (empty = all), $min_count INTEGER,
--             $min_ratio DOUBLE, $min_z DOUBLE (NULL = no z-score threshold), $limit, $offset INTEGER.
-- Mentions inside citations (type CITED) do not count (entity_timeline leaves them out).
WITH coverage AS (
    SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
           CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day
    FROM articles
),
bounds AS (
    SELECT greatest(coalesce(CAST($start AS DATE), first_day), first_day + 14) AS lo,
           coalesce(CAST($end AS DATE), last_day)                              AS hi
    FROM coverage
),
target AS (
    SELECT entity_id FROM entities WHERE entity_id = $entity OR lower(name) = lower($entity)
),
pairs AS (  -- every entity: the timeline (sorted by day); one entity: its index (sorted by entity)
    SELECT t.entity_id, t.day, t.outlet FROM entity_timeline t
    WHERE $entity IS NULL
      AND t.day >= coalesce(CAST($start AS DATE), DATE '1900-01-15') - 14
      AND t.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
    UNION ALL
    SELECT ea.entity_id, ea.day, ea.outlet FROM entity_articles ea
    WHERE $entity IS NOT NULL AND ea.entity_id IN (SELECT entity_id FROM target)
),
daily AS (
    SELECT p.entity_id, p.day, count(*) AS articles
    FROM pairs p, bounds b
    WHERE p.day BETWEEN b.lo - 14 AND b.hi
      AND (len($outlets) = 0 OR list_contains($outlets, p.outlet))
    GROUP BY p.entity_id, p.day
),
candidates AS (
    SELECT DISTINCT d.entity_id FROM daily d, bounds b WHERE d.articles >= $min_count AND d.day >= b.lo
),
scored AS (
    SELECT d.entity_id, d.day, d.articles,
           coalesce(sum(d.articles) OVER w, 0) / 14.0               AS mean,
           coalesce(sum(d.articles * d.articles) OVER w, 0) / 14.0  AS mean_square
    FROM daily d
    WHERE d.entity_id IN (SELECT entity_id FROM candidates)
    WINDOW w AS (PARTITION BY d.entity_id ORDER BY d.day
                 RANGE BETWEEN INTERVAL 14 DAY PRECEDING AND INTERVAL 1 DAY PRECEDING)
),
rated AS (
    SELECT s.*,
           sqrt(greatest(s.mean_square - s.mean * s.mean, 0))                        AS sd,
           (s.articles + 1) / (s.mean + 1)                                           AS ratio,
           (s.articles - s.mean) / greatest(sqrt(greatest(s.mean_square - s.mean * s.mean, 0)), 0.5) AS z
    FROM scored s, bounds b
    WHERE s.day BETWEEN b.lo AND b.hi AND s.articles >= $min_count
)
SELECT r.entity_id,
       e.name                 AS entity,
       e.type                 AS entity_type,
       r.day,
       r.articles,
       round(r.mean, 3)       AS baseline_mean,
       round(r.sd, 3)         AS baseline_sd,
       round(r.ratio, 2)      AS ratio,
       round(r.z, 2)          AS z_score,
       count(*) OVER ()       AS total
FROM rated r JOIN entities e USING (entity_id)
WHERE r.ratio >= $min_ratio AND ($min_z IS NULL OR r.z >= $min_z)
ORDER BY ratio DESC, r.articles DESC, r.day, r.entity_id
LIMIT $limit OFFSET $offset
