-- Views that make the common trend questions one SELECT away for any DuckDB client.

-- One row per (article, canonical entity) with its mention count: the unit of "volume".
-- Mentions inside parenthetical citations ("(BelTA, July 6)", type CITED) name a source, not a
-- subject of the article, so they do not count here; they stay in entity_mentions.
CREATE VIEW article_entities AS
SELECT m.article_id,
       m.entity_id,
       any_value(e.name)  AS entity,
       any_value(e.type)  AS entity_type,
       count(*)           AS mentions,
       bool_or(m.in_title) AS in_title
FROM entity_mentions m
JOIN entities e USING (entity_id)
WHERE m.type <> 'CITED'
GROUP BY m.article_id, m.entity_id;

-- Articles with their publication day, the time axis of every trend query.
CREATE VIEW dated_articles AS
SELECT a.id AS article_id,
       a.source,
       a.outlet,
       a.title,
       a.url,
       a.published_at,
       CAST(timezone('UTC', a.published_at) AS DATE) AS day
FROM articles a
WHERE a.published_at IS NOT NULL;
