-- Share of voice: of the articles that mention any of the given entities in a period, the share
-- that mention each one (an article naming two of them counts for both, so shares can sum past 1;
-- `share` divides by the sum of the entities' counts, `share_of_articles` by the articles).
-- Parameters: $entities VARCHAR[] (ids or names, case-insensitive), $grain VARCHAR, $start DATE,
--             $end DATE (NULL = first / last publication day), $outlets VARCHAR[] (empty = all).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
WITH bounds AS (
    SELECT coalesce(CAST($start AS DATE), c.first_day) AS lo, coalesce(CAST($end AS DATE), c.last_day) AS hi
    FROM (SELECT CAST(timezone('UTC', min(published_at)) AS DATE) AS first_day,
            CAST(timezone('UTC', max(published_at)) AS DATE) AS last_day FROM articles) AS c
),
target AS (
    SELECT DISTINCT e.entity_id, e.name
    FROM entities e
    WHERE list_contains($entities, e.entity_id)
       OR lower(e.name) IN (SELECT lower(unnest($entities)))
),
hits AS (  -- no DISTINCT: entity_articles holds an (entity, article) once, and target an entity once
    SELECT CAST(date_trunc($grain, ea.day) AS DATE) AS period, ea.entity_id, ea.article_key
    FROM entity_articles ea, bounds b
    WHERE ea.entity_id IN (SELECT entity_id FROM target)
      AND ea.day BETWEEN b.lo AND b.hi
      AND (len($outlets) = 0 OR list_contains($outlets, ea.outlet))
),
counted AS (
    SELECT period, entity_id, count(*) AS articles FROM hits GROUP BY ALL
),
totals AS (
    SELECT period, count(DISTINCT article_key) AS any_articles FROM hits GROUP BY ALL  -- integers: cheap
)
SELECT c.period,
       c.entity_id,
       t.name                                                              AS entity,
       c.articles,
       round(c.articles / sum(c.articles) OVER (PARTITION BY c.period), 4) AS share,
       round(c.articles / tt.any_articles, 4)                              AS share_of_articles
FROM counted c
JOIN target t USING (entity_id)
JOIN totals tt USING (period)
ORDER BY c.period, c.articles DESC, entity
