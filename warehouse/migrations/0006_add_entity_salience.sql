-- Per article and entity: how many times it is mentioned and how salient it is there.
-- salience = 0.5 if named in the title + 0.3 if named in the lead (the first paragraph of the
-- body) + 0.2 * its mentions relative to the article's most-mentioned entity (citations excluded),
-- so 1.0 is the most-mentioned entity, named in the title and the lead; a passing mention scores
-- near 0.
CREATE OR REPLACE VIEW article_entities AS
WITH subject AS (
    SELECT m.*, a.body
    FROM entity_mentions m JOIN articles a ON a.id = m.article_id
    WHERE m.type <> 'CITED'
),
lead_end AS (
    SELECT id AS article_id,
           CASE WHEN strpos(body, chr(10) || chr(10)) > 0 THEN strpos(body, chr(10) || chr(10)) - 1
                ELSE length(body) END AS lead_chars
    FROM articles
),
per_entity AS (
    SELECT article_id, entity_id, count(*) AS n FROM subject GROUP BY article_id, entity_id
),
totals AS (
    SELECT article_id, max(n) AS top_mentions FROM per_entity GROUP BY article_id
)
SELECT s.article_id,
       s.entity_id,
       any_value(e.name)   AS entity,
       any_value(e.type)   AS entity_type,
       count(*)            AS mentions,
       bool_or(s.in_title) AS in_title,
       bool_or(NOT s.in_title AND s.end_char <= l.lead_chars) AS in_lead,
       round(0.5 * CAST(bool_or(s.in_title) AS INTEGER)
             + 0.3 * CAST(bool_or(NOT s.in_title AND s.end_char <= l.lead_chars) AS INTEGER)
             + 0.2 * count(*) / any_value(t.top_mentions), 3) AS salience
FROM subject s
JOIN entities e USING (entity_id)
JOIN lead_end l USING (article_id)
JOIN totals t USING (article_id)
GROUP BY s.article_id, s.entity_id;
