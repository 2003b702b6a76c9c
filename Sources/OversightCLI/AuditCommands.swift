import ArgumentParser
import Foundation
import OversightDomain
import OversightStore

/// `oversight audit verify`: checks the hash-chained history. Any known, active user may run it: it prints counts,
/// ids and hashes, never a matter's content. The result is recorded for the administrator's screen unless the
/// database is read-only for this session.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The history as evidence: verify the hash chain of the event log.",
        subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every event against the chain and every matter against its last event.",
            discussion: """
                Exit 0 when intact (prints the number of events and the head hash), 1 naming the first bad event, 2 on bad \
                usage. Any known user may run it: it shows ids and hashes, never a matter's content. The result is \
                recorded for the administrator's screen (not on a read-only database). Keep the head hash somewhere \
                outside the server: whoever can write the file could recompute the chain.
                """)

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: intact, events, matters, head (or event, matter, problem, detail).")
        var json = false

        struct Report: Encodable {
            var intact: Bool
            var events: Int?
            var matters: Int?
            var head: String?
            var event: Int64?
            var matter: Int64?
            var problem: String?
            var detail: String?
            var recorded: Bool
        }

        func run() throws {
            let (store, _) = try globals.openDatabase()
            let outcome = try store.verifyAndRecordAudit()
            let recorded = !store.isReadOnly
            switch outcome {
            case .intact(let events, let matters, let head):
                if json {
                    print(try OversightCLI.json(Report(intact: true, events: events, matters: matters, head: head, recorded: recorded)))
                } else {
                    print("intact: \(events) events, \(matters) matters; head \(head)")
                }
            case .broken(let p):
                if json {
                    print(try OversightCLI.json(Report(intact: false, event: p.event, matter: p.matter, problem: p.kind.rawValue,
                                                       detail: p.detail, recorded: recorded)))
                }
                throw RefusedError("audit: NOT intact: \(p.detail). Restore from a backup that verifies, and find out who had write access to the database file")
            }
        }
    }
}

/// `oversight backup FILE`: a consistent online copy (SQLite's backup API) while others go on working.
/// Administrators only; FILE must not exist and is made with mode 0600.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE while others work (administrators only); the copy passes `audit verify`.")

    @OptionGroup var globals: GlobalOptions
    @Argument(help: ArgumentHelp("The new file to write (must not exist).", valueName: "FILE")) var file: String

    func run() throws {
        guard !file.isEmpty else { throw UsageError("give the backup's file name: oversight backup FILE") }
        if FileManager.default.fileExists(atPath: file) { throw Store.Failure.backupTarget(file, .exists) }
        let (store, viewer) = try globals.openDatabase()
        guard viewer.user.role == .admin else {
            throw RefusedError("only an administrator may take a backup; \(safe(viewer.user.name)) is a \(viewer.user.role.rawValue)")
        }
        let copy = try store.backup(to: file)
        print("backup of \(safe(store.path)) written to \(safe(copy.path)): \(copy.matters) matters, \(copy.events) events, \(copy.bytes) bytes (mode 0600)")
    }
}
