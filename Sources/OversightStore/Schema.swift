import GRDB

/// The schema, as named migrations. A migration that has shipped is frozen: change the
/// schema only by adding a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-organisations-users-matters-events") { db in
            try db.execute(sql: """
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE organisation (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE,
                    party TEXT NOT NULL CHECK (party IN ('procuratorate','justice','department','external','admin')),
                    domains TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE user_account (
                    name TEXT PRIMARY KEY NOT NULL,
                    display_name TEXT NOT NULL,
                    org_id TEXT NOT NULL REFERENCES organisation(id),
                    role TEXT NOT NULL CHECK (role IN ('handler','head','admin')),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
                );
                CREATE TABLE matter (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    number TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    domain TEXT NOT NULL,
                    from_org TEXT NOT NULL REFERENCES organisation(id),
                    to_org TEXT NOT NULL REFERENCES organisation(id),
                    subject_org TEXT REFERENCES organisation(id),
                    state TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    served_on TEXT,
                    due TEXT,
                    replied_on TEXT,
                    closed_on TEXT,
                    summary TEXT NOT NULL DEFAULT '',
                    variant TEXT,
                    urgent_amount INTEGER,
                    urgent_unit TEXT,
                    issued_on TEXT,
                    outcome TEXT
                );
                CREATE INDEX matter_from ON matter(from_org, due);
                CREATE INDEX matter_to ON matter(to_org, due);
                CREATE INDEX matter_subject ON matter(subject_org, due);
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    matter_id INTEGER REFERENCES matter(id),
                    on_date TEXT NOT NULL,
                    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    text TEXT NOT NULL DEFAULT '',
                    document_number TEXT,
                    state_after TEXT
                );
                CREATE INDEX event_matter ON event(matter_id, id);
                CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                """)
        }
        return m
    }
}
