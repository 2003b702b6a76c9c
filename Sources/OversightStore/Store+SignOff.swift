import Foundation
import GRDB
import OversightDomain

/// What taking a step came to: the step taken (the matter as it now stands), or, for a handler's step that needs
/// the head's decision (`SignOff`), a submission waiting on it (the matter unchanged).
public enum StepResult: Hashable, Sendable {
    case taken(Matter)
    case submitted(Submission)
}

/// A submission with the matter it is about, as its organisation sees them (`Store.submissions(for:)`).
public struct AwaitingItem: Hashable, Sendable {
    public var submission: Submission
    public var matter: Matter
}

extension Store {
    /// Takes `action` on matter `id` as `viewer`, through the one write path: a handler's step that their
    /// organisation's sign-off covers is checked as the step itself would be (in a savepoint rolled back: access,
    /// version, workflow, document number) and kept as a submission for a head of the organisation; any other step
    /// is `act`. A step of a kind the organisation already has waiting on its head is refused; a returned
    /// submission of the same step is replaced by the new one, or given up when the step is taken directly.
    public func take(
        _ id: MatterID, _ action: MatterAction, input: ActionInput, by viewer: Viewer, expecting version: Int? = nil,
        context: WorkflowContext
    ) throws -> StepResult {
        try write { db in try Self.take(id, action, input: input, by: viewer, expecting: version, context: context, db) }
    }

    /// A head approves the submission waiting on matter `id` from their organisation (of step `step`, else the
    /// oldest): the step is taken as submitted, by its handler (the event's actor), through `act` in the same
    /// transaction; the submission records the head as the one who approved it (签发) and the event it wrote.
    /// Returns the matter as it now stands.
    @discardableResult
    public func approve(_ id: MatterID, step: MatterAction? = nil, by head: Viewer, context: WorkflowContext) throws -> Matter {
        try write { db in try Self.approve(id, step: step, by: head, context: context, db) }
    }

    /// A head returns the submission waiting on matter `id` from their organisation (of step `step`, else the
    /// oldest) to its handler with a reason (required, a long text by the text rule). Nothing reaches the matter.
    /// Returns the submission as it now stands.
    @discardableResult
    public func returnSubmission(
        _ id: MatterID, step: MatterAction? = nil, reason: String, by head: Viewer, on date: CivilDate
    ) throws -> Submission {
        try write { db in try Self.returnSubmission(id, step: step, reason: reason, by: head, on: date, db) }
    }

    /// What waits on `viewer`: for a head, the organisation's pending submissions; for a handler, their own
    /// returned ones (with the reason) and pending ones. Oldest first; only matters the viewer may still see.
    public func awaiting(for viewer: Viewer) throws -> [AwaitingItem] {
        try read { db in
            let rows: [SubmissionRecord]
            switch viewer.user.role {
            case .head:
                rows = try SubmissionRecord.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM submission WHERE org = ? AND state = 'pending' ORDER BY id
                    """), arguments: [viewer.org.id])
            case .handler:
                rows = try SubmissionRecord.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM submission WHERE org = ? AND submitted_by = ? AND state IN ('returned', 'pending')
                    ORDER BY state = 'pending', id
                    """), arguments: [viewer.org.id, viewer.user.name])
            case .admin:
                rows = []
            }
            return try rows.compactMap { r in
                let s = try r.domain()
                return try Self.matter(s.matterID, for: viewer, db).map { AwaitingItem(submission: s, matter: $0) }
            }
        }
    }

    /// A fingerprint of `viewer`'s organisation's open submissions (which there are, and which are returned): it moves
    /// when one is submitted, approved, returned, submitted again or given up, so a session polling it reloads what
    /// waits on sign-off. A submission writes no event, so the event log's token alone would not show it. One index
    /// range (`submission_by_org`).
    public func signOffToken(for viewer: Viewer) throws -> Int64 {
        try read { db in
            try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(id * (CASE state WHEN 'pending' THEN 1 ELSE 2 END)), 0) * 1000003 + COUNT(*)
                FROM submission WHERE org = ? AND state IN ('pending', 'returned')
                """), arguments: [viewer.org.id]) ?? 0
        }
    }

    /// The open (pending or returned) submissions on matter `id` of `viewer`'s organisation: nothing of another
    /// organisation's, nothing on a matter the viewer may not see.
    public func openSubmissions(of id: MatterID, for viewer: Viewer) throws -> [Submission] {
        try read { db in
            guard try Self.matter(id, for: viewer, db) != nil else { return [] }
            return try Self.openSubmissions(of: id, org: viewer.org.id, db)
        }
    }

    /// The open submissions of organisation `org` on matter `id` (the caller has checked the matter is seen).
    static func openSubmissions(of id: MatterID, org: OrgID, _ db: StoreConnection) throws -> [Submission] {
        try SubmissionRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM submission WHERE matter_id = ? AND org = ? AND state IN ('pending', 'returned') ORDER BY id
            """), arguments: [id, org]).map { try $0.domain() }
    }

    /// The heads who approved (签发) the events of matter `id` that came from a submission, by event id, with their
    /// display names: read only when `viewer` may see the matter (an approved step is out, so every party of it
    /// sees who signed it).
    public func approvals(of id: MatterID, for viewer: Viewer) throws -> [Int64: (name: UserName, displayName: String)] {
        try read { db in
            guard try Self.matter(id, for: viewer, db) != nil else { return [:] }
            return try Self.approvals(of: id, db)
        }
    }

    /// The approvals of matter `id`'s steps (the caller has checked the matter is seen).
    static func approvals(of id: MatterID, _ db: StoreConnection) throws -> [Int64: (name: UserName, displayName: String)] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.event_id AS event, s.decided_by AS name, COALESCE(u.display_name, s.decided_by) AS shown
            FROM submission s LEFT JOIN user_account u ON u.name = s.decided_by
            WHERE s.matter_id = ? AND s.state = 'approved'
            """), arguments: [id])
        var out: [Int64: (name: UserName, displayName: String)] = [:]
        for r in rows { out[r["event"]] = (r["name"], r["shown"]) }
        return out
    }

    /// Who signed (签发) the latest `step` of matter `id`, as its letter names them: the head who approved it when it
    /// came from a submission, else its actor when that person is a head of the organisation that took it; nil when
    /// no head decided it (a handler's step that needed no sign-off), the step was not taken, or `viewer` may not see
    /// the matter.
    public func signer(of id: MatterID, step: MatterAction, for viewer: Viewer) throws -> String? {
        try read { db in
            guard try Self.matter(id, for: viewer, db) != nil else { return nil }
            return try String.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(
                    (SELECT COALESCE(u.display_name, s.decided_by) FROM submission s LEFT JOIN user_account u ON u.name = s.decided_by
                     WHERE s.event_id = e.id AND s.state = 'approved'),
                    (SELECT u.display_name FROM user_account u WHERE u.name = e.actor AND u.role = 'head'))
                FROM event e WHERE e.matter_id = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1
                """), arguments: [id, step.rawValue])
        }
    }

    /// Sets organisation `id`'s sign-off (administrators only), with its `org-sign-off` event.
    public func setSignOff(of id: OrgID, to setting: SignOff, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            var record = try Self.requireKept(org: id, try Self.keptCounties(admin, db), db)
            record.signOff = setting.stored
            try record.update(db)
            _ = try EventRecord(
                system: "org-sign-off", on: date, actor: admin.user.name, text: "\(id): \(setting.stored ?? "default")"
            ).inserted(db)
        }
    }

    // MARK: - Inside the write transaction

    static func take(
        _ id: MatterID, _ action: MatterAction, input: ActionInput, by viewer: Viewer, expecting version: Int?,
        context: WorkflowContext, _ db: StoreConnection
    ) throws -> StepResult {
        try requireActive(viewer, db)
        guard let matter = try matter(id, for: viewer, db) else { throw Refusal.notFound(id) }
        if let version, version != matter.version { throw Refusal.stale(expected: version, current: matter) }
        // Prepared once (every step of a session reads both).
        let open = try SubmissionRecord.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM submission WHERE matter_id = ? AND action = ? AND org = ? AND state IN ('pending', 'returned')
            """), arguments: [id, action.rawValue, viewer.org.id])
        if let open, open.state == SubmissionState.pending.rawValue {
            throw Refusal.awaitingDecision(id, action, submission: open.id!)
        }
        // The organisation's setting as it stands now (an administrator may have changed it since the session began).
        let setting = try organisation(viewer.org.id, db)?.signOff ?? viewer.org.signOff
        guard SignOff.needsDecision(action, on: matter, by: viewer, setting: setting) else {
            // The person and the matter as just read and checked: not read again.
            let taken = try act(matter, action, input: input, by: viewer, context: context, db)
            if var open {
                // The step went out without it: a returned submission of it is given up.
                open.state = SubmissionState.withdrawn.rawValue
                open.decidedBy = viewer.user.name
                open.decidedAt = context.today.description
                try open.update(db)
            }
            return .taken(taken)
        }
        // Checked as the step itself: the same path, rolled back, so a submission is one its head can approve now.
        try db.inSavepoint {
            _ = try act(id, action, input: input, by: viewer, expecting: version, context: context, db)
            return .rollback
        }
        var kept = input
        do { kept = try input.normalised() } catch { throw Refusal.workflow(error) }
        var record = open ?? SubmissionRecord(matterId: id, action: action.rawValue, input: "{}", org: viewer.org.id,
                                              submittedBy: viewer.user.name, submittedAt: "", state: "pending")
        record.input = try SubmissionRecord.json(kept)
        record.submittedBy = viewer.user.name
        record.submittedAt = context.today.description
        record.state = SubmissionState.pending.rawValue
        record.reason = nil
        record.decidedBy = nil
        record.decidedAt = nil
        if record.id == nil { try record.insert(db) } else { try record.update(db) }
        try recordDecision("sign-off-submit", record, by: viewer, on: context.today, db)
        return .submitted(try record.domain())
    }

    /// The submission waiting on matter `id` that a head of its organisation may decide now, or the refusal.
    private static func decidable(_ id: MatterID, step: MatterAction?, by head: Viewer, _ db: StoreConnection) throws -> SubmissionRecord {
        try requireActive(head, db)
        // Another organisation's submission, or one no longer waiting, looks the same as none.
        guard try matter(id, for: head, db) != nil,
              let record = try SubmissionRecord.fetchOne(db, sql: """
                SELECT * FROM submission WHERE matter_id = ? AND org = ? AND state = 'pending' AND (? IS NULL OR action = ?)
                ORDER BY id LIMIT 1
                """, arguments: [id, head.org.id, step?.rawValue, step?.rawValue])
        else { throw Refusal.noSubmission(id) }
        guard SignOff.mayDecide(head, for: record.org) else { throw Refusal.notHead(head.user.name) }
        return record
    }

    static func approve(_ id: MatterID, step: MatterAction?, by head: Viewer, context: WorkflowContext, _ db: StoreConnection) throws -> Matter {
        var record = try decidable(id, step: step, by: head, db)
        let submission = try record.domain()
        guard let user = try UserRecord.fetchOne(db, key: submission.submittedBy)?.domain() else {
            throw Refusal.noSubmission(id)
        }
        // The step is the handler's, taken as they submitted it; the head's decision is what lets it out.
        let handler = Viewer(user: user, org: head.org)
        // As `act` refuses a handler's own issue: not to an organisation disabled since (its addressee or an invitee).
        if submission.action == .issue, let m = try matter(submission.matterID, for: head, db),
           let off = try m.addressees.first(where: { try OrganisationRecord.fetchOne(db, key: $0)?.active == false }) {
            throw Refusal.organisationDisabled(off)
        }
        let matter = try act(
            submission.matterID, submission.action, input: submission.input, by: handler, expecting: nil,
            context: context, db, imported: true)
        record.state = SubmissionState.approved.rawValue
        record.decidedBy = head.user.name
        record.decidedAt = context.today.description
        record.eventId = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event WHERE matter_id = ?", arguments: [matter.id])
        try record.update(db)
        try recordDecision("sign-off-approve", record, by: head, on: context.today, db)
        return matter
    }

    static func returnSubmission(
        _ id: MatterID, step: MatterAction?, reason: String, by head: Viewer, on date: CivilDate, _ db: StoreConnection
    ) throws -> Submission {
        var record = try decidable(id, step: step, by: head, db)
        let text: String
        do { text = try TextRule.checked(reason, as: .text) } catch { throw Refusal.workflow(error) }
        guard !text.isEmpty else { throw Refusal.workflow(.invalidInput(.textRequired)) }
        record.state = SubmissionState.returned.rawValue
        record.reason = text
        record.decidedBy = head.user.name
        record.decidedAt = date.description
        try record.update(db)
        try recordDecision("sign-off-return", record, by: head, on: date, db)
        return try record.domain()
    }

    /// A submission, an approval or a return as a system event of the audit chain (`sign-off-submit`,
    /// `sign-off-approve`, `sign-off-return`): who, on which matter and step, the submission's id, the event it let
    /// out or the reason. A system event names no matter, so no party reads it with the matter's history (an
    /// approved step is that history's own event); `audit verify` covers it.
    private static func recordDecision(_ kind: String, _ record: SubmissionRecord, by who: Viewer, on date: CivilDate, _ db: StoreConnection) throws {
        var text = "#\(record.matterId) \(record.action) (submission \(record.id ?? 0))"
        if let event = record.eventId, kind == "sign-off-approve" { text += " → event \(event)" }
        if let reason = record.reason, kind == "sign-off-return" { text += ": \(reason)" }
        _ = try EventRecord(system: kind, on: date, actor: who.user.name, text: text).inserted(db)
    }
}

/// A row of `submission` (v15).
struct SubmissionRecord: RowIDRecord, Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "submission"
    static let keyColumns = ["id"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var matterId: Int64
    var action: String
    var input: String
    var org: String
    var submittedBy: String
    var submittedAt: String
    var state: String
    var reason: String?
    var decidedBy: String?
    var decidedAt: String?
    var eventId: Int64?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func json(_ input: ActionInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(input), as: UTF8.self)
    }

    func domain() throws -> Submission {
        let d = ColumnReader(table: Self.databaseTableName, row: String(id ?? 0))
        let given: ActionInput
        do { given = try JSONDecoder().decode(ActionInput.self, from: Data(input.utf8)) } catch {
            throw Store.Failure.corruptRow(table: Self.databaseTableName, row: String(id ?? 0), column: "input", value: input)
        }
        return Submission(
            id: id ?? 0, matterID: matterId, action: try d.value(MatterAction.self, action, "action"), input: given,
            org: org, submittedBy: submittedBy, submittedOn: try d.date(submittedAt, "submitted_at"),
            state: try d.value(SubmissionState.self, state, "state"), reason: reason, decidedBy: decidedBy,
            decidedOn: try d.date(decidedAt, "decided_at"), eventID: eventId)
    }
}
