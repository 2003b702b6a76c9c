import Foundation
import OversightTestSupport
import Testing

@testable import OversightPostgres

/// TLS to the shared database (`?sslmode=`), tried on a cluster of the test's own that listens on loopback TCP with
/// a certificate its own authority signed for the name localhost (scripts/pg-cluster with PG_SSL): each mode connects
/// as libpq's would, a certificate that cannot be trusted or does not name the host is refused, and the commands work
/// over it. One test, so that its one cluster is stopped at its end.
@Suite(.enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct PostgresTLSTests {
    @Test func theDatabaseOverTLS() throws {
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        // A port of its own: tried until one is free (another run's cluster may hold one).
        var started: (String, Int)?
        for _ in 0..<5 where started == nil {
            let port = Int.random(in: 20_000..<40_000)
            let r = try Subprocess.run([script, "start"], environment: ProcessInfo.processInfo.environment.merging(
                ["PG_LISTEN": "127.0.0.1", "PG_PORT": String(port), "PG_SSL": "1"]) { $1 })
            if r.status == 0 { started = (r.out.trimmingCharacters(in: .whitespacesAndNewlines), port) }
        }
        let (folder, port) = try #require(started, "scripts/pg-cluster could not start a cluster with TLS")
        defer { _ = try? Subprocess.run([script, "stop", folder]) }
        let cluster = TLSCluster(folder: folder, port: port)
        try cluster.eachModeConnectsAsLibpqWould()
        try cluster.aCertificateThatCannotBeTrustedIsRefused()
        try cluster.theCommandLineWorksOverTLSAndSaysWhyItCannot()
    }
}

/// The test's cluster, and what is tried on it.
struct TLSCluster {
    let folder: String
    let port: Int

    func url(_ host: String, _ query: String) throws -> PostgresURL {
        try PostgresURL("postgres://oversight@\(host):\(port)/postgres?\(query)")
    }

    /// Whether the session's own connection is encrypted, as the server says.
    func encrypted(_ session: PostgresSession) throws -> Bool {
        try session.rows("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == [["true"]]
    }

    func eachModeConnectsAsLibpqWould() throws {
        let ca = "sslrootcert=\(folder)/ca.pem"
        for (host, query, tls) in [
            ("localhost", "sslmode=verify-full&\(ca)", true), ("127.0.0.1", "sslmode=verify-ca&\(ca)", true),
            ("127.0.0.1", "sslmode=require", true), ("127.0.0.1", "", true), ("127.0.0.1", "sslmode=disable", false),
        ] {
            let session = try PostgresSession.open(try url(host, query))
            defer { session.close() }
            #expect(try encrypted(session) == tls, "\(host) \(query)")
            #expect(try session.rows("SELECT '汾河排污口'") == [["汾河排污口"]])
        }
    }

    func aCertificateThatCannotBeTrustedIsRefused() throws {
        // The system's authorities never signed the test authority's certificate.
        #expect(throws: PostgresSession.Failure.self) { try PostgresSession.open(try self.url("localhost", "sslmode=verify-full")) }
        #expect(throws: PostgresSession.Failure.self) { try PostgresSession.open(try self.url("127.0.0.1", "sslmode=verify-ca")) }
        // A name the certificate does not carry (it names localhost only), the server reached by its
        // address: refused by TLS, not for want of the name in DNS.
        do {
            let wrong = try PostgresSession.open(try url("db.elsewhere.test", "hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=\(folder)/ca.pem"))
            wrong.close()
            Issue.record("a certificate for another name was trusted")
        } catch {
            #expect("\(error)".contains("TLS"), "\(error)")
        }
        // The same by its address and its certificate's name: trusted.
        let named = try PostgresSession.open(try url("localhost", "hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=\(folder)/ca.pem"))
        #expect(try encrypted(named))
        named.close()
        // An authority's certificate that is not there.
        #expect(throws: PostgresSession.Failure.self) {
            try PostgresSession.open(try self.url("localhost", "sslmode=verify-full&sslrootcert=\(self.folder)/missing.pem"))
        }
    }

    func theCommandLineWorksOverTLSAndSaysWhyItCannot() throws {
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/oversight").path
        let db = "postgres://oversight@localhost:\(port)/postgres?sslmode=verify-full&sslrootcert=\(folder)/ca.pem&county=wenshui"
        let made = try Subprocess.run([binary, "demo", "--no-open", "--db", db, "--today", "2026-11-30"])
        #expect(made.status == 0, "\(made.err)")
        let listed = try Subprocess.run([binary, "--db", db, "--user", "wangjian", "--today", "2026-11-30", "matter", "list"])
        #expect(listed.status == 0 && listed.out.contains("汾河"), "\(listed.err)")
        // Without the authority: refused, said in Chinese, exit 1, the URL shown without a password.
        let refused = try Subprocess.run([binary, "--db", db.replacingOccurrences(of: "&sslrootcert=\(folder)/ca.pem", with: ""),
                                          "--user", "wangjian", "matter", "list"])
        #expect(refused.status == 1 && refused.out.isEmpty && refused.err.contains("数据库"), "\(refused.err)")
        let bad = try Subprocess.run([binary, "--db", "postgres://oversight@localhost/city?sslmode=sometimes", "--user", "wangjian", "matter", "list"])
        #expect(bad.status == 2 && bad.err.contains("sslmode"), "\(bad.err)")
    }
}
