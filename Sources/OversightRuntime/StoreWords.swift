import Foundation
import OversightDomain
import OversightStore
import OversightWorkbench

/// The one place where the database's failures are worded for people, in the interface's language: the command
/// line's top level and the workbench both say them so. A GRDB error that escaped a store call is first made into
/// what it means (`Store.failure(for:path:)`), so no SQL and no SQLite message ever reaches a person.
extension Presenter {
    public func text(_ f: Store.Failure) -> String {
        switch f {
        case .unknownUser(let n): return strings("store.unknown-user", ["n": n])
        case .disabledUser(let n): return strings("store.disabled-user", ["n": n])
        case .notADemoDatabase(let p): return strings("store.not-a-demo", ["p": p])
        case .cannotOpen(let p, let why): return strings("store.cannot-open", ["p": p, "why": why])
        case .corruptRow(let table, let row, let column, let value):
            return strings("store.corrupt-row", ["table": table, "row": row, "column": column, "value": value])
        case .alreadyExists(let p): return strings("store.already-exists", ["p": p])
        case .noDatabase(let p): return strings("store.no-database", ["p": p])
        case .cannotEnterFolder(let folder, let owner, let mode):
            return strings("store.cannot-enter-folder", ["folder": folder, "owner": owner, "mode": mode])
        case .cannotRead(let p, let owner, let mode): return strings("store.cannot-read", ["p": p, "owner": owner, "mode": mode])
        case .notAFile(let p): return strings("store.not-a-file", ["p": p])
        case .readOnly(let p, let why): return strings("store.read-only", ["p": p, "why": text(why)])
        case .readOnlyNeedsMigration(let p, let why): return strings("store.read-only-needs-migration", ["p": p, "why": text(why)])
        case .newerDatabase(let p, let unknown): return strings("store.newer", ["p": p, "unknown": unknown.joined(separator: ", ")])
        case .unfinished(let p, let left, let why): return strings("store.unfinished", ["p": p, "left": left, "why": text(why)])
        case .notADatabaseYet(let p): return strings("store.not-a-database-yet", ["p": p])
        case .notOversightDatabase(let p): return strings("store.not-oversight", ["p": p])
        case .damaged(let p, let what):
            return strings("store.damaged", ["p": p, "what": what.map(text).joined(separator: strings.language == .zh ? "；" : "; ")])
        case .diskFull(let p): return strings("store.disk-full", ["p": p])
        case .diskError(let p): return strings("store.disk-error", ["p": p])
        case .busy(let p): return strings("store.busy", ["p": p])
        case .databaseFailed(let p, let code): return strings("store.failed", ["p": p, "code": code])
        case .backupTarget(let p, let why): return strings("store.backup-target", ["p": p, "why": text(why)])
        }
    }

    public func text(_ r: Store.ReadOnlyReason) -> String {
        switch r {
        case .fileNotWritable(let owner, let mode, let user):
            return strings("store.why.file", ["owner": owner, "mode": mode, "user": user])
        case .folderNotWritable(let folder, let owner, let mode, let user):
            return strings("store.why.folder", ["folder": folder, "owner": owner, "mode": mode, "user": user])
        case .sideFileNotWritable(let file, let owner, let mode, let user):
            return strings("store.why.side-file", ["file": file, "owner": owner, "mode": mode, "user": user])
        case .diskFull: return strings("store.why.disk-full")
        case .refusedBySQLite: return strings("store.why.refused")
        }
    }

    public func text(_ d: Store.Damage) -> String {
        switch d {
        case .missingTable(let t): return strings("store.damage.missing-table", ["t": table(t)])
        case .missingColumn(let t?, let c): return strings("store.damage.missing-column", ["t": table(t), "c": c])
        case .missingColumn(nil, let c): return strings("store.damage.missing-column-only", ["c": c])
        case .alteredColumn(let t, let c): return strings("store.damage.altered-column", ["t": table(t), "c": c])
        case .unreadable: return strings("store.damage.unreadable")
        }
    }

    public func text(_ p: Store.BackupTargetProblem) -> String {
        switch p {
        case .exists: return strings("store.backup.exists")
        case .noFolder(let f): return strings("store.backup.no-folder", ["f": f])
        case .notWritable(let f, let owner, let mode): return strings("store.backup.not-writable", ["f": f, "owner": owner, "mode": mode])
        case .diskFull: return strings("store.backup.disk-full")
        case .cannotWrite: return strings("store.backup.cannot-write")
        case .other(let why): return why
        }
    }

    /// A table of the database in words ("the table of events"), else by its name.
    func table(_ name: String) -> String {
        strings.keys.contains("store.table.\(name)") ? strings("store.table.\(name)") : strings("store.table", ["name": name])
    }

    /// Any error of a store call on the database at `path`, worded: a store failure or a GRDB error (as what it
    /// means), a refusal by its reason; nil for an error that is neither (a file outside the database).
    public func text(storeError error: any Error, path: String) -> String? {
        if let r = error as? Refusal { return reason(r) }
        return Store.failure(for: error, path: path).map(text)
    }
}
