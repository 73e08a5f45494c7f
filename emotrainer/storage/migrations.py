"""The schema, as an ordered list of migration steps over ``PRAGMA user_version``.

Step N takes a database at version N-1 to version N inside one transaction.
Released steps are never edited: a change is a new step, and
tests/storage/fixtures holds a database of every released version so that
migrating each one is checked to give exactly the fresh schema with data intact.
"""

from __future__ import annotations

# Version 1: everything SPEC.md describes, so later features add little.
_V1 = """
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,            -- 'emotrainer-json', 'daylio-csv', ...
    file_name     TEXT NOT NULL,            -- base name only, never a full path
    file_sha256   TEXT NOT NULL,
    imported_utc  TEXT NOT NULL,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_skipped  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source, file_sha256)
) STRICT;

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'body_scan', 'unpack', 'grounding',
                                                'session_before', 'session_after', 'inventory')),
    at_utc        TEXT NOT NULL,
    offset_min    INTEGER NOT NULL CHECK (offset_min BETWEEN -1080 AND 1080),
    presence      INTEGER CHECK (presence BETWEEN 0 AND 10),
    words_state   TEXT NOT NULL DEFAULT 'named'
                  CHECK (words_state IN ('named', 'cant_tell', 'not_asked', 'skipped')),
    before_text   TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    pair_uuid     TEXT,
    pauses        INTEGER NOT NULL DEFAULT 0 CHECK (pauses >= 0),
    duration_s    INTEGER CHECK (duration_s >= 0),
    source        TEXT NOT NULL DEFAULT 'app',
    source_ref    TEXT,
    import_id     INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    updated_utc   TEXT NOT NULL
) STRICT;
CREATE INDEX entries_at ON entries (at_utc);
CREATE INDEX entries_kind_at ON entries (kind, at_utc);
CREATE UNIQUE INDEX entries_source_ref ON entries (source, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE labels (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    word_id       TEXT NOT NULL,
    intensity     INTEGER CHECK (intensity BETWEEN 0 AND 10),
    PRIMARY KEY (entry_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX labels_word ON labels (word_id);

CREATE TABLE body_marks (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    region        TEXT NOT NULL,
    sensations    TEXT NOT NULL,           -- space-separated sensation ids
    activity      INTEGER NOT NULL DEFAULT 0 CHECK (activity IN (-1, 0, 1)),
    intensity     INTEGER CHECK (intensity BETWEEN 0 AND 10),
    PRIMARY KEY (entry_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX body_marks_region ON body_marks (region);

CREATE TABLE entry_tags (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('situation', 'person')),
    text          TEXT NOT NULL,
    PRIMARY KEY (entry_id, kind, text)
) STRICT, WITHOUT ROWID;
CREATE INDEX entry_tags_text ON entry_tags (kind, text);

CREATE TABLE inventory_ratings (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    item          TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),
    PRIMARY KEY (entry_id, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_words (
    id            TEXT PRIMARY KEY,
    label         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition    TEXT NOT NULL,
    family_id     TEXT NOT NULL,
    valence       REAL CHECK (valence BETWEEN -1 AND 1),
    arousal       REAL CHECK (arousal BETWEEN 0 AND 1),
    created_utc   TEXT NOT NULL
) STRICT;

CREATE TABLE drafts (
    flow          TEXT PRIMARY KEY,        -- one unfinished draft per exercise kind
    step          INTEGER NOT NULL CHECK (step >= 0),
    answers_json  TEXT NOT NULL,
    started_utc   TEXT NOT NULL,
    updated_utc   TEXT NOT NULL
) STRICT;

CREATE TABLE srs_cards (
    id            INTEGER PRIMARY KEY,
    word_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,           -- 'definition_to_word', 'word_to_definition', ...
    state_json    TEXT NOT NULL,           -- the fsrs Card as its own dict
    due_utc       TEXT NOT NULL,
    stability     REAL,
    created_utc   TEXT NOT NULL,
    UNIQUE (word_id, kind)
) STRICT;
CREATE INDEX srs_cards_due ON srs_cards (due_utc);

CREATE TABLE srs_reviews (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES srs_cards (id) ON DELETE CASCADE,
    reviewed_utc  TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    answer        TEXT,
    duration_ms   INTEGER CHECK (duration_ms >= 0)
) STRICT;
CREATE INDEX srs_reviews_card ON srs_reviews (card_id, reviewed_utc);

CREATE TABLE homework_plans (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    plan_json     TEXT NOT NULL,           -- the validated .emohw document
    imported_utc  TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE homework_completions (
    plan_id       INTEGER NOT NULL REFERENCES homework_plans (id) ON DELETE CASCADE,
    task_index    INTEGER NOT NULL CHECK (task_index >= 0),
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, task_index, entry_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value_json    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
"""

# Version 2: each entry's local day, stored once at insert. The day is what
# every count by day or week reads (progress, History, Today); computing
# date(at_utc, offset) for every row on every read was most of the cost.
_V2 = """
ALTER TABLE entries ADD COLUMN local_day TEXT NOT NULL DEFAULT '';
UPDATE entries SET local_day = date(at_utc, offset_min || ' minutes');
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
LATEST_VERSION = len(MIGRATIONS)
