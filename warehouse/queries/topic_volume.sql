-- Number of articles tagged with a topic (or any of its narrower codes) per period.
-- Parameters: $code VARCHAR (e.g. 'medtop:06000000'), $grain VARCHAR ('day' | 'week' | 'month'),
--             $min_score DOUBLE.
WITH tagged AS (
    SELECT DISTINCT t.article_id
    FROM article_topics t
    LEFT JOIN topics tp ON tp.code = t.code
    WHERE (t.code = $code OR tp.parent = $code) AND t.score >= $min_score
)
SELECT CAST(date_trunc($grain, d.day) AS DATE) AS period,
       count(*)                                AS articles
FROM dated_articles d
JOIN tagged USING (article_id)
GROUP BY period
ORDER BY period
