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
        m.registerMigration("v2-whole-domain-checked") { db in try migrateToV2(db) }
        m.registerMigration("v3-audit-chain") { db in try migrateToV3(db) }
        m.registerMigration("v4-ssh-keys") { db in try migrateToV4(db) }
        m.registerMigration("v5-drafts") { db in
            // A person's unsubmitted long texts, one per form and field. Not matter history: no event.
            try db.execute(sql: """
                CREATE TABLE draft (
                    user_name TEXT NOT NULL REFERENCES user_account(name),
                    target TEXT NOT NULL CHECK (target GLOB 'act:*:*' OR target GLOB 'new:*'),
                    field TEXT NOT NULL,
                    text TEXT NOT NULL CHECK (text <> ''),
                    saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                    PRIMARY KEY (user_name, target, field)
                );
                """)
        }
        m.registerMigration("v6-inbox-index") { db in try migrateToV6(db) }
        m.registerMigration("v7-text-index-on-change") { db in
            // The text index is rewritten only when the text changes: every step writes the matter's whole row,
            // and the trigger deleted and inserted all its trigrams each time.
            try db.execute(sql: """
                DROP TRIGGER matter_text_update;
                CREATE TRIGGER matter_text_update AFTER UPDATE OF number, title, summary ON matter
                WHEN old.number IS NOT new.number OR old.title IS NOT new.title OR old.summary IS NOT new.summary
                BEGIN
                    INSERT INTO matter_text (matter_text, rowid, number, title, summary)
                        VALUES ('delete', old.id, old.number, old.title, old.summary);
                    INSERT INTO matter_text (rowid, number, title, summary) VALUES (new.id, new.number, new.title, new.summary);
                END;
                """)
        }
        m.registerMigration("v8-drafts-for-their-sender") { db in
            // A matter not yet issued (a draft, or one withdrawn while a draft) is its sender's own business
            // (`AccessRule.unissued`): the inbox rows other organisations held for it go. The tally triggers count
            // each deleted row out. The write path puts their rows back when the draft is issued. (Frozen, as every
            // shipped migration: the rule as it stood then, written out; no read uses it.)
            try db.execute(sql: """
                DELETE FROM inbox_entry
                WHERE matter_id IN (
                    SELECT id FROM matter WHERE state = 'draft' OR (state = 'withdrawn' AND issued_on IS NULL))
                AND org_id <> (SELECT from_org FROM matter WHERE matter.id = inbox_entry.matter_id);
                """)
        }
        m.registerMigration("v9-document-sequence-from-the-log") { db in
            // Before v9 `document_sequence` kept only the numbers the sequence gave, so a number the case system
            // gave, once amended away, could be given again. The log holds every number ever written onto a matter
            // (each issue and amendment records it), and the matters the ones they carry: the sequence goes past all.
            let numbers = try String.fetchCursor(db, sql: """
                SELECT document_number FROM event WHERE document_number <> ''
                UNION SELECT number FROM matter WHERE number <> ''
                """)
            while let number = try numbers.next() { try Store.recordGiven(number, StoreConnection(db)) }
        }
        m.registerMigration("v10-matter-links") { db in try migrateToMatterLinks(db) }
        m.registerMigration("v11-organisation-active") { db in
            // An organisation an administrator disabled (`org disable`) stays with its matters and history; it gets no
            // new matters and its people cannot log in.
            try db.execute(sql: "ALTER TABLE organisation ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))")
        }
        m.registerMigration("v12-service-record") { db in
            // How a suggestion was served and the day of its receipt (Art. 8): on the matter, and on the `serve`
            // event that recorded them. Both outside the audit chain's version 1 (`AuditChain.unchainedEventColumns`).
            let methods = "'in-person','post','left','electronic'"
            for table in ["matter", "event"] {
                try db.execute(sql: """
                    ALTER TABLE \(table) ADD COLUMN service TEXT CHECK (service IS NULL OR service IN (\(methods)));
                    ALTER TABLE \(table) ADD COLUMN received_on TEXT CHECK \(isoDate("received_on", nullable: true));
                    """)
            }
        }
        m.registerMigration("v13-training-and-case-study") { db in try migrateToV13(db) }
        m.registerMigration("v15-sign-off") { db in try migrateToSignOff(db) }
        m.registerMigration("v16-invitees") { db in try Store.migrateToInvitees(db) }
        m.registerMigration("v17-plan-and-consultation") { db in try migrateToV17(db) }
        m.registerMigration("v18-need-to-know") { db in try Store.migrateToNeedToKnow(db) }
        // The planned days (a meeting's, an inspection's `scheduled_on`) the calendar marks, read by range.
        m.registerMigration("v19-planned-days") { db in
            try db.execute(sql: "CREATE INDEX matter_scheduled ON matter(scheduled_on) WHERE scheduled_on IS NOT NULL")
        }
        m.registerMigration("v20-calendars-and-rules") { db in try Store.migrateToClockData(db) }
        m.registerMigration("v21-counties") { db in try migrateToCounties(db) }
        m.registerMigration("v22-county-clock") { db in try Store.migrateToCountyClock(db) }
        return m
    }

    /// Counties as tenants (`County`): every organisation belongs to a county, or to a city above counties. A
    /// database that already holds organisations is the county of the standard organisations it was made with
    /// (`County.standard`, 文水县: `init` and the demo both make them); a new one gets its county from `init`
    /// (`Store.initialise`). Frozen: the standard county written out. An organisation's county must be one kept here:
    /// checked by triggers (SQLite adds no column with a foreign key and a default).
    static func migrateToCounties(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE county (
                id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                level TEXT NOT NULL CHECK (level IN ('county','city')),
                city TEXT REFERENCES county(id),
                CHECK (level = 'county' OR city IS NULL)
            );
            ALTER TABLE organisation ADD COLUMN county TEXT NOT NULL DEFAULT '';
            CREATE INDEX organisation_county ON organisation(county, id);
            """)
        if try OrganisationRecord.fetchCount(db) > 0 {
            try db.execute(sql: "INSERT INTO county (id, name, level) VALUES ('wenshui', '文水县', 'county')")
            try db.execute(sql: "UPDATE organisation SET county = 'wenshui'")
        }
        try db.execute(sql: """
            CREATE TRIGGER organisation_county_insert BEFORE INSERT ON organisation
            WHEN NOT EXISTS (SELECT 1 FROM county WHERE id = new.county)
            BEGIN SELECT RAISE(ABORT, 'an organisation belongs to a county the database keeps'); END;
            CREATE TRIGGER organisation_county_update BEFORE UPDATE OF county ON organisation
            WHEN NOT EXISTS (SELECT 1 FROM county WHERE id = new.county)
            BEGIN SELECT RAISE(ABORT, 'an organisation belongs to a county the database keeps'); END;
            """)
    }

    /// Sign-off (签发): an organisation's setting of the steps that need its head's decision (NULL: its party's
    /// default, '' none, else step names joined by commas), and the submissions waiting on, returned by or
    /// approved by a head. A submission is its organisation's alone: nothing of it reaches the matter or its log
    /// until it is approved, when the step is taken by the one write path and `event_id` names the event it wrote.
    /// At most one open (pending or returned) submission per matter, step and organisation.
    static func migrateToSignOff(_ db: Database) throws {
        // Frozen with the migration: every step but a note; the states of a submission.
        let steps = list(["issue", "serve", "accept", "decline", "object", "maintain", "reply", "check", "remind", "escalate",
                          "amend", "acknowledge", "close", "withdraw"])
        let states = list(["pending", "returned", "approved", "withdrawn"])
        try db.execute(sql: """
            ALTER TABLE organisation ADD COLUMN sign_off TEXT;
            CREATE TABLE submission (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                matter_id INTEGER NOT NULL REFERENCES matter(id),
                action TEXT NOT NULL CHECK (action IN (\(steps))),
                input TEXT NOT NULL CHECK (json_valid(input)),
                org TEXT NOT NULL REFERENCES organisation(id),
                submitted_by TEXT NOT NULL REFERENCES user_account(name),
                submitted_at TEXT NOT NULL CHECK \(isoDate("submitted_at", nullable: false)),
                state TEXT NOT NULL CHECK (state IN (\(states))),
                reason TEXT,
                decided_by TEXT REFERENCES user_account(name),
                decided_at TEXT CHECK \(isoDate("decided_at", nullable: true)),
                event_id INTEGER REFERENCES event(id),
                CHECK ((state = 'pending') = (decided_by IS NULL)),
                CHECK (state <> 'returned' OR reason IS NOT NULL),
                CHECK ((state = 'approved') = (event_id IS NOT NULL))
            );
            CREATE UNIQUE INDEX submission_open ON submission (matter_id, action, org) WHERE state IN ('pending', 'returned');
            CREATE INDEX submission_by_org ON submission (org, state, id);
            CREATE INDEX submission_by_event ON submission (event_id) WHERE event_id IS NOT NULL;
            """)
    }

    /// The kinds v17 added to the `kind` CHECK of `matter` (Art. 6: 法律政策咨询).
    static let v17Kinds = ["consultation"]

    /// v17 makes the matter table again with the wider kind list (as v13 did for the variants). The kind's list is
    /// found as v2 wrote it, wherever the table's other columns came from since.
    private static func migrateToV17(_ db: Database) throws {
        try remake("matter", as: "matter_v17", replacing: "kind IN (\(list(v2Kinds)))",
                   with: "kind IN (\(list(v2Kinds + v17Kinds)))", db)
    }

    /// SQLite cannot change a CHECK in place: `table` is made again under `temporary` with `old` replaced by `new`,
    /// its rows copied, renamed back, and its indexes and triggers made again from their own SQL. Foreign keys of other
    /// tables name it and find the new table under that name (GRDB checks them after the migration).
    static func remake(_ table: String, as temporary: String, replacing old: String, with new: String, _ db: Database) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) else {
            throw Store.Failure.cannotOpen(":\(table)", "no \(table) table to migrate")
        }
        guard let at = sql.range(of: old),
              let name = sql.range(of: "CREATE TABLE \"\(table)\"") ?? sql.range(of: "CREATE TABLE \(table)") else {
            throw Store.Failure.cannotOpen(":\(table)", "the \(table) table's check is not as v2 wrote it")
        }
        var wider = sql
        wider.replaceSubrange(at, with: new)
        wider.replaceSubrange(name, with: "CREATE TABLE \(temporary)")
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL
            ORDER BY type, name
            """, arguments: [table])
        try db.execute(sql: wider)
        try db.execute(sql: "INSERT INTO \(temporary) SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(temporary) RENAME TO \(table)")
        for sql in dependents { try db.execute(sql: sql) }
    }

    /// The variants v13 added to the `variant` CHECK of `matter` (Art. 6: 培训, 案例研讨, as meetings).
    static let v13Variants = ["training", "case-study"]

    /// v13 makes the matter table again with the wider variant list (`remake`).
    private static func migrateToV13(_ db: Database) throws {
        try remake("matter", as: "matter_v13", replacing: "variant IN (\(list(v2Variants)))",
                   with: "variant IN (\(list(v2Variants + v13Variants)))", db)
    }

    /// The inbox as an index: one row per matter and organisation that may see it, keyed by the matter's place in
    /// that organisation's inbox (`InboxOrder`), so an inbox is read a page at a time in order and its counts are
    /// ranges of one index; the write path keeps it in the same transaction as the matter. And the matters' text
    /// (number, title, summary) in an FTS5 trigram index, for substrings in any script; triggers keep it.
    private static func migrateToV6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE inbox_entry (
                org_id TEXT NOT NULL REFERENCES organisation(id),
                sort_key TEXT NOT NULL,
                matter_id INTEGER NOT NULL REFERENCES matter(id),
                PRIMARY KEY (org_id, sort_key)
            ) WITHOUT ROWID;
            CREATE INDEX inbox_entry_matter ON inbox_entry(matter_id);
            -- How many rows each organisation has in each group of its inbox (0 waiting on it, 1 open, 2 ended),
            -- kept by the index's own triggers: the title line's counts are read, not counted.
            CREATE TABLE inbox_tally (
                org_id TEXT NOT NULL,
                grp INTEGER NOT NULL CHECK (grp IN (0, 1, 2)),
                n INTEGER NOT NULL CHECK (n >= 0),
                PRIMARY KEY (org_id, grp)
            ) WITHOUT ROWID;
            CREATE TRIGGER inbox_tally_insert AFTER INSERT ON inbox_entry BEGIN
                INSERT INTO inbox_tally (org_id, grp, n) VALUES (new.org_id, CAST(substr(new.sort_key, 1, 1) AS INTEGER), 1)
                    ON CONFLICT (org_id, grp) DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER inbox_tally_delete AFTER DELETE ON inbox_entry BEGIN
                UPDATE inbox_tally SET n = n - 1 WHERE org_id = old.org_id AND grp = CAST(substr(old.sort_key, 1, 1) AS INTEGER);
            END;
            CREATE VIRTUAL TABLE matter_text USING fts5(
                number, title, summary, content='matter', content_rowid='id', tokenize='trigram');
            CREATE TRIGGER matter_text_insert AFTER INSERT ON matter BEGIN
                INSERT INTO matter_text (rowid, number, title, summary) VALUES (new.id, new.number, new.title, new.summary);
            END;
            CREATE TRIGGER matter_text_update AFTER UPDATE OF number, title, summary ON matter BEGIN
                INSERT INTO matter_text (matter_text, rowid, number, title, summary)
                    VALUES ('delete', old.id, old.number, old.title, old.summary);
                INSERT INTO matter_text (rowid, number, title, summary) VALUES (new.id, new.number, new.title, new.summary);
            END;
            CREATE TRIGGER matter_text_delete AFTER DELETE ON matter BEGIN
                INSERT INTO matter_text (matter_text, rowid, number, title, summary)
                    VALUES ('delete', old.id, old.number, old.title, old.summary);
            END;
            INSERT INTO matter_text (matter_text) VALUES ('rebuild');
            """)
        try InboxIndex.rebuild(StoreConnection(db))
    }

    /// The names a frozen migration wrote into its CHECK constraints. A test compares them with the
    /// domain's cases: a new case needs a new migration.
    static let v2Kinds = ["suggestion", "transfer", "inspection", "referral", "dispute", "enforcement-copy",
                          "supervision-application", "joint-inspection", "meeting"]
    static let v2States = ["draft", "issued", "served", "in-progress", "objected", "replied", "escalated", "closed", "withdrawn"]
    static let v2Domains = ["ecology", "land", "state-assets", "food-drug", "transport", "culture-tourism", "labour", "construction", "other"]
    static let v2Variants = ["public-interest", "general-problem", "normative-document", "annual-plan", "exchange",
                             "case-notification", "information-sharing"]
    static let v2Outcomes = ["adopted", "partly", "rejected", "rectified", "inadequate", "resolved", "unresolved",
                             "supported", "not-supported", "declined"]
    static let v2Escalations = ["report-upper", "notify-superior", "report-committee", "notify-government", "refer-clue", "litigation"]
    static let v2MatterActions = ["create", "issue", "serve", "accept", "decline", "object", "maintain", "reply", "check",
                                  "remind", "escalate", "amend", "acknowledge", "close", "withdraw", "note"]
    static let v2Units = ["months", "days", "workdays"]

    private static func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ",") }

    /// `column` holds an ISO date (YYYY-MM-DD that SQLite reads back as the same day), or NULL when allowed.
    private static func isoDate(_ column: String, nullable: Bool) -> String {
        let check = "(\(column) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(\(column)) = \(column))"
        return nullable ? "(\(column) IS NULL OR \(check))" : check
    }

    /// Every field of every matter and event the domain has, each checked; a per-matter version; copies in a
    /// table of their own (so the visibility filter can use them); document sequences that never go back.
    private static func migrateToV2(_ db: Database) throws {
        let demoCodes: [(String, String)] = [
            ("jcy", "文检"), ("sfj", "文司"), ("hbj", "文环"), ("zrzyj", "文自然"), ("nyj", "文能源"), ("scjgj", "文市监"),
            ("wjj", "文卫健"), ("ybj", "文医保"), ("rsj", "文人社"), ("mzj", "文民政"), ("jtj", "文交运"), ("wlj", "文文旅"),
            ("zjj", "文住建"), ("yjj", "文应急"), ("slj", "文水利"), ("nyncj", "文农业"), ("czj", "文财政"), ("cgj", "文城管"),
            ("jw", "文纪"), ("fy", "文法"),
        ]
        try db.execute(sql: "ALTER TABLE organisation ADD COLUMN code TEXT NOT NULL DEFAULT ''")
        // A demo database made before codes existed gets the demo's codes, so it can go on issuing numbers.
        if try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'") == "1" {
            for (id, code) in demoCodes {
                try db.execute(sql: "UPDATE organisation SET code = ? WHERE id = ?", arguments: [code, id])
            }
        }
        try db.execute(sql: """
            CREATE TABLE matter_v2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                number TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN (\(list(v2Kinds)))),
                title TEXT NOT NULL CHECK (title <> ''),
                domain TEXT NOT NULL CHECK (domain IN (\(list(v2Domains)))),
                from_org TEXT NOT NULL REFERENCES organisation(id),
                to_org TEXT NOT NULL REFERENCES organisation(id),
                subject_org TEXT REFERENCES organisation(id),
                state TEXT NOT NULL CHECK (state IN (\(list(v2States)))),
                created_on TEXT NOT NULL CHECK \(isoDate("created_on", nullable: false)),
                issued_on TEXT CHECK \(isoDate("issued_on", nullable: true)),
                served_on TEXT CHECK \(isoDate("served_on", nullable: true)),
                due TEXT CHECK \(isoDate("due", nullable: true)),
                replied_on TEXT CHECK \(isoDate("replied_on", nullable: true)),
                closed_on TEXT CHECK \(isoDate("closed_on", nullable: true)),
                scheduled_on TEXT CHECK \(isoDate("scheduled_on", nullable: true)),
                summary TEXT NOT NULL DEFAULT '',
                variant TEXT CHECK (variant IS NULL OR variant IN (\(list(v2Variants)))),
                urgent_amount INTEGER CHECK (urgent_amount IS NULL OR urgent_amount > 0),
                urgent_unit TEXT CHECK (urgent_unit IS NULL OR urgent_unit IN (\(list(v2Units)))),
                outcome TEXT CHECK (outcome IS NULL OR outcome IN (\(list(v2Outcomes)))),
                rectification TEXT CHECK (rectification IS NULL OR rectification IN ('rectified','inadequate')),
                escalations TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
                CHECK ((urgent_amount IS NULL) = (urgent_unit IS NULL))
            );
            INSERT INTO matter_v2 (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on,
                issued_on, served_on, due, replied_on, closed_on, summary, variant, urgent_amount, urgent_unit, outcome, version)
            SELECT id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on,
                issued_on, served_on, due, replied_on, closed_on, summary, variant, urgent_amount, urgent_unit, outcome,
                MAX(1, (SELECT COUNT(*) FROM event WHERE event.matter_id = matter.id))
            FROM matter;
            CREATE TABLE matter_copy (
                matter_id INTEGER NOT NULL REFERENCES matter_v2(id),
                org_id TEXT NOT NULL REFERENCES organisation(id),
                PRIMARY KEY (matter_id, org_id)
            );
            CREATE INDEX matter_copy_org ON matter_copy(org_id, matter_id);

            CREATE TABLE event_v2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                matter_id INTEGER REFERENCES matter_v2(id),
                on_date TEXT NOT NULL CHECK \(isoDate("on_date", nullable: false)),
                recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                document_number TEXT,
                state_after TEXT CHECK (state_after IS NULL OR state_after IN (\(list(v2States)))),
                outcome TEXT CHECK (outcome IS NULL OR outcome IN (\(list(v2Outcomes)))),
                escalation TEXT CHECK (escalation IS NULL OR escalation IN (\(list(v2Escalations)))),
                due_after TEXT CHECK \(isoDate("due_after", nullable: true)),
                -- A matter's event is one of its workflow's steps and records the state it left; a system
                -- event (people, organisations, seeding) belongs to no matter.
                CHECK (matter_id IS NULL OR (action IN (\(list(v2MatterActions))) AND state_after IS NOT NULL))
            );
            INSERT INTO event_v2 (id, matter_id, on_date, recorded_at, actor, action, text, document_number, state_after)
            SELECT id, matter_id, on_date, recorded_at, actor, action, text, document_number, state_after FROM event;

            DROP TABLE event;
            DROP TABLE matter;
            ALTER TABLE matter_v2 RENAME TO matter;
            ALTER TABLE event_v2 RENAME TO event;
            CREATE UNIQUE INDEX matter_number ON matter(number) WHERE number <> '';
            CREATE INDEX matter_from ON matter(from_org, due);
            CREATE INDEX matter_to ON matter(to_org, due);
            CREATE INDEX matter_subject ON matter(subject_org, due);
            CREATE INDEX event_matter ON event(matter_id, id);
            CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
            CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

            -- The last sequence number given out per document prefix and year: numbers are never reused.
            CREATE TABLE document_sequence (
                prefix TEXT NOT NULL,
                year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
                last INTEGER NOT NULL CHECK (last > 0),
                PRIMARY KEY (prefix, year)
            ) WITHOUT ROWID;
            """)
    }

    /// The SSH public keys by which people log in (one key belongs to one person); `oversight key add`
    /// derives a key's `authorized_keys` line from its row.
    private static func migrateToV4(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE ssh_key (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_name TEXT NOT NULL REFERENCES user_account(name),
                key_type TEXT NOT NULL CHECK (key_type IN ('ssh-ed25519','ecdsa-sha2-nistp256','ecdsa-sha2-nistp384','ecdsa-sha2-nistp521','ssh-rsa')),
                base64 TEXT NOT NULL UNIQUE CHECK (base64 <> ''),
                fingerprint TEXT NOT NULL UNIQUE CHECK (fingerprint GLOB 'SHA256:*'),
                comment TEXT NOT NULL DEFAULT '',
                added_on TEXT NOT NULL CHECK \(isoDate("added_on", nullable: false)),
                added_by TEXT NOT NULL
            );
            CREATE INDEX ssh_key_user ON ssh_key(user_name, id);
            """)
    }

    /// The hash chain over the event log (AuditChain): every event gets `prev_hash`, `hash` and, for a matter's
    /// event, `matter_digest`; the events already there are chained in id order. The append-only triggers are
    /// dropped for the backfill and made again as v2 made them. (An event written by another program without its hash
    /// is not refused: `audit verify` names it.)
    private static func migrateToV3(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE event ADD COLUMN matter_digest TEXT CHECK (matter_digest IS NULL OR length(matter_digest) = 64);
            ALTER TABLE event ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
            ALTER TABLE event ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
            DROP TRIGGER IF EXISTS event_no_update;
            DROP TRIGGER IF EXISTS event_no_delete;
            """)
        try AuditChain.backfill(StoreConnection(db))
        try db.execute(sql: """
            CREATE TRIGGER event_no_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
            CREATE TRIGGER event_no_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
            """)
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('audit_backfilled_through', ?)",
                       arguments: [String(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0)])
    }
}
