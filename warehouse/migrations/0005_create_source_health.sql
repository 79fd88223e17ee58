-- Failure visibility: the health of each source across runs, and every alert raised about it.

-- One row per source, updated at the end of every ingest run that included it.
CREATE TABLE source_health (
    source                VARCHAR PRIMARY KEY,
    status                VARCHAR NOT NULL,   -- 'ok' | 'failing' | 'quiet' (no new articles)
    consecutive_failures  INTEGER NOT NULL,   -- runs in a row in which the source failed
    consecutive_quiet     INTEGER NOT NULL,   -- runs in a row that brought no new article
    runs                  INTEGER NOT NULL,   -- runs counted since the row was created
    last_run_id           VARCHAR,
    last_run_at           TIMESTAMPTZ,
    last_new_at           TIMESTAMPTZ,        -- the last run that brought a new article
    last_error            VARCHAR,            -- why the last failing run failed
    flagged_since         TIMESTAMPTZ,        -- when the current non-ok status began (NULL when ok)
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE source_alert_id_seq START 1;

-- Every change of status worth telling someone: a source flagged, or back to ok.
CREATE TABLE source_alerts (
    alert_id     BIGINT PRIMARY KEY DEFAULT nextval('source_alert_id_seq'),
    source       VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,            -- 'failing' | 'quiet' | 'recovered'
    consecutive  INTEGER NOT NULL,            -- the streak that raised it
    message      VARCHAR NOT NULL,
    raised_at    TIMESTAMPTZ NOT NULL,
    notified_at  TIMESTAMPTZ                  -- when the webhook accepted it (NULL: not sent)
);
