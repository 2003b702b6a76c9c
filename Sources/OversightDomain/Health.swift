// What an administrator sees of the database: values only (the store measures them, the screen words them).

/// How the database stands, for the administrator's screen.
public struct Health: Hashable, Sendable {
    public var path: String
    /// "ok", or the first problems SQLite's integrity check found.
    public var integrity: String
    public var journalMode: String
    public var organisations: Int
    public var users: Int
    public var matters: Int
    public var openMatters: Int
    public var events: Int
    public var bytes: Int64
    /// The last `oversight audit verify` (when, intact or the first bad event), if one was recorded.
    public var lastAudit: AuditRecord?

    public init(
        path: String, integrity: String, journalMode: String, organisations: Int, users: Int, matters: Int,
        openMatters: Int, events: Int, bytes: Int64, lastAudit: AuditRecord?
    ) {
        self.path = path
        self.integrity = integrity
        self.journalMode = journalMode
        self.organisations = organisations
        self.users = users
        self.matters = matters
        self.openMatters = openMatters
        self.events = events
        self.bytes = bytes
        self.lastAudit = lastAudit
    }
}

/// The last `audit verify` (recorded in `setting`), for the administrator's screen.
public struct AuditRecord: Hashable, Sendable, Codable {
    /// When it ran (UTC, ISO 8601).
    public var at: String
    public var intact: Bool
    public var events: Int
    /// The head hash when intact.
    public var head: String?
    /// The first bad event when not intact.
    public var badEvent: Int64?
    public var problem: String?

    public init(at: String, intact: Bool, events: Int, head: String? = nil, badEvent: Int64? = nil, problem: String? = nil) {
        self.at = at
        self.intact = intact
        self.events = events
        self.head = head
        self.badEvent = badEvent
        self.problem = problem
    }
}
