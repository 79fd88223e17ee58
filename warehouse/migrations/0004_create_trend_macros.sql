-- The trend query library's read models (the macros themselves are no longer created here).
-- The table macros (entity_volume, spikes, …) are generated from warehouse/queries/<file>.sql and
-- (re)installed by warehouse.queries.install_macros every time the writer opens the warehouse
-- (warehouse.db.connect), so each query's SQL lives in one place; tests/warehouse/test_trend_library.py
-- checks that every macro returns exactly the rows of its file. Warehouses migrated before this
-- change had the macros created here; install_macros replaces them (CREATE OR REPLACE MACRO).

-- One row per (entity, dated article naming it) with the article's day and outlet; citations (type
-- CITED) left out. The index of every "articles about this entity" lookup and of every entity count
-- over a time window. Here they are views; in the published snapshot (warehouse/snapshot.py) both
-- are tables of the same rows, entity_articles sorted by entity and day, entity_timeline by day and
-- entity, so that a lookup or a window reads a few row groups, without a join.
CREATE VIEW entity_articles AS
SELECT DISTINCT m.entity_id, m.article_id, d.day, coalesce(d.outlet, d.source) AS outlet
FROM entity_mentions m
JOIN dated_articles d USING (article_id)
WHERE m.type <> 'CITED';

CREATE VIEW entity_timeline AS
SELECT entity_id, article_id, day, outlet FROM entity_articles;
