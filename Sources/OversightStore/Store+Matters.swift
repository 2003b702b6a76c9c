import Foundation
import GRDB
import OversightDomain

extension Store {
    /// The matters `viewer` may see: open ones (or all with `includeClosed`), in the inbox order (`InboxOrder`:
    /// what waits on the viewer first, then others, each most urgent first), as the workbench's 待办 and 全部 list
    /// them: read from the inbox index (`inbox(for:_:)`).
    public func matters(for viewer: Viewer, includeClosed: Bool = false) throws -> [Matter] {
        try inbox(for: viewer, InboxQuery(scope: includeClosed ? .all : .open, filter: .everything))
    }

    /// Every matter `viewer` may count, closed ones included: a party's share (its whole inbox, read as
    /// `inbox(for:_:)` reads it: the same access and index, in its order), or, for an active administrator, the
    /// matters started in the counties it keeps (`keptCounties`), by id (the county figures; an administrator sees no matter in the workbench). Checked inside the
    /// read, so a disabled administrator reads nothing.
    public func readableMatters(for viewer: Viewer) throws -> [Matter] {
        if viewer.party == .admin {
            return try read { db in
                let kept = try Self.keptCounties(viewer, db)
                return try Self.decode(MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE \(try Self.startedIn(kept, db)) ORDER BY id"), db)
            }
        }
        return try inbox(for: viewer, InboxQuery(scope: .all, filter: .everything))
    }

    /// One matter, if `viewer` may see it (nil otherwise: unknown and forbidden look the same).
    public func matter(_ id: MatterID, for viewer: Viewer) throws -> Matter? {
        try read { db in try Self.matter(id, for: viewer, db) }
    }

    /// The history of a matter `viewer` may see, oldest first.
    public func events(of id: MatterID, for viewer: Viewer) throws -> [MatterEvent] {
        try read { db in try Self.events(of: id, for: viewer, db) }
    }

    static func events(of id: MatterID, for viewer: Viewer, _ db: StoreConnection) throws -> [MatterEvent] {
        guard let filter = visibility(viewer) else { return [] }
        return try EventRecord.fetchAll(
            db.cachedStatement(sql: """
                SELECT event.* FROM event JOIN matter ON matter.id = event.matter_id
                WHERE event.matter_id = :id AND (\(filter.sql)) ORDER BY event.id
                """),
            arguments: filter.arguments + ["id": id]
        ).map { try $0.domain() }
    }

    /// Everything the workbench's detail pane shows of matter `id`, in one read (one moment of the database, the
    /// matter's visibility checked once): the matter, its history, the organisation's open submissions on it, the
    /// links both ways, the approvals (签发) of its steps, and the display names of the people in its history and
    /// of those it is known to. Nil when `viewer` may not see it. What `matter`, `events`, `openSubmissions`,
    /// `links`, `approvals` and `displayNames` each read, in one transaction instead of six.
    public func detail(of id: MatterID, for viewer: Viewer) throws -> MatterReading? {
        try read { db in
            guard let m = try Self.matter(id, for: viewer, db) else { return nil }
            let events = try Self.events(of: id, for: viewer, db)
            return MatterReading(
                matter: m, events: events, submissions: try Self.openSubmissions(of: id, org: viewer.org.id, db),
                links: try Self.links(ofSeen: id, for: viewer, db), approvals: try Self.approvals(of: id, db),
                names: try Self.displayNames(of: events, also: m.knownTo ?? [], db))
        }
    }

    /// The display names of the people who acted in `events` (read through `events(of:for:)`, so the viewer's), and
    /// of `also` (a need-to-know matter's people).
    public func displayNames(of events: [MatterEvent], also: [UserName] = []) throws -> [UserName: String] {
        try read { db in try Self.displayNames(of: events, also: also, db) }
    }

    static func matter(_ id: MatterID, for viewer: Viewer, _ db: StoreConnection) throws -> Matter? {
        guard let filter = visibility(viewer) else { return nil }
        let rows = try MatterRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM matter WHERE id = :id AND (\(filter.sql))"), arguments: filter.arguments + ["id": id])
        return try decode(rows, db).first
    }

    /// Domain values of `records`, with their copies (one query for all of them).
    static func decode(_ records: [MatterRecord], _ db: StoreConnection) throws -> [Matter] {
        var copies: [MatterID: [OrgID]] = [:]
        let ids = records.compactMap(\.id)
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            // One statement per chunk size (a page's or one matter's), prepared once.
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for c in try MatterCopyRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM matter_copy WHERE matter_id IN (\(marks)) ORDER BY rowid"),
                arguments: StatementArguments(databaseValues: chunk.map { $0.databaseValue })) {
                copies[c.matterId, default: []].append(c.orgId)
            }
        }
        let invitees = try Self.invitees(of: ids, db)
        var matters = try records.map {
            var m = try $0.domain(copiedTo: copies[$0.id ?? 0] ?? [])
            m.invitees = invitees[m.id]
            return m
        }
        let served = matters.filter { $0.servedOn != nil && [.transfer, .inspection, .supervisionApplication, .consultation].contains($0.kind) }
        if !served.isEmpty {
            let versions = try Self.clockVersions(of: served.map(\.id), db)
            if !versions.isEmpty {
                for i in matters.indices { matters[i].clockVersion = versions[matters[i].id] }
            }
        }
        let knownTo = try Self.knownTo(of: matters, db)
        if !knownTo.isEmpty {
            for i in matters.indices { matters[i].knownTo = knownTo[matters[i].id] }
        }
        return matters
    }

    // MARK: - Access, in SQL

    /// `AccessPolicy.visibility(for:)` compiled into SQL over `matter`, or nil when the viewer may see no
    /// matter at all. The rule is the domain's own value (`Visibility.condition`), compiled term by term; a test
    /// compares both over matters of every kind × party × state × subject × copies.
    static func visibility(_ viewer: Viewer) -> (sql: String, arguments: StatementArguments)? {
        AccessPolicy.visibility(for: viewer).map(visibility)
    }

    /// One organisation's visibility (its party's condition of an `AccessRule`, in its scope) in SQL over `matter`.
    static func visibility(_ rule: Visibility) -> (sql: String, arguments: StatementArguments) {
        let person: String? = if case .person(let name) = rule.scope { name } else { nil }
        return (compiled.sql(rule.condition), ["org": rule.org, "head": rule.scope == .heads, "person": person])
    }

    /// Each party's condition compiled once (`sql(_:)`), not on every read and write of a matter.
    private static let compiled = CompiledConditions()

    /// One condition in SQL over `matter`, the viewer's organisation bound as `:org`, whether the person looking is
    /// a head as `:head`, their name (or NULL for every person of it, or its heads) as `:person`. Every term is true
    /// or false, never NULL (a NULL subject is `IS`-compared), so `NOT` means what `AccessCondition.not` means.
    static func sql(_ condition: AccessCondition) -> String {
        switch condition {
        case .sentByViewer: return "matter.from_org = :org"
        case .addressedToViewer:
            return "(matter.to_org = :org OR EXISTS (SELECT 1 FROM matter_invitee WHERE matter_invitee.matter_id = matter.id AND matter_invitee.org = :org))"
        case .aboutViewer: return "matter.subject_org IS :org"
        case .copiedToViewer:
            return "EXISTS (SELECT 1 FROM matter_copy WHERE matter_copy.matter_id = matter.id AND matter_copy.org_id = :org)"
        // The domain's own names (fixed identifiers, never user text).
        case .kind(let k): return "matter.kind = '\(k.rawValue)'"
        case .state(let s): return "matter.state = '\(s.rawValue)'"
        case .issued: return "matter.issued_on IS NOT NULL"
        case .viewerIsHead: return "(:head = 1)"
        case .knownToViewer:
            return "EXISTS (SELECT 1 FROM matter_reader WHERE matter_reader.matter_id = matter.id AND matter_reader.user_name = :person)"
        case .not(let c): return "NOT (\(sql(c)))"
        case .any(let cs): return cs.isEmpty ? "FALSE" : "(" + cs.map(sql).joined(separator: " OR ") + ")"
        case .all(let cs): return cs.isEmpty ? "TRUE" : "(" + cs.map(sql).joined(separator: " AND ") + ")"
        }
    }
}

/// What other sessions wrote since a session last looked: the newest event id, and the events among them
/// on matters the viewer may see (for the one-line notice and to reload only what changed).
public struct Changes: Hashable, Sendable {
    public var lastEventID: Int64
    public var events: [MatterEvent]
    /// The display names of the events' actors (王建国 for wangjian), for the notice; a name not found is absent.
    public var names: [UserName: String] = [:]
}

extension Store {
    /// The events after `eventID` on matters `viewer` may see (at most `limit`, newest last), and the newest
    /// event id of the whole log. An index lookup when nothing changed.
    public func changes(after eventID: Int64, for viewer: Viewer, limit: Int = 200) throws -> Changes {
        try read { db in
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM event")) ?? 0
            guard last > eventID, let filter = Self.visibility(viewer) else { return Changes(lastEventID: last, events: []) }
            let events = try EventRecord.fetchAll(
                db.cachedStatement(sql: """
                    SELECT event.* FROM event JOIN matter ON matter.id = event.matter_id
                    WHERE event.id > :after AND (\(filter.sql)) ORDER BY event.id LIMIT :limit
                    """),
                arguments: filter.arguments + ["after": eventID, "limit": limit]
            ).map { try $0.domain() }
            return Changes(lastEventID: last, events: events, names: try Self.displayNames(of: events, db))
        }
    }

    /// The display names of the people who acted in `events` (王建国 for wangjian): what a notice and a matter's
    /// history show. A login not found is absent (the caller shows the login).
    static func displayNames(of events: [MatterEvent], also: [UserName] = [], _ db: StoreConnection) throws -> [UserName: String] {
        let actors = Array(Set(events.map(\.actor) + also))
        var names: [UserName: String] = [:]
        guard !actors.isEmpty else { return names }
        let marks = Array(repeating: "?", count: actors.count).joined(separator: ",")
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT name, display_name FROM user_account WHERE name IN (\(marks))"),
                                    arguments: StatementArguments(actors)) {
            names[row["name"]] = row["display_name"]
        }
        return names
    }
}

/// The conditions compiled so far (few: one per party of the rules in use), behind a lock.
private final class CompiledConditions: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [AccessCondition: String] = [:]

    func sql(_ condition: AccessCondition) -> String {
        if let found = lock.withLock({ known[condition] }) { return found }
        let sql = Store.sql(condition)
        lock.withLock {
            if known.count >= 64 { known.removeAll() }  // rules made up by tests: kept few
            known[condition] = sql
        }
        return sql
    }
}

/// What the detail pane shows of one matter, read at one moment (`Store.detail(of:for:)`).
public struct MatterReading: Sendable {
    public var matter: Matter
    public var events: [MatterEvent]
    /// The viewer's organisation's open (pending or returned) submissions on it.
    public var submissions: [Submission]
    public var links: MatterLinks
    /// Who approved (签发) the steps that came from a submission, by event id: login and display name.
    public var approvals: [Int64: (name: UserName, displayName: String)]
    /// The display names of the people in its history and of those it is known to.
    public var names: [UserName: String]
}
