-- The articles behind any point of a chart: published from $start to $end that mention every entity
-- in $entities, carry $topic (or a direct narrower code), match the watch topic $watch, have the
-- keyphrase $phrase (case-insensitive) and come from one of $outlets. Every filter is optional.
-- Parameters: $start DATE, $end DATE (NULL = open), $entities VARCHAR[] (ids or names; empty = any),
--             $topic VARCHAR, $watch VARCHAR, $phrase VARCHAR (NULL = any), $outlets VARCHAR[]
--             (empty = all), $limit INTEGER, $offset INTEGER. Newest first.
-- Columns: ..., total = the number of matching articles before LIMIT/OFFSET (for pagination).
-- Mentions inside citations (type CITED) do not count (entity_articles leaves them out).
-- Read models: articles are handled by their INTEGER article_key (article_keys numbers the dated
-- articles newest first, so "newest first" is "by key"). With entities, the candidates come from
-- entity_articles (sorted by entity) alone: the articles of the reference naming the fewest
-- (entity_keys counts them) seed the match, and only those are grouped by key and checked for the
-- other references. Only the page's rows are then looked up in articles.
WITH refs AS (
    SELECT ref, CAST(row_number() OVER (ORDER BY ref) AS INTEGER) AS ref_no
    FROM (SELECT DISTINCT unnest($entities) AS ref)
),
targets AS (
    SELECT DISTINCT r.ref_no, e.entity_id
    FROM refs r JOIN entities e ON e.entity_id = r.ref OR lower(e.name) = lower(r.ref)
),
rarest AS (  -- the reference naming the fewest articles (entity_keys counts them)
    SELECT r.ref_no
    FROM refs r LEFT JOIN targets t USING (ref_no) LEFT JOIN entity_keys k USING (entity_id)
    GROUP BY r.ref_no
    ORDER BY coalesce(sum(k.articles), 0), r.ref_no
    LIMIT 1
),
seed AS MATERIALIZED (  -- its articles: only these can name every reference
    SELECT DISTINCT ea.article_key
    FROM entity_articles ea
    WHERE ea.entity_id IN (SELECT t.entity_id FROM targets t JOIN rarest USING (ref_no))
      AND ea.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
      AND ea.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
),
named AS MATERIALIZED (  -- grouped by INTEGER keys (no DISTINCT aggregate): cheap even for two frequent entities
    SELECT article_key, any_value(article_id) AS article_id
    FROM (SELECT ea.article_key, t.ref_no, any_value(ea.article_id) AS article_id
          FROM entity_articles ea
          JOIN targets t USING (entity_id)
          WHERE ea.entity_id IN (SELECT entity_id FROM targets)  -- a semi-join filter prunes row groups; the join alone does not
            AND ea.article_key IN (SELECT article_key FROM seed)
            AND ea.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
            AND ea.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
            AND (len($outlets) = 0 OR list_contains($outlets, ea.outlet))
          GROUP BY ea.article_key, t.ref_no)
    GROUP BY article_key
    HAVING count(*) = (SELECT count(*) FROM refs)
),
candidates AS (
    SELECT n.article_key, n.article_id FROM named n WHERE len($entities) > 0
    UNION ALL
    SELECT k.article_key, k.article_id
    FROM article_keys k
    WHERE len($entities) = 0
      AND k.day >= coalesce(CAST($start AS DATE), DATE '1900-01-01')
      AND k.day <= coalesce(CAST($end AS DATE), DATE '2999-12-30')
      AND (len($outlets) = 0 OR list_contains($outlets, k.outlet))
),
topical AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t LEFT JOIN topics tp ON tp.code = t.code
    WHERE t.code = $topic OR tp.parent = $topic
),
watched AS (
    SELECT DISTINCT article_id FROM article_watch WHERE watch = $watch
),
phrased AS (
    SELECT DISTINCT article_id FROM article_keyphrases WHERE lower(phrase) = lower($phrase)
),
page AS MATERIALIZED (
    SELECT c.article_key, c.article_id, count(*) OVER () AS total
    FROM candidates c
    WHERE ($topic IS NULL OR c.article_id IN (SELECT article_id FROM topical))
      AND ($watch IS NULL OR c.article_id IN (SELECT article_id FROM watched))
      AND ($phrase IS NULL OR c.article_id IN (SELECT article_id FROM phrased))
    ORDER BY c.article_key
    LIMIT $limit OFFSET $offset
),
timed AS (  -- the page's time range, from article_keys (sorted by key: a few row groups)
    SELECT min(k.published_at) AS lo, max(k.published_at) AS hi
    FROM article_keys k
    WHERE k.article_key BETWEEN (SELECT min(article_key) FROM page) AND (SELECT max(article_key) FROM page)
)
SELECT d.article_id,
       d.published_at,
       d.day,
       coalesce(d.outlet, d.source) AS outlet,
       d.source,
       d.title,
       d.url,
       p.total
FROM page p
JOIN dated_articles d USING (article_id), timed
WHERE d.published_at BETWEEN timed.lo AND timed.hi
ORDER BY p.article_key
