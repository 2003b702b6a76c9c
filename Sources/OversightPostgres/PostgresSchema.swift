import OversightStore

/// A county's part of the shared PostgreSQL database: a schema `county_<id>` holding the store's tables as this
/// version's SQLite migrations make them (`StoreShape`: the same columns, keys, defaults and indexes), what SQLite's
/// triggers do as PostgreSQL triggers (the event log and the links append-only, the inbox's tallies, an
/// organisation's county), the ids the database gives from a sequence, and the matters' text indexed by trigrams
/// (`pg_trgm`) where SQLite has FTS5. `grdb_migrations` records the migrations by SQLite's names, so a session of
/// another version knows what it has before it reads anything.
enum PostgresSchema {
    static func schema(_ county: String) -> String { "county_" + county }

    static var migrations: [String] { StoreShape.current.migrations }

    /// The dialect's knowledge of the tables: their keys and those whose ids the database gives.
    static let dialect: PostgresDialect = {
        let shape = StoreShape.current
        return PostgresDialect(
            keys: Dictionary(uniqueKeysWithValues: shape.tables.map { ($0.name, $0.key) }),
            rowIDTables: Set(shape.tables.filter(\.givesID).map(\.name)))
    }()

    /// The migrations county `county`'s schema records, or nil when the database holds no such county.
    static func applied(_ county: String, _ session: PostgresSession) throws -> Set<String>? {
        let table = PostgresSession.identifier(schema(county)) + ".grdb_migrations"
        guard try session.rows("SELECT (to_regclass($1) IS NOT NULL)::text", [table]).first?.first == "true" else { return nil }
        return Set(try session.rows("SELECT identifier FROM \(table)").compactMap { $0.first ?? nil })
    }

    /// Makes county `county`'s schema, empty but for its migrations' names (inside the caller's transaction), as this
    /// version makes it (or as the version that made `shape` did: a test's older part). A county that is there
    /// already is refused.
    /// `notices`: with the triggers that say who a commit concerns (`createNotices`); a move makes them after its
    /// rows are in, which concern nobody.
    static func create(_ county: String, _ session: PostgresSession, shape: StoreShape = .current, notices: Bool = true) throws {
        let name = PostgresSession.identifier(schema(county))
        try session.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        try session.execute("CREATE SCHEMA \(name)")
        try session.execute("SET LOCAL search_path TO \(name), public")
        for table in shape.tables {
            var parts = table.columns.map { c in
                "\(q(c.name)) \(type(c.declared))" + (c.notNull ? " NOT NULL" : "") + (c.defaultSQL.map { " DEFAULT \(defaultSQL($0))" } ?? "")
            }
            // SQLite's row id, which the store orders some lists by (the order rows were written in): the id itself
            // where the key is one, else a number from a sequence.
            if table.givesID {
                parts.append("rowid bigint GENERATED ALWAYS AS (id) STORED")
            } else {
                try session.execute("CREATE SEQUENCE \(q(table.name + "_rowid"))")
                parts.append("rowid bigint NOT NULL DEFAULT nextval('\(table.name)_rowid')")
            }
            if !table.key.isEmpty { parts.append("PRIMARY KEY (\(table.key.map(q).joined(separator: ", ")))") }
            try session.execute("CREATE TABLE \(q(table.name)) (\(parts.joined(separator: ", ")))")
            if table.givesID {
                try session.execute("CREATE SEQUENCE \(q(table.name + "_id"))")
                try session.execute("""
                    CREATE FUNCTION \(q(table.name + "_id"))() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                    BEGIN IF NEW.id IS NULL THEN NEW.id := nextval('\(table.name)_id'); END IF; RETURN NEW; END $$
                    """)
                try session.execute("""
                    CREATE TRIGGER \(q(table.name + "_id")) BEFORE INSERT ON \(q(table.name)) FOR EACH ROW EXECUTE FUNCTION \(q(table.name + "_id"))()
                    """)
            }
        }
        for index in shape.indexes { try session.execute(index) }
        // What SQLite's tables declare beside their columns: unique sets, checks (SQLite's expressions as PostgreSQL's:
        // GLOB as a regular expression, date() as a cast), and references (checked at commit, as rows of a move come
        // table by table).
        let dialect = Self.dialect
        for table in shape.tables {
            for (n, unique) in table.uniques.enumerated() {
                try session.execute("CREATE UNIQUE INDEX \(q("\(table.name)_unique_\(n + 1)")) ON \(q(table.name)) (\(unique.map(q).joined(separator: ", ")))")
            }
            for (n, check) in try dialect.checks(ofTable: table.sql).enumerated() {
                try session.execute("ALTER TABLE \(q(table.name)) ADD CONSTRAINT \(q("\(table.name)_check_\(n + 1)")) CHECK \(check)")
            }
            for (n, r) in table.references.enumerated() {
                try session.execute(
                    "ALTER TABLE \(q(table.name)) ADD CONSTRAINT \(q("\(table.name)_reference_\(n + 1)")) "
                    + "FOREIGN KEY (\(r.columns.map(q).joined(separator: ", "))) REFERENCES \(q(r.table)) (\(r.to.map(q).joined(separator: ", "))) "
                    + "DEFERRABLE INITIALLY DEFERRED")
            }
        }
        try session.execute("""
            CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$
            """)
        try session.execute("""
            CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
            FOR EACH ROW EXECUTE FUNCTION append_only('the event log is append-only')
            """)
        try session.execute("""
            CREATE TRIGGER matter_link_append_only BEFORE UPDATE OR DELETE ON matter_link
            FOR EACH ROW EXECUTE FUNCTION append_only('links between matters are append-only')
            """)
        try session.execute("""
            CREATE FUNCTION inbox_tally() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO inbox_tally (org_id, grp, n) VALUES (NEW.org_id, CAST(substr(NEW.sort_key, 1, 1) AS integer), 1)
                ON CONFLICT (org_id, grp) DO UPDATE SET n = inbox_tally.n + 1;
                RETURN NEW;
              END IF;
              UPDATE inbox_tally SET n = n - 1 WHERE org_id = OLD.org_id AND grp = CAST(substr(OLD.sort_key, 1, 1) AS integer);
              RETURN OLD;
            END $$
            """)
        try session.execute("CREATE TRIGGER inbox_tally AFTER INSERT OR DELETE ON inbox_entry FOR EACH ROW EXECUTE FUNCTION inbox_tally()")
        try session.execute("""
            CREATE FUNCTION organisation_county() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM county WHERE id = NEW.county) THEN
                RAISE EXCEPTION 'an organisation belongs to a county the database keeps';
              END IF;
              RETURN NEW;
            END $$
            """)
        try session.execute("""
            CREATE TRIGGER organisation_county BEFORE INSERT OR UPDATE OF county ON organisation
            FOR EACH ROW EXECUTE FUNCTION organisation_county()
            """)
        if notices { try createNotices(session) }
        // The filter's text: three characters or more found through trigrams, as SQLite's FTS5 trigram index does.
        try session.execute("""
            CREATE INDEX matter_text ON matter USING gin (title public.gin_trgm_ops, number public.gin_trgm_ops, summary public.gin_trgm_ops)
            """)
        for m in shape.migrations { try session.execute("INSERT INTO grdb_migrations (identifier) VALUES ($1)", [m]) }
    }

    /// Who a commit concerns, said on the county's channel at commit (deferred triggers, when every row of the
    /// transaction is in; `NOTIFY` sends each payload once a transaction): `o:ORG` for each organisation a matter's
    /// new event can show to (sender, addressee, subject, copies, invitees, the organisations of its readers), and
    /// its sender, addressee and subject before a change; `o:ORG` for a submission of an organisation's (its
    /// sign-off); `*` for what concerns everyone (an event of no matter, people, organisations, counties, notices,
    /// rules). A session wakes for `*` and its own organisation's (`PostgresBackend.watch`). The channel is the
    /// schema's county's: `oversight_` and the schema's name after `county_`.
    static func createNotices(_ session: PostgresSession) throws {
        let channel = "'oversight_' || substr(TG_TABLE_SCHEMA, 8)"
        // A row's notices, sent at commit: `body` (PL/pgSQL) runs for each row `when` changes, the transaction's
        // rows all in.
        func atCommit(_ name: String, _ when: String, _ body: String) throws {
            try session.execute("""
                CREATE FUNCTION \(q(name))() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                DECLARE o text;
                BEGIN
                \(body)
                RETURN NULL;
                END $$
                """)
            try session.execute("""
                CREATE CONSTRAINT TRIGGER \(q(name)) AFTER \(when) DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION \(q(name))()
                """)
        }
        func org(_ value: String) -> String { "IF \(value) IS NOT NULL THEN PERFORM pg_notify(\(channel), 'o:' || \(value)); END IF;" }
        try atCommit("notice_event", "INSERT ON event", """
            IF NEW.matter_id IS NULL THEN
              PERFORM pg_notify(\(channel), '*');
              RETURN NULL;
            END IF;
            FOR o IN
              SELECT x FROM matter, LATERAL (VALUES (from_org), (to_org), (subject_org)) AS v(x) WHERE id = NEW.matter_id
              UNION SELECT org_id FROM matter_copy WHERE matter_id = NEW.matter_id
              UNION SELECT org FROM matter_invitee WHERE matter_id = NEW.matter_id
              UNION SELECT u.org_id FROM matter_reader r JOIN user_account u ON u.name = r.user_name WHERE r.matter_id = NEW.matter_id
            LOOP
              \(org("o"))
            END LOOP;
            """)
        try atCommit("notice_matter", "UPDATE ON matter", [org("OLD.from_org"), org("OLD.to_org"), org("OLD.subject_org")].joined(separator: "\n"))
        try atCommit("notice_submission", "INSERT OR UPDATE ON submission", org("NEW.org"))
        try session.execute("""
            CREATE FUNCTION notice_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify(\(channel), '*'); RETURN NULL; END $$
            """)
        for table in ["user_account", "organisation", "county", "holiday_year", "county_rule"] {
            try session.execute("""
                CREATE TRIGGER \(q("notice_" + table)) AFTER INSERT OR UPDATE OR DELETE ON \(q(table))
                FOR EACH STATEMENT EXECUTE FUNCTION notice_everyone()
                """)
        }
    }

    /// Whether the county's part says who a commit concerns (`createNotices`): a part made before it did not, and
    /// its sessions are told of every commit instead.
    static func hasNotices(_ session: PostgresSession) throws -> Bool {
        try session.rows("SELECT (to_regproc('notice_event') IS NOT NULL)::text").first?.first == "true"
    }

    /// Moves each sequence past the ids a move copied in.
    static func advanceSequences(_ county: String, _ session: PostgresSession, shape: StoreShape = .current) throws {
        let name = PostgresSession.identifier(schema(county))
        for table in shape.tables where table.givesID {
            try session.execute("""
                SELECT setval('\(schema(county))."\(table.name)_id"', (SELECT COALESCE(MAX(id), 0) + 1 FROM \(name).\(q(table.name))), false)
                """)
        }
    }

    static func q(_ name: String) -> String { PostgresSession.identifier(name) }

    /// PostgreSQL's type for SQLite's declared one: integers (booleans too, as SQLite keeps them) as bigint.
    static func type(_ declared: String) -> String {
        let d = declared.uppercased()
        if d.contains("INT") || d.contains("BOOL") { return "bigint" }
        if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") { return "double precision" }
        if d.contains("BLOB") { return "bytea" }
        return "text"
    }

    /// A default as PostgreSQL writes it: SQLite's time of the moment (`strftime(…, 'now')`) as the same text.
    static func defaultSQL(_ sqlite: String) -> String {
        if sqlite.hasPrefix("strftime(") {
            return "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        }
        return sqlite
    }
}
