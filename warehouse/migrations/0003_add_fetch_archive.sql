-- The raw archive, retries across runs, and near-duplicate links.

-- Where each response is kept: a gzipped WARC file (relative to the archive folder) and the
-- byte offset of its record, so `mediamon reparse` rebuilds articles with no network.
ALTER TABLE fetches ADD COLUMN warc_file VARCHAR;
ALTER TABLE fetches ADD COLUMN warc_offset BIGINT;

-- When a failed URL may be tried again (exponential backoff across runs, bounded attempts).
ALTER TABLE url_state ADD COLUMN next_retry_at TIMESTAMPTZ;

-- Syndicated copies: the same text on two outlets is kept twice and linked here, not dropped.
CREATE TABLE near_duplicates (
    article_id    VARCHAR NOT NULL,   -- the later copy
    duplicate_of  VARCHAR NOT NULL,   -- the earlier article it copies
    distance      INTEGER NOT NULL,   -- Hamming distance of the 64-bit simhashes (0 = same text)
    detected_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, duplicate_of)
);

ALTER TABLE articles ADD COLUMN simhash BIGINT;
