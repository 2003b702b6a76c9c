import Foundation
import OversightTestSupport
import Synchronization
import Testing

@testable import OversightPostgres

/// A database URL read whole: every part, the socket folder, escapes; anything else refused with its reason.
@Suite struct PostgresURLTests {
    @Test func aURLIsReadWhole() throws {
        let u = try PostgresURL("postgres://oversight:s%40cret@db.county.local:6432/city")
        #expect(u.user == "oversight" && u.password == "s@cret" && u.host == "db.county.local" && u.port == 6432 && u.database == "city")
        #expect(u.socketFolder == nil && u.socketPath == nil)
        #expect(u.description == "postgres://oversight:***@db.county.local:6432/city", "no password shown")
        let s = try PostgresURL("postgresql://oversight@localhost/postgres?host=/tmp/oversight-pg.x/socket")
        #expect(s.socketPath == "/tmp/oversight-pg.x/socket/.s.PGSQL.5432" && s.password == nil)
        #expect(try PostgresURL("postgres://u@/db?host=/run/pg&port=5433").socketPath == "/run/pg/.s.PGSQL.5433")
    }

    /// TLS as libpq's `sslmode` names it: by default over TCP when the server offers it, never through a socket; the
    /// mode and the authority's certificate shown back (they are no secret).
    @Test func theTLSModeIsReadAsLibpqReadsIt() throws {
        #expect(try PostgresURL("postgres://u@db.city.local/city").effectiveTLS == .prefer)
        #expect(try PostgresURL("postgres://u@/city?host=/run/pg").effectiveTLS == .disable)
        #expect(try PostgresURL("postgres://u@/city?host=/run/pg&sslmode=disable").effectiveTLS == .disable)
        let full = try PostgresURL("postgres://u@db.city.local/city?sslmode=verify-full&sslrootcert=/etc/oversight/ca.pem&county=wenshui")
        #expect(full.effectiveTLS == .verifyFull && full.rootCertificate == "/etc/oversight/ca.pem" && full.county == "wenshui")
        #expect(full.description == "postgres://u@db.city.local:5432/city?county=wenshui&sslmode=verify-full&sslrootcert=/etc/oversight/ca.pem")
        #expect(try PostgresURL(full.description) == full, "what is shown reads back the same")
        #expect(try PostgresURL("postgres://u@10.0.0.5/city?sslmode=verify-ca").effectiveTLS == .verifyCA, "an address: the chain, not the name")
        let byAddress = try PostgresURL("postgres://u@db.city.local/city?hostaddr=10.0.0.5&sslmode=verify-full")
        #expect(byAddress.hostAddress == "10.0.0.5" && byAddress.host == "db.city.local", "reached by its address, checked by its name")
        for mode in PostgresURL.TLSMode.allCases {
            #expect(try PostgresURL("postgres://u@db.city.local/city?sslmode=\(mode.rawValue)").tls == mode)
        }
    }

    @Test func whatIsNotAURLIsRefusedWithItsReason() {
        let cases: [(String, PostgresURL.Problem)] = [
            ("mysql://u@h/db", .notPostgres), ("/srv/county.sqlite", .notPostgres), ("postgres://h/db", .noUser),
            ("postgres://@h/db", .noUser), ("postgres://u@h", .noDatabase), ("postgres://u@h/", .noDatabase),
            ("postgres://u@h:99999/db", .badPort("99999")), ("postgres://u@h:５４３２/db", .badPort("５４３２")),
            ("postgres://u@/db", .noHost), ("postgres://u@h/db?host=relative", .noHost),
            ("postgres://u@h/db?ssl=true", .unknownParameter("ssl")), ("postgres://u@h/db?county=a%22b", .badCounty("a\"b")),
            ("postgres://u@h/db?sslmode=allow", .badTLSMode("allow")), ("postgres://u@h/db?sslmode=REQUIRE", .badTLSMode("REQUIRE")),
            ("postgres://u@h/db?sslmode=verify-full&sslrootcert=ca.pem", .badRootCertificate("ca.pem")),
            ("postgres://u@h/db?sslmode=require&sslrootcert=/etc/ca.pem", .badRootCertificate("/etc/ca.pem")),
            ("postgres://u@h/db?sslrootcert=/etc/ca.pem", .badRootCertificate("/etc/ca.pem")),
            ("postgres://u@10.0.0.5/db?sslmode=verify-full", .tlsNeedsHostName("10.0.0.5")),
            ("postgres://u@/db?host=/run/pg&sslmode=require", .tlsNeedsHostName("require")),
            ("postgres://u@h/db?hostaddr=db.local", .badHostAddress("db.local")), ("postgres://u@h/db?hostaddr=300.1.1.1", .badHostAddress("300.1.1.1")),
            ("postgres://u@h/db?county=", .badCounty("")), ("postgres://u%4@h/db", .badEscape("u%4")),
            ("postgres://u%00x@h/db", .badEscape("u%00x")), ("postgres://u@h/d b", .unprintable),
            ("postgres://u@h/db\u{1B}[31m", .unprintable), ("postgres://u@h/db\n", .unprintable),
        ]
        for (text, problem) in cases {
            #expect(throws: problem, "\(text)") { try PostgresURL(text) }
        }
    }
}

/// What the PostgreSQL backend will stand on, tried on the run's real cluster: statements with parameters and
/// Chinese text, transactions, change notices from another connection (another host's), the writer's turn per
/// county, and pg_trgm finding Chinese substrings through its index.
@Suite(.serialized, .enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct PostgresFootingTests {
    @Test func statementsTakeParametersAndTextComesBackAsWritten() throws {
        let db = try PostgresSession.open(try TestDatabase.fresh(#function))
        defer { db.close() }
        try db.execute("CREATE TABLE m (id bigint PRIMARY KEY, title text NOT NULL)")
        let titles = ["汾河\"排污口\"，整治", "=HYPERLINK(\"x\")", "\u{202E}exe", "a\u{0301}'b", "🇨🇳 e\u{200D}", String(repeating: "长", count: 10_000)]
        for (i, t) in titles.enumerated() { try db.execute("INSERT INTO m VALUES ($1::bigint, $2)", [String(i), t]) }
        #expect(try db.rows("SELECT title FROM m ORDER BY id").map { $0[0] } == titles)
        #expect(try db.rows("SELECT NULL::text, 42::text") == [[nil, "42"]])
        // NUL cannot be stored in PostgreSQL text: refused as the server says, nothing written (the text rule refuses it
        // before any backend).
        #expect(throws: PostgresSession.Failure.self) { try db.execute("INSERT INTO m VALUES (99, $1)", ["a\u{0}b"]) }
        // A transaction rolls back whole.
        #expect(throws: PostgresSession.Failure.self) {
            try db.transaction {
                try db.execute("INSERT INTO m VALUES (100, 'x')")
                try db.execute("INSERT INTO m VALUES (100, 'again')")
            }
        }
        #expect(try db.rows("SELECT count(*)::text FROM m") == [["\(titles.count)"]])
    }

    @Test func aNoticeReachesAnotherConnectionAtCommit() throws {
        let url = try TestDatabase.fresh(#function)
        let hostA = try PostgresSession.open(url, id: 1), hostB = try PostgresSession.open(url, id: 2)
        defer { hostA.close(); hostB.close() }
        let heard = Mutex<[String]>([])
        try hostA.listen("oversight_changes") { _, payload in heard.withLock { $0.append(payload) } }
        try hostB.transaction {
            try hostB.notify("oversight_changes", "wenshui:42")
            // Not before the commit.
            #expect(heard.withLock { $0.isEmpty })
        }
        #expect(waitUntil(timeout: .seconds(5)) { heard.withLock { $0 == ["wenshui:42"] } }, "\(heard.withLock { $0 })")
    }

    @Test func theWritersTurnIsPerCounty() throws {
        let url = try TestDatabase.fresh(#function)
        let a = try PostgresSession.open(url, id: 1), b = try PostgresSession.open(url, id: 2)
        defer { a.close(); b.close() }
        try a.execute("BEGIN")
        #expect(try a.tryTurn(county: "wenshui"))
        try b.execute("BEGIN")
        #expect(try !b.tryTurn(county: "wenshui"), "wenshui's turn is taken")
        #expect(try b.tryTurn(county: "jiaocheng"), "another county writes meanwhile")
        try b.execute("COMMIT")
        try a.execute("COMMIT")
        // Let go at commit.
        try b.execute("BEGIN")
        #expect(try b.tryTurn(county: "wenshui"))
        try b.execute("ROLLBACK")
    }

    @Test func pgTrgmFindsChineseSubstringsThroughItsIndex() throws {
        let db = try PostgresSession.open(try TestDatabase.fresh(#function))
        defer { db.close() }
        try db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        #expect(try db.rows("SELECT show_trgm('排污口整治')::text").first?.first.map { $0 != "{}" } == true, "trigrams of Chinese text")
        try db.execute("CREATE TABLE m (id bigint PRIMARY KEY, title text NOT NULL)")
        try db.execute("""
            INSERT INTO m SELECT g, '文水县' || g || CASE WHEN g % 1000 = 0 THEN '排污口整治' ELSE '河道采砂' END FROM generate_series(1, 20000) g
            """)
        try db.execute("CREATE INDEX m_title ON m USING gin (title gin_trgm_ops)")
        try db.execute("ANALYZE m")
        #expect(try db.rows("SELECT count(*)::text FROM m WHERE title LIKE $1", ["%口整治%"]) == [["20"]])
        let plan = try db.rows("EXPLAIN SELECT id FROM m WHERE title LIKE '%口整治%'").compactMap { $0.first ?? nil }.joined(separator: "\n")
        #expect(plan.contains("m_title"), "\(plan)")
    }
}
