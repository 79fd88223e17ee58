-- Top entities in a window ending at $end_day (inclusive), with change against the previous window.
-- Parameters: $end_day DATE, $days INTEGER, $limit INTEGER, $entity_types VARCHAR[] (empty = all).
WITH windowed AS (
    SELECT ae.entity_id, ae.entity, ae.entity_type, d.article_id,
           d.day > CAST($end_day AS DATE) - CAST($days AS INTEGER) AS current_window
    FROM article_entities ae
    JOIN dated_articles d USING (article_id)
    WHERE d.day <= CAST($end_day AS DATE)
      AND d.day > CAST($end_day AS DATE) - 2 * CAST($days AS INTEGER)
      AND (len($entity_types) = 0 OR list_contains($entity_types, ae.entity_type))
)
SELECT entity_id,
       any_value(entity)                                    AS entity,
       any_value(entity_type)                               AS entity_type,
       count(DISTINCT article_id) FILTER (current_window)       AS articles,
       count(DISTINCT article_id) FILTER (NOT current_window)   AS previous_articles,
       count(DISTINCT article_id) FILTER (current_window)
         - count(DISTINCT article_id) FILTER (NOT current_window) AS change
FROM windowed
GROUP BY entity_id
HAVING count(DISTINCT article_id) FILTER (current_window) > 0
ORDER BY articles DESC, entity
LIMIT $limit
