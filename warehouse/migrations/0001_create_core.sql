-- Core tables: sources, fetch attempts, articles and their versions, entities, topics.
-- Timestamps are TIMESTAMPTZ (UTC on write). Lists are VARCHAR[] so SQL users can UNNEST them.

CREATE TABLE sources (
    name        VARCHAR PRIMARY KEY,
    outlet      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,           -- 'demo' or 'web'
    homepage    VARCHAR NOT NULL,
    feeds       VARCHAR[] NOT NULL,
    sitemaps    VARCHAR[] NOT NULL,
    language    VARCHAR,
    region      VARCHAR,
    enabled     BOOLEAN NOT NULL,
    schedule    VARCHAR,                    -- 'interval 15m' or 'cron 0 */6 * * *'
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE fetch_id_seq START 1;

-- Every fetch attempt, successful or not: the audit trail of the fetch stage.
CREATE TABLE fetches (
    fetch_id       BIGINT PRIMARY KEY DEFAULT nextval('fetch_id_seq'),
    run_id         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    final_url      VARCHAR,
    status         INTEGER,                 -- HTTP status; NULL when no response arrived
    outcome        VARCHAR NOT NULL,        -- new | updated | unchanged | not_modified | failed | parse_failed | not_article
    error          VARCHAR,                 -- the reason, for failed / parse_failed / not_article
    duration_ms    DOUBLE,
    bytes          BIGINT,
    content_type   VARCHAR,
    etag           VARCHAR,
    last_modified  VARCHAR,
    content_hash   VARCHAR,
    article_id     VARCHAR,
    redirects      VARCHAR[],
    fetched_at     TIMESTAMPTZ NOT NULL
);

-- Latest known state per URL: conditional-GET validators and failure bookkeeping.
CREATE TABLE url_state (
    url            VARCHAR PRIMARY KEY,
    source         VARCHAR NOT NULL,
    etag           VARCHAR,
    last_modified  VARCHAR,
    content_hash   VARCHAR,
    article_id     VARCHAR,
    last_status    INTEGER,
    last_outcome   VARCHAR NOT NULL,
    last_error     VARCHAR,
    failures       INTEGER NOT NULL DEFAULT 0,
    last_fetched_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE articles (
    id                VARCHAR PRIMARY KEY,  -- sha256(normalised canonical url)[:16]
    url               VARCHAR NOT NULL,
    canonical_url     VARCHAR NOT NULL,
    source            VARCHAR NOT NULL,
    outlet            VARCHAR,
    publication       VARCHAR,
    title             VARCHAR NOT NULL,
    subtitle          VARCHAR,
    series            VARCHAR,
    part              INTEGER,
    authors           VARCHAR[] NOT NULL,
    author_affiliations VARCHAR[] NOT NULL,
    published_at      TIMESTAMPTZ,
    published_source  VARCHAR,
    modified_at       TIMESTAMPTZ,
    modified_source   VARCHAR,
    language          VARCHAR,
    section           VARCHAR,
    tags              VARCHAR[] NOT NULL,
    categories        VARCHAR[] NOT NULL,
    volume            VARCHAR,
    issue             VARCHAR,
    summary           VARCHAR,
    body              VARCHAR NOT NULL,
    word_count        INTEGER NOT NULL,
    image_url         VARCHAR,
    content_hash      VARCHAR NOT NULL,
    parser            VARCHAR NOT NULL,
    parser_version    VARCHAR NOT NULL,
    tagger_version    VARCHAR,
    version           INTEGER NOT NULL,     -- 1, then +1 each time the content changes
    first_seen        TIMESTAMPTZ NOT NULL,
    last_seen         TIMESTAMPTZ NOT NULL
);

-- Earlier contents of articles whose text changed (the current one is in articles).
CREATE TABLE article_versions (
    article_id     VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    content_hash   VARCHAR NOT NULL,
    title          VARCHAR NOT NULL,
    body           VARCHAR NOT NULL,
    replaced_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_links (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    url         VARCHAR NOT NULL,
    anchor_text VARCHAR
    -- rows are replaced per article by the loader (delete, then insert)
);

CREATE TABLE cited_sources (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    date_text   VARCHAR,
    raw         VARCHAR NOT NULL
    -- rows are replaced per article by the loader (delete, then insert)
);

CREATE TABLE entities (
    entity_id    VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    type         VARCHAR NOT NULL,
    aliases      VARCHAR[] NOT NULL,
    wikidata_id  VARCHAR,
    first_seen   TIMESTAMPTZ NOT NULL
);

CREATE TABLE entity_mentions (
    article_id  VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    surface     VARCHAR NOT NULL,           -- the text as written in the article
    type        VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,           -- offsets into articles.body (or title when in_title)
    end_char    INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    in_title    BOOLEAN NOT NULL
    -- rows are replaced per article by the loader (delete, then insert)
);

CREATE TABLE topics (
    code    VARCHAR PRIMARY KEY,            -- e.g. 'medtop:11000000'
    label   VARCHAR NOT NULL,
    scheme  VARCHAR NOT NULL,
    level   INTEGER NOT NULL,
    parent  VARCHAR
);

CREATE TABLE article_topics (
    article_id  VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    scheme      VARCHAR NOT NULL
    -- rows are replaced per article by the loader (delete, then insert)
);

CREATE TABLE article_watch (
    article_id  VARCHAR NOT NULL,
    watch       VARCHAR NOT NULL,
    terms       VARCHAR[] NOT NULL
    -- rows are replaced per article by the loader (delete, then insert)
);

CREATE TABLE article_keyphrases (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    phrase      VARCHAR NOT NULL
    -- rows are replaced per article by the loader (delete, then insert)
);

-- One row per ingest run, with per-source counts.
CREATE TABLE runs (
    run_id       VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    discovered   INTEGER NOT NULL,
    new          INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    failed       INTEGER NOT NULL,
    PRIMARY KEY (run_id, source)
);
