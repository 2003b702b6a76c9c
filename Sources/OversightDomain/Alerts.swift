/// How close a pending deadline is, as the alert rules see it.
public enum Urgency: Hashable, Sendable, Comparable {
    /// Past the deadline by this many days (≥ 1).
    case overdue(days: Int)
    case dueToday
    /// Due within the alert window, in this many days (≥ 1).
    case dueSoon(days: Int)
    /// Due later than the window.
    case later(days: Int)
    /// No deadline binds anyone.
    case none

    public init(due: CivilDate?, today: CivilDate, window: Int = AlertRules.defaultWindow) {
        guard let due else { self = .none; return }
        let left = today.days(until: due)
        if left < 0 { self = .overdue(days: -left) }
        else if left == 0 { self = .dueToday }
        else if left <= window { self = .dueSoon(days: left) }
        else { self = .later(days: left) }
    }

    /// Sort key: overdue first (most overdue first), then nearest deadline, then no deadline.
    public var rank: Int {
        switch self {
        case .overdue(let d): return -d
        case .dueToday: return 0
        case .dueSoon(let d), .later(let d): return d
        case .none: return Int.max
        }
    }

    public static func < (a: Urgency, b: Urgency) -> Bool { a.rank < b.rank }
}

public enum AlertRules {
    /// Days ahead that count as "due soon".
    public static let defaultWindow = 7
}

/// Counts for the title line.
public struct AlertCounts: Hashable, Sendable {
    public var overdue = 0
    public var dueToday = 0
    public var dueSoon = 0

    public init(overdue: Int = 0, dueToday: Int = 0, dueSoon: Int = 0) {
        self.overdue = overdue
        self.dueToday = dueToday
        self.dueSoon = dueSoon
    }

    public init(_ matters: [Matter], today: CivilDate, window: Int = AlertRules.defaultWindow) {
        for m in matters {
            switch Urgency(due: m.pendingDue, today: today, window: window) {
            case .overdue: overdue += 1
            case .dueToday: dueToday += 1
            case .dueSoon: dueSoon += 1
            case .later, .none: break
            }
        }
    }
}

extension Urgency {
    /// The urgency of `matter`'s pending deadline.
    public init(_ matter: Matter, today: CivilDate, window: Int = AlertRules.defaultWindow) {
        self.init(due: matter.pendingDue, today: today, window: window)
    }
}

extension AlertRules {
    /// The matters that need an alert now (overdue, due today, or due within the window) in the inbox order of
    /// `organisation` (`InboxOrder`: what waits on it first, then others, each most urgent first), as
    /// `oversight alerts` lists them.
    public static func alerting(_ matters: [Matter], for organisation: Organisation, today: CivilDate, window: Int = defaultWindow) -> [Matter] {
        InboxOrder.sorted(matters, for: organisation).filter {
            switch Urgency($0, today: today, window: window) {
            case .overdue, .dueToday, .dueSoon: return true
            case .later, .none: return false
            }
        }
    }
}
