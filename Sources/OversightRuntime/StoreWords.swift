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
        case .disabledOrganisation(let n, let o): return strings("store.disabled-organisation", ["n": n, "o": o])
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
        case .unavailable(let p): return strings("store.unavailable", ["p": p])
        case .databaseFailed(let p, let code): return strings("store.failed", ["p": p, "code": code])
        case .backupTarget(let p, let why): return strings("store.backup-target", ["p": p, "why": text(why)])
        }
    }

    /// A refused change of the calendars or the county's rules, in the interface language.
    public func text(_ f: Store.ClockFailure) -> String {
        switch f {
        case .notAdministrator(let n): return strings("clock.failure.not-administrator", ["n": n])
        case .notRuleMaker(let n): return strings("clock.failure.not-rule-maker", ["n": n])
        case .notSettable(let k): return strings("clock.failure.not-settable", ["k": k])
        case .nothingProposed(let k): return strings("clock.failure.nothing-proposed", ["k": k])
        case .ownProposal(let k, let o): return strings("clock.failure.own-proposal", ["k": k, "o": o])
        case .sourceRequired: return strings("clock.failure.source-required")
        case .text(let p): return reason(p)
        case .badWindow(let n): return strings("clock.failure.bad-window", ["n": n])
        }
    }

    /// A refused change of people or keys, in the interface language.
    public func text(_ f: Store.PeopleFailure) -> String {
        switch f {
        case .notAdministrator(let n): return strings("people.failure.not-administrator", ["n": n])
        case .unknownUser(let n): return strings("people.failure.unknown-user", ["n": n])
        case .unknownOrganisation(let o): return strings("people.failure.unknown-organisation", ["o": o])
        case .userExists(let n): return strings("people.failure.user-exists", ["n": n])
        case .invalidName(let n): return strings("people.failure.invalid-name", ["n": n])
        case .invalidDisplayName(let n):
            return strings("people.failure.invalid-display-name", ["n": n, "limit": TextRule.Field.displayName.limit])
        case .text(let p): return reason(p)
        case .noPeopleIn(let o): return strings("people.failure.no-people-in", ["o": o])
        case .roleNotInOrganisation(let role, let org, let adminOrg):
            return role == .admin
                ? strings("people.failure.admin-role-elsewhere", ["admin": adminOrg ?? strings("party.admin"), "org": org])
                : strings("people.failure.admin-unit-only-admins", ["org": org])
        case .alreadyDisabled(let n): return strings("people.failure.already-disabled", ["n": n])
        case .alreadyActive(let n): return strings("people.failure.already-active", ["n": n])
        case .unknownKey(let user, let key): return strings("people.failure.unknown-key", ["user": user, "key": key])
        case .lastAdministrator(let n): return strings("people.failure.last-administrator", ["n": n])
        case .disabledTarget(let n): return strings("people.failure.disabled-target", ["n": n])
        case .keyOfAnotherUser(let fingerprint, let owner):
            return strings("people.failure.key-of-another-user", ["fingerprint": fingerprint, "owner": owner])
        case .invalidOrganisationID(let o): return strings("people.failure.invalid-org-id", ["o": o])
        case .organisationExists(let o): return strings("people.failure.org-exists", ["o": o])
        case .organisationNameTaken(let name, let o): return strings("people.failure.org-name-taken", ["name": name, "o": o])
        case .unknownCounty(let c): return strings("people.failure.unknown-county", ["c": c])
        case .outsideCounties(let c): return strings("people.failure.outside-counties", ["c": c])
        case .county(.invalidID(let c)): return strings("people.failure.county-invalid-id", ["c": c])
        case .county(.exists(let c)): return strings("people.failure.county-exists", ["c": c])
        case .county(.nameTaken(let n)): return strings("people.failure.county-name-taken", ["name": n])
        case .county(.unknownCity(let c)): return strings("people.failure.unknown-city", ["c": c])
        case .county(.cityUnderCity(let c)): return strings("people.failure.city-under-city", ["c": c])
        case .county(.alreadyUnder(let c, let city)): return strings("people.failure.already-under", ["c": c, "city": city])
        case .partyTaken(let party, let county, let holder):
            return strings("people.failure.party-taken", ["party": self.party(party), "c": county, "o": holder])
        case .codeTaken(let code, let o): return strings("people.failure.code-taken", ["code": code, "o": o])
        case .sameName(let o): return strings("people.failure.same-name", ["o": o])
        case .organisationAlreadyDisabled(let o): return strings("people.failure.org-already-disabled", ["o": o])
        case .organisationAlreadyActive(let o): return strings("people.failure.org-already-active", ["o": o])
        case .administrationUnit(let o): return strings("people.failure.administration-unit", ["o": o])
        case .disabledOrganisation(let o): return strings("people.failure.disabled-org", ["o": o])
        }
    }

    /// What is wrong with a public key file, in the interface language.
    public func text(_ p: SSHPublicKey.Problem) -> String {
        let how = strings("key.problem.how")
        switch p {
        case .empty: return strings("key.problem.empty", ["how": how])
        case .privateKey: return strings("key.problem.private-key")
        case .severalLines(let n): return strings("key.problem.several-lines", ["n": n, "how": how])
        case .options(let o): return strings("key.problem.options", ["o": o, "how": how])
        case .unknownType(let t):
            return strings("key.problem.unknown-type", ["t": t, "types": SSHPublicKey.types.joined(separator: ", "), "how": how])
        case .noBody: return strings("key.problem.no-body", ["how": how])
        case .badBase64: return strings("key.problem.bad-base64", ["how": how])
        case .blobMismatch(let t): return strings("key.problem.blob-mismatch", ["t": t, "how": how])
        case .weakRSA(let bits): return strings("key.problem.weak-rsa", ["bits": bits, "how": how])
        case .badComment: return strings("key.problem.bad-comment", ["how": how])
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
