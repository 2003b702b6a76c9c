import Foundation
import OversightPostgres
import Testing

/// The database the PostgreSQL tests use: `$OVERSIGHT_TEST_PG`, which `scripts/test` sets to the throwaway cluster it
/// starts for the run (scripts/pg-cluster). Under CI it must be there (the tests fail rather than skip); elsewhere,
/// without it, they are skipped and say so.
public enum TestDatabase {
    public static let url: PostgresURL? = ProcessInfo.processInfo.environment["OVERSIGHT_TEST_PG"].flatMap { try? PostgresURL($0) }
    public static var available: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    public static func session(id: Int = 1) throws -> PostgresSession {
        let url = try #require(url, "OVERSIGHT_TEST_PG names no database: run the tests with scripts/test, which starts one")
        return try PostgresSession.open(url, id: id)
    }

    /// A fresh database of its own for one test (dropped first if a failed run left it).
    public static func fresh(_ name: String) throws -> PostgresURL {
        let admin = try session()
        defer { admin.close() }
        // Its own name: the test's, shortened, and a hash of the whole (two long names may begin alike).
        let hash = name.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        let db = "t_" + name.lowercased().filter { ($0.isLetter || $0.isNumber) && $0.isASCII }.prefix(30) + "_" + String(hash, radix: 36)
        try admin.execute("DROP DATABASE IF EXISTS \(PostgresSession.identifier(String(db))) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(PostgresSession.identifier(String(db))) ENCODING 'UTF8' TEMPLATE template0")
        var url = try #require(url)
        url.database = String(db)
        return url
    }
}

