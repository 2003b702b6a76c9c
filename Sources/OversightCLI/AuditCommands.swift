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
                    print(try globals.presenter().strings("cli.audit.intact", ["events": events, "matters": matters, "head": head]))
                }
            case .broken(let p):
                if json {
                    print(try OversightCLI.json(Report(intact: false, event: p.event, matter: p.matter, problem: p.kind.rawValue,
                                                       detail: p.detail, recorded: recorded)))
                }
                let s = try globals.presenter().strings
                // In English the store's own account; in Chinese the same facts in Chinese words.
                let detail = s.language == .en ? p.detail : s("cli.audit.where", [
                    "event": p.event.map(String.init) ?? "?", "matter": p.matter.map(String.init) ?? "?",
                    "problem": s("cli.audit.problem.\(p.kind.rawValue)")])
                throw RefusedError(s("cli.audit.broken", ["detail": detail]))
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
        let words = try globals.presenter()
        guard !file.isEmpty else { throw UsageError(words.strings("cli.backup.no-file")) }
        if FileManager.default.fileExists(atPath: file) { throw Store.Failure.backupTarget(file, .exists) }
        let (store, viewer) = try globals.openDatabase()
        guard viewer.user.role == .admin else {
            throw RefusedError(words.strings("cli.backup.admin-only", ["name": safe(viewer.user.name), "role": words.role(viewer.user.role)]))
        }
        let copy = try store.backup(to: file)
        print(words.strings("cli.backup.done", [
            "db": safe(store.path), "file": safe(copy.path), "matters": copy.matters, "events": copy.events, "bytes": copy.bytes]))
    }
}
