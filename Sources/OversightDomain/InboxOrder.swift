/// The inbox's order, as one sortable key per matter and organisation: what waits on the organisation first,
/// then what waits on others, each most urgent first (overdue the most first, then the nearest deadline, then
/// no deadline; ties newest first, then by id); closed and withdrawn matters last, the latest ended first.
///
/// The store keeps this key for every organisation that may see a matter (`inbox_entry`, written in the same
/// transaction as the matter), so an inbox of any size is read a page at a time in this order from an index.
/// The key does not depend on today: the order of deadlines is the order of urgency on every day.
public struct InboxKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `G yyyy-mm-dd cccccccc iiiiiiiiiiii`: group (0 waits on the organisation, 1 open, 2 ended), the pending
    /// deadline (9999-99-99 for none), the creation date inverted (newest first), the id; for ended matters the
    /// end date inverted and the id inverted.
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func < (a: InboxKey, b: InboxKey) -> Bool { a.text < b.text }
    public var description: String { text }

    /// The first key of a group (every key of the group is greater); `lowest(3)` is past every key.
    public static func lowest(_ group: Int) -> InboxKey { InboxKey("\(group)") }

    /// The lowest key of an open group whose pending deadline is `day` or later.
    public static func due(_ group: Int, from day: CivilDate) -> InboxKey { InboxKey("\(group) \(day)") }

    /// Past every key of an open group whose pending deadline is `day` or earlier.
    public static func due(_ group: Int, through day: CivilDate) -> InboxKey { InboxKey("\(group) \(day)~") }

    /// Where the pending deadline sits in the key (characters 3–12), for the store's SQL.
    public static let dueRange = (start: 3, length: 10)
    /// The pending deadline's place-holder for none.
    public static let noDue = "9999-99-99"
}

public enum InboxOrder {
    /// `matter`'s place in the inbox of `organisation`.
    public static func key(of m: Matter, for organisation: Organisation) -> InboxKey {
        let id = digits(Int(m.id), 12)
        guard m.state.isOpen else {
            let ended = m.closedOn ?? m.createdOn
            return InboxKey("2 \(inverted(ended)) \(digits(999_999_999_999 - Int(m.id), 12))")
        }
        let group = Workflow.awaits(organisation, on: m) ? 0 : 1
        let due = m.pendingDue.map(\.description) ?? InboxKey.noDue
        return InboxKey("\(group) \(due) \(inverted(m.createdOn)) \(id)")
    }

    /// The organisations that may see `m` under `rule`, each in the scope it does (`AccessRule.readerScopes`), with
    /// the matter's key in its inbox: the rows of the inbox index, each under its `reader` name.
    public static func entries(
        of m: Matter, rule: AccessRule = AccessPolicy.rule,
        organisations: (OrgID) throws -> Organisation?, everyOf: (Party) throws -> [Organisation]
    ) rethrows -> [(org: String, key: InboxKey)] {
        try rule.readerScopes(of: m, organisations: organisations, everyOf: everyOf).map {
            (reader($0.org.id, $0.scope), key(of: m, for: $0.org))
        }
    }

    /// The name of an inbox index range: the organisation's id for what every person of it sees; the id and U+001F
    /// for what only its heads see (need to know); the id, U+001F and a person's name for what that person also sees.
    public static func reader(_ org: OrgID, _ scope: AccessScope) -> String {
        switch scope {
        case .members: return org
        case .heads: return org + "\u{1F}"
        case .person(let name): return org + "\u{1F}" + name
        }
    }

    /// The index ranges a viewer's inbox is made of: its organisation's, and its heads' or its own need-to-know one.
    public static func readers(_ visibility: Visibility) -> [String] {
        visibility.scope == .members ? [visibility.org] : [visibility.org, reader(visibility.org, visibility.scope)]
    }

    /// `matters` in the inbox order of `organisation` (the specification the store's index is tested against).
    public static func sorted(_ matters: [Matter], for organisation: Organisation) -> [Matter] {
        matters.map { (m: $0, k: key(of: $0, for: organisation)) }.sorted { $0.k < $1.k }.map(\.m)
    }

    private static func inverted(_ d: CivilDate) -> String { digits(99_999_999 - (d.year * 10_000 + d.month * 100 + d.day), 8) }

    private static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(max(0, n))
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// What an inbox shows: open matters or everything, narrowed by a filter.
public struct InboxQuery: Hashable, Sendable {
    public var scope: InboxScope
    public var filter: InboxFilter

    public init(scope: InboxScope, filter: InboxFilter) {
        self.scope = scope
        self.filter = filter
    }
}

/// Where a page of the inbox is read from.
public enum InboxAnchor: Hashable, Sendable {
    case top, bottom
    /// The rows after this key, going down.
    case after(InboxKey)
    /// The rows before this key, going up (returned in order).
    case before(InboxKey)
    /// Rows around this matter when the query shows it, else around the key, else from the top.
    case around(MatterID?, else: InboxKey?)
}

/// A run of the inbox's rows, in order.
public struct InboxPage: Hashable, Sendable {
    public var matters: [Matter]
    /// Where the first row stands in the whole inbox (nil for `.after`/`.before`: the reader knows).
    public var start: Int?
    /// How many rows the query has in all, when asked.
    public var count: Int?
    /// Whether `count` is a lower bound: the count was capped at the rows read (what the screen needs) because counting
    /// them all would read every matter row (a typed one- or two-character filter, `Store.inboxPage(… capped: true)`),
    /// and the page did not reach the inbox's end, so more rows may follow.
    public var atLeast: Bool

    public init(matters: [Matter], start: Int?, count: Int?, atLeast: Bool = false) {
        self.matters = matters
        self.start = start
        self.count = count
        self.atLeast = atLeast
    }
}

/// The figures around an inbox: what waits on the viewer, all it may see, the alerts of what is shown.
public struct InboxSummary: Hashable, Sendable {
    /// Open matters waiting on the viewer's organisation (待办), whatever the filter.
    public var todo: Int
    /// Every matter the viewer may see, closed ones included.
    public var total: Int
    /// Overdue, due today and due soon among the open matters the query shows.
    public var alerts: AlertCounts
    /// The first of the overdue matters the query shows, most overdue first (what waits on the viewer first).
    public var overdue: [Matter]
    /// The rows of the inbox in its scope, whatever the filter (what a filter's count is out of).
    public var inScope: Int

    public init(todo: Int = 0, total: Int = 0, alerts: AlertCounts = AlertCounts(), overdue: [Matter] = [], inScope: Int = 0) {
        self.todo = todo
        self.total = total
        self.alerts = alerts
        self.overdue = overdue
        self.inScope = inScope
    }
}

