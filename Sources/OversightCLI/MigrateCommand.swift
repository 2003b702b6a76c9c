import ArgumentParser
import Foundation
import OversightDomain
import OversightPostgres
import OversightStore
import OversightWorkbench

/// `oversight migrate FILE --to postgres://… --county ID`: moves a county's SQLite database into the shared
/// PostgreSQL one (issue 23), checked on both sides, once. As an administrator of that county (`--user`).
struct MigrateCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move a county's SQLite database into the shared PostgreSQL database (administrators only).",
        discussion: """
            FILE is the county's database; --to the shared database (postgres://USER@HOST:PORT/DB, or \
            ?host=/socket/folder); --county the county's id, the only one FILE holds (`oversight county list`). In one \
            transaction its rows are copied, keeping their ids; the counts are compared table by table and the audit \
            chain verified on the source and on the rows as the shared database holds them: any difference moves \
            nothing. A county is moved once. FILE is left as it is (opened as any command opens it); keep it.
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: ArgumentHelp("The county's SQLite database.", valueName: "FILE")) var file: String
    @Option(name: .long, help: ArgumentHelp("The shared PostgreSQL database.", valueName: "URL")) var to: String
    @Option(name: .long, help: ArgumentHelp("The county's id.", valueName: "ID")) var county: String
    @Flag(name: .long, help: "JSON for scripts: county, rows (per table), events, matters, head.") var json = false

    struct Done: Encodable {
        var county: String
        var rows: [String: Int]
        var events: Int
        var matters: Int
        var head: String
    }

    func run() throws {
        let s = try globals.presenter().strings
        let url: PostgresURL
        do { url = try PostgresURL(to) } catch { throw UsageError(s("cli.migrate.bad-url", ["x": safe(to), "why": s("cli.migrate.url.\(Self.key(error))")])) }
        // The source opened as any command opens it, and its person an administrator of it.
        let store = try Store(existing: file)
        let viewer = try store.login(globals.userName, on: try globals.todayDate())
        guard viewer.user.role == .admin, viewer.party == .admin else {
            throw RefusedError(s("people.failure.not-administrator", ["n": safe(viewer.user.name)]))
        }
        try store.checkpointAndClose()
        let db = try Self.connect(url, s, saying: "cli.migrate.cannot-connect")
        defer { db.close() }
        let scratch = URL(fileURLWithPath: (file as NSString).deletingLastPathComponent.isEmpty ? "." : (file as NSString).deletingLastPathComponent)
        let done: CountyMove.Outcome
        do {
            done = try CountyMove(source: file, county: county).run(into: db, scratch: scratch)
        } catch let refusal as CountyMove.Refusal {
            throw RefusedError(safe(Self.words(refusal, s)))
        } catch let failure as PostgresSession.Failure {
            throw RefusedError(s("cli.migrate.failed", ["why": safe(failure.description)]))
        }
        if json {
            print(try OversightCLI.json(Done(county: done.county, rows: done.rows, events: done.events, matters: done.matters, head: done.head)))
        } else {
            print(s("cli.migrate.done", [
                "county": safe(done.county), "tables": done.rows.count, "rows": done.rows.values.reduce(0, +), "events": done.events,
                "matters": done.matters, "head": done.head, "url": safe(url.description)]))
        }
    }

    /// A session on the shared database at `url`; when there is none, refused with `saying` (its url and why).
    static func connect(_ url: PostgresURL, _ s: Strings, saying: String) throws -> PostgresSession {
        do { return try PostgresSession.open(url) } catch {
            let why = (error as? PostgresSession.Failure).flatMap { if case .cannotConnect(_, let why) = $0 { why } else { nil } } ?? "\(error)"
            throw RefusedError(s(saying, ["url": safe(url.description), "why": safe(why)]))
        }
    }

    static func key(_ p: PostgresURL.Problem) -> String {
        switch p {
        case .notPostgres: return "not-postgres"
        case .noUser: return "no-user"
        case .noHost: return "no-host"
        case .badPort: return "bad-port"
        case .noDatabase: return "no-database"
        case .badEscape: return "bad-escape"
        case .unknownParameter: return "unknown-parameter"
        case .badCounty: return "bad-county"
        case .unprintable: return "unprintable"
        case .badHostAddress: return "bad-hostaddr"
        case .badTLSMode: return "bad-sslmode"
        case .badRootCertificate: return "bad-sslrootcert"
        case .tlsNeedsHostName: return "tls-needs-host-name"
        }
    }

    /// A refusal in the interface language.
    static func words(_ r: CountyMove.Refusal, _ s: Strings) -> String {
        switch r {
        case .notACountyOf(let c, let holds):
            return s("cli.migrate.not-a-county", ["c": c, "holds": holds.joined(separator: s.language == .zh ? "、" : ", ")])
        case .alreadyMoved(let c, let from, let on): return s("cli.migrate.already", ["c": c, "from": from, "on": on])
        case .alreadyThere(let c): return s("cli.migrate.already-there", ["c": c])
        case .sourceAudit(let why): return s("cli.migrate.source-audit", ["why": why])
        case .countsDiffer(let t, let a, let b): return s("cli.migrate.counts", ["t": t, "a": a, "b": b])
        case .targetAudit(let why): return s("cli.migrate.target-audit", ["why": why])
        }
    }
}
