import GRDB
import OversightDomain

extension Store {
    /// Starts a matter as `viewer`: checked by the workflow, written with its first event in one transaction.
    @discardableResult
    public func create(_ new: NewMatter, by viewer: Viewer, context: WorkflowContext) throws -> Matter {
        try write { db in try Self.create(new, by: viewer, context: context, db) }
    }

    /// Takes `action` on matter `id` as `viewer`, in one write transaction that re-reads the matter, checks
    /// access, the version the caller saw (`expecting`, if given) and the workflow's guards, gives the next
    /// document number where one is needed, and writes the matter with its event. Returns the matter as it
    /// now stands; throws `Refusal` and writes nothing when refused. A handler's step that needs the head's
    /// decision (`SignOff`) is kept as a submission instead and the matter returned unchanged: `take` says which.
    @discardableResult
    public func act(
        _ id: MatterID, _ action: MatterAction, input: ActionInput, by viewer: Viewer, expecting version: Int? = nil,
        context: WorkflowContext
    ) throws -> Matter {
        switch try take(id, action, input: input, by: viewer, expecting: version, context: context) {
        case .taken(let m): return m
        case .submitted(let s): return try matter(s.matterID, for: viewer) ?? { throw Refusal.notFound(id) }()
        }
    }

    // MARK: - The one write path, inside a transaction

    /// `imported`: the steps of a history being imported, whose actors need not be users here; the import has
    /// checked its administrator in this transaction instead.
    static func create(_ given: NewMatter, by viewer: Viewer, context: WorkflowContext, _ db: StoreConnection, imported: Bool = false) throws -> Matter {
        if !imported { try requireActive(viewer, db) }
        // The texts as they will be stored (TextRule), so the number is looked up as it will be written.
        let new: NewMatter
        do { new = try given.normalised() } catch { throw Refusal.workflow(error) }
        guard let to = try organisation(new.to, db) else {
            throw Refusal.unknownOrganisation(new.to)
        }
        var named: [OrgID: Organisation] = [to.id: to]
        for org in new.alsoTo + new.copiedTo + [new.subjectOrg].compactMap({ $0 }) {
            guard let o = try organisation(org, db) else { throw Refusal.unknownOrganisation(org) }
            named[org] = o
        }
        // A disabled organisation takes no new matters (an import records what was, and is not asked).
        if !imported, let off = ([to.id] + new.alsoTo + new.copiedTo + [new.subjectOrg].compactMap({ $0 })).first(where: { named[$0]?.active == false }) {
            throw Refusal.organisationDisabled(off)
        }
        // Counties as tenants: a matter names the organisations of its sender's county and the city bodies above it
        // (a city's body, those of the counties under it); never another county's. An import is checked the same.
        let counties = try counties(db)
        let sender = try organisation(viewer.org.id, db) ?? viewer.org
        if let outside = ([to.id] + new.alsoTo + new.copiedTo + [new.subjectOrg].compactMap({ $0 }))
            .first(where: { named[$0].map { !counties.mayName(from: sender, $0) } ?? false }) {
            throw Refusal.outsideCounty(outside)
        }
                // Art. 4: a field outside the concerned department's is asked about once.
        if !new.domainConfirmed, let subject = Workflow.subject(of: new.kind, to: to.id, given: new.subjectOrg),
           let mismatch = Workflow.fieldMismatch(new.domain, subject: named[subject]) {
            throw Refusal.outsideFields(mismatch)
        }
        let number = new.number?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !number.isEmpty {
            guard DocumentNumber.isWellFormed(number) else {
                throw Refusal.workflow(.invalidInput(.malformedDocumentNumber(number)))
            }
            try requireUnused(number, db)
        }
        let shared = try sharedWith(new.share, of: viewer.org.id, db)
        let t: Transition
        do {
            t = try Workflow.create(
                id: 0, kind: new.kind, title: new.title, domain: new.domain, to: to, by: viewer, on: new.date,
                today: context.today, number: number, variant: new.variant, subjectOrg: new.subjectOrg,
                summary: new.summary, copiedTo: new.copiedTo.isEmpty ? nil : new.copiedTo,
                alsoTo: new.alsoTo.compactMap { named[$0] }, sharedWith: shared)
        } catch {
            throw Refusal.workflow(error)
        }
        // The matter it follows: one the creator may see (else as if there were none), that this kind may follow.
        let followed = try followedMatter(new, for: viewer, db)
        var matter = t.matter
        matter.version = 1
        var record = MatterRecord(matter)
        try record.insert(db)
        matter.id = record.id!
        try recordGiven(matter.number, db)
        for org in new.copiedTo { try MatterCopyRecord(matterId: matter.id, orgId: org).insert(db) }
        try writeInvitees(of: matter, was: nil, db)
        try writeKnownTo(of: matter, db)
        try InboxIndex.refresh(matter, db)
        var event = t.event
        event.matterID = matter.id
        let created = try EventRecord(event).inserted(db)
        if let followed {
            try MatterLinkRecord(matterId: matter.id, followsId: followed.id, eventId: created.id!).insert(db)
        }
        return matter
    }

    static func act(
        _ id: MatterID, _ action: MatterAction, input: ActionInput, by viewer: Viewer, expecting version: Int?,
        context: WorkflowContext, _ db: StoreConnection, imported: Bool = false
    ) throws -> Matter {
        if !imported { try requireActive(viewer, db) }
        guard let matter = try matter(id, for: viewer, db) else { throw Refusal.notFound(id) }
        if let version, version != matter.version { throw Refusal.stale(expected: version, current: matter) }
        return try act(matter, action, input: input, by: viewer, context: context, db, imported: imported)
    }

    /// `act` on `matter` as `viewer` read it in this transaction, once the person is known to be active and the version
    /// the caller saw to be the matter's: for `take`, which has checked both and read the matter for its own checks,
    /// so a step reads them once (each read of a matter is a statement for it, its copies, invitees and readers).
    static func act(
        _ matter: Matter, _ action: MatterAction, input: ActionInput, by viewer: Viewer, context: WorkflowContext,
        _ db: StoreConnection, imported: Bool = false
    ) throws -> Matter {
        // A draft is not issued to an organisation disabled since it was begun (its addressee or any invitee): it
        // takes no new matters.
        if !imported, action == .issue, case .success = Workflow.check(action, on: matter, by: viewer),
           let off = try matter.addressees.first(where: { try organisation($0, db)?.active == false }) {
            throw Refusal.organisationDisabled(off)
        }
        // The texts as they will be stored (TextRule), so the number is looked up as it will be written; a refusal
        // of the step itself (not this party's, not in this state) is said first, as the workflow orders them.
        var input = input
        if case .success = Workflow.check(action, on: matter, by: viewer) {
            do { input = try input.normalised() } catch { throw Refusal.workflow(error) }
        }
        let given = input.documentNumber ?? ""
        if !given.isEmpty, given != matter.number, DocumentNumber.isWellFormed(given) { try requireUnused(given, db) }
        // `issue` gives the next number of the issuing organisation, kind and year when it has none yet. The
        // workflow is checked first, so a refused issue consumes no number.
        if action == .issue, given.isEmpty, matter.number.isEmpty,
           case .success = Workflow.check(action, on: matter, by: viewer) {
            input.documentNumber = try nextNumber(for: matter, issuer: viewer.org, year: input.date.year, db)
        }
        let t: Transition
        do {
            t = try Workflow.apply(action, to: matter, by: viewer, input: input, context: context)
        } catch {
            throw Refusal.workflow(error)
        }
        var next = t.matter
        next.version = matter.version + 1
        try MatterRecord(next).update(db)
        try writeClockVersion(of: next, was: matter, db)
        if next.number != matter.number { try recordGiven(next.number, db) }
        try writeInvitees(of: next, was: matter, db)
        try InboxIndex.refresh(next, db)
        _ = try EventRecord(t.event).inserted(db)
        return next
    }

    /// Organisation `id` as it stands in this transaction, through one statement prepared once (the write path looks
    /// up the organisations a matter names, and the inbox index those that may see it, on every write).
    static func organisation(_ id: OrgID, _ db: StoreConnection) throws -> Organisation? {
        try OrganisationRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM organisation WHERE id = ?"), arguments: [id])?.domain()
    }

    /// A person disabled while their session was open writes nothing more (checked in the write's transaction).
    static func requireActive(_ viewer: Viewer, _ db: StoreConnection) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT u.active AS user, o.active AS org, o.id AS id
            FROM user_account u JOIN organisation o ON o.id = u.org_id WHERE u.name = ?
            """), arguments: [viewer.user.name]), row["user"] as Bool? == true else {
            throw Refusal.disabledUser(viewer.user.name)
        }
        // Its organisation disabled while the session was open: nothing more from its people.
        guard row["org"] as Bool? == true else { throw Refusal.organisationDisabled(row["id"]) }
    }

    /// The matter with document number `?`, through the unique index of numbers. The index is partial (`number <>
    /// ''`), and SQLite uses a partial index only where the query's own terms imply its condition: without the
    /// second term every lookup read the whole table.
    static let matterByNumber = "SELECT * FROM matter WHERE number = ? AND number <> ''"

    private static func requireUnused(_ number: String, _ db: StoreConnection) throws {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (\(matterByNumber))"), arguments: [number]) == true {
            throw Refusal.numberTaken(number)
        }
    }

    /// The next number 机关代字+kind〔year〕N号 of the issuing organisation: past every number given out for
    /// that prefix and year (even one since amended away) and every one already on a matter.
    private static func nextNumber(for m: Matter, issuer: Organisation, year: Int, _ db: StoreConnection) throws -> String {
        guard !issuer.code.isEmpty else { throw Refusal.noDocumentCode(issuer.id) }
        let prefix = issuer.code + DocumentNumber.kindCode(m.kind, variant: m.variant, from: issuer.party)
        let issued = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT last FROM document_sequence WHERE prefix = ? AND year = ?"), arguments: [prefix, year]) ?? 0
        let head = DocumentNumber.make(prefix: prefix, year: year, sequence: 0).dropLast(2)  // 文检行建〔2025〕
        // A range over the unique index of numbers: only this prefix and year's numbers are read, and of them only those
        // that may go past the sequence come back. A well-formed number's sequence has no leading zero, so one past
        // `issued` is longer than `issued`'s number (in characters, as SQLite counts them), or as long and after it
        // in text; any other is at most `issued` and cannot change the result.
        let last = DocumentNumber.make(prefix: prefix, year: year, sequence: issued)
        let length = last.unicodeScalars.count
        let onMatters = try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT number FROM matter WHERE number <> '' AND number >= ? AND number < ?
                AND (length(number) > ? OR (length(number) = ? AND number > ?))
                """),
            arguments: [String(head), String(head) + "\u{10FFFF}", length, length, last]
        ).compactMap { DocumentNumber.parts($0) }
            .filter { $0.prefix == prefix && $0.year == year && $0.sequence <= maxSequence }.map(\.sequence).max() ?? 0
        let sequence = max(issued, onMatters) + 1
        let number = DocumentNumber.make(prefix: prefix, year: year, sequence: sequence)
        try recordGiven(number, db)
        return number
    }

    /// The highest sequence the allocator counts: a number past it (a case system's 〔2025〕99999999999号) is taken
    /// as given but not followed, so the next number cannot run past `Int`.
    private static let maxSequence = 999_999_999

    /// Raises the sequence of `number`'s prefix and year to it: every number written onto a matter — given by the
    /// sequence, or by the case system when the matter is made, issued or amended — is one the sequence goes past,
    /// even once it is amended away (`document_sequence` keeps the highest ever given, the matters only the ones
    /// they carry now).
    static func recordGiven(_ number: String, _ db: StoreConnection) throws {
        guard let p = DocumentNumber.parts(number), (1900...9999).contains(p.year), (1...maxSequence).contains(p.sequence) else { return }
        try db.cachedStatement(sql: """
            INSERT INTO document_sequence (prefix, year, last) VALUES (?, ?, ?)
            ON CONFLICT (prefix, year) DO UPDATE SET last = max(document_sequence.last, excluded.last)
            """).execute(arguments: [p.prefix, p.year, p.sequence])
    }
}
