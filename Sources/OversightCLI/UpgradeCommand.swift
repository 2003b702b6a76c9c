import ArgumentParser
import Foundation
import OversightDomain
import OversightPostgres
import OversightStore

/// `oversight upgrade --db postgres://…?county=ID`: upgrades a county's part of the shared PostgreSQL database to this
/// version (issue 23), by the migrations a SQLite file runs on itself when opened. As an administrator of the county.
struct UpgradeCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Upgrade a county's part of the shared PostgreSQL database to this version (administrators only).",
        discussion: """
            --db (or $OVERSIGHT_DB) names the part: postgres://USER@HOST/DB?county=ID. In one transaction, the county's \
            writers kept waiting: its rows are upgraded by this version's migrations (as a SQLite file upgrades itself \
            when a newer Oversight opens it), the audit chain verified, and the part made again from them, checked as \
            `migrate` checks a move; any difference changes nothing. Upgrade every SSH host first: an older Oversight \
            refuses a part a newer one wrote. A SQLite file needs no command.
            """)

    @OptionGroup var globals: GlobalOptions
    @Flag(name: .long, help: "JSON for scripts: county, applied (migrations), rows (per table), events, head.") var json = false

    struct Done: Encodable {
        var county: String
        var applied: [String]
        var rows: [String: Int]
        var events: Int
        var head: String
    }

    func run() throws {
        let s = try globals.presenter().strings
        guard let url = try globals.postgresURL(), let county = url.county else { throw UsageError(s("cli.upgrade.sqlite")) }
        let db = try MigrateCommand.connect(url, s, saying: "cli.db.cannot-connect")
        defer { db.close() }
        // The working file in a private folder of its own (it holds the county's rows while it lives): made new by
        // mkdtemp, 0700, never one that someone else made under the same name beforehand.
        var template = Array((FileManager.default.temporaryDirectory.path + "/oversight-upgrade-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw RefusedError(s("cli.upgrade.scratch", ["why": String(cString: strerror(errno))])) }
        let scratch = URL(fileURLWithPath: String(cString: made))
        defer { try? FileManager.default.removeItem(at: scratch) }
        let name = globals.userName
        let done: PartUpgrade.Outcome
        do {
            done = try PartUpgrade(county: county).run(on: db, scratch: scratch) { store in
                // Who may: an active administrator who keeps the part's county (its own, or a city's above it), as the
                // upgraded rows say.
                let viewer = try? store.viewer(name)
                guard let viewer, viewer.user.active, viewer.user.role == .admin, viewer.party == .admin,
                      try store.counties().within(viewer.org.county).contains(county)
                else { throw RefusedError(s("people.failure.not-administrator", ["n": safe(name)])) }
            }
        } catch let refusal as PartUpgrade.Refusal {
            switch refusal {
            case .upToDate(let c):
                // Nothing to do is no failure: a script may run it after every install.
                print(s("cli.upgrade.up-to-date", ["c": safe(c)]))
                return
            case .noCounty(let c): throw RefusedError(s("cli.db.unknown-county", ["c": safe(c), "url": safe(url.description)]))
            case .newer(let c, let m): throw RefusedError(s("cli.db.newer", ["c": safe(c), "m": safe(m.joined(separator: ", "))]))
            case .notEarlier(let c, let m): throw RefusedError(s("cli.upgrade.not-earlier", ["c": safe(c), "m": safe(m.joined(separator: ", "))]))
            case .audit(let why): throw RefusedError(s("cli.upgrade.audit", ["why": safe(why)]))
            }
        } catch let refusal as CountyMove.Refusal {
            throw RefusedError(safe(MigrateCommand.words(refusal, s)))
        } catch let failure as PostgresSession.Failure {
            throw RefusedError(s("cli.db.postgres-failed", ["why": safe(failure.description)]))
        }
        if json {
            print(try OversightCLI.json(Done(county: done.county, applied: done.applied, rows: done.rows, events: done.events, head: done.head)))
        } else {
            print(s("cli.upgrade.done", [
                "c": safe(done.county), "m": safe(done.applied.joined(separator: ", ")), "rows": done.rows.values.reduce(0, +),
                "events": done.events, "head": done.head]))
        }
    }
}
