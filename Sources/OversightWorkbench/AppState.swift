import OversightDomain

public enum Pane: String, Sendable, CaseIterable {
    case inbox, detail, calendar
}

/// A matter with its history, as the detail pane shows it.
public struct MatterDetail: Hashable, Sendable {
    public var matter: Matter
    public var events: [MatterEvent]

    public init(matter: Matter, events: [MatterEvent]) {
        self.matter = matter
        self.events = events
    }
}

/// Everything the workbench shows, in one value. Changed only by `reduce`.
public struct AppState: Sendable {
    public var viewer: Viewer
    public var today: CivilDate
    /// Organisation names by id, for showing parties.
    public var organisations: [OrgID: String]
    /// The legal clock: holiday calendars, rule book and settings (the alert window among them).
    public var clock: PeriodCalculator

    public var focus: Pane = .inbox
    /// The viewer's open matters, most urgent first.
    public var inbox: [Matter] = []
    /// How many matters the viewer may see in all, closed ones included.
    public var totalVisible = 0
    public var selection = 0
    public var detail: MatterDetail?
    public var detailScroll = 0
    /// The day the calendar cursor is on; its month is the month shown.
    public var calendarCursor: CivilDate
    /// What the keys go to now: the panes, or one of the modes (help, summary, menu, form …).
    public var mode: Mode = .normal
    /// Whether the inbox holds only open matters, or every matter the viewer may see (closed included).
    public var scope: InboxScope = .open
    /// The inbox filter as typed (`/`): text, and words such as overdue, today, week, kind or state names.
    public var filter = ""
    /// Matters tagged (`t`) for one action on all of them.
    public var tagged: Set<MatterID> = []
    /// Everything loaded for the inbox, before the filter.
    public var loaded: [Matter] = []
    /// How far the help overlay is scrolled (in entries), when it is taller than the terminal.
    public var helpScroll = 0
    /// A standing message for the hint line (e.g. why Chinese cannot be shown), if any.
    public var notice: String?
    /// What just went wrong (refused, unreadable, a store call that failed), for the hint line until the next key.
    public var status: Problem?
    /// A one-line message of what just happened (an action done, another session's change), until the next key.
    public var message: Message?
    /// For an administrator: people, organisations and the database's health (loaded with the inbox).
    public var admin: AdminOverview?
    /// The database opened read-only (this process may not write it): the title says so; writes are refused.
    public var readOnly = false
    /// The matters an open `:` line or action menu was begun on: its step goes there, whatever moves meanwhile.
    var subject: StepTarget?
    /// The viewer's drafts: long texts typed into forms and not sent, kept across sessions.
    public var drafts: [Draft] = []
    /// The matter to select once the inbox reloads (one just made).
    public var select: MatterID?
    /// Whether the entry summary is still to be decided (on the first load of the inbox).
    public var entrySummaryPending = true
    public var terminalSize: (width: Int, height: Int) = (80, 24)
    public var quitting = false

    public init(viewer: Viewer, today: CivilDate, organisations: [OrgID: String], clock: PeriodCalculator) {
        self.clock = clock
        self.viewer = viewer
        self.today = today
        self.organisations = organisations
        self.calendarCursor = today
    }

    /// Help is open.
    public var showHelp: Bool {
        get { mode == .help }
        set { mode = newValue ? .help : (mode == .help ? .normal : mode) }
    }

    /// The summary of overdue matters shown once on entry, until a key dismisses it.
    public var showOverdueSummary: Bool {
        get { mode == .summary }
        set { mode = newValue ? .summary : (mode == .summary ? .normal : mode) }
    }

    /// The matters that wait on this viewer's side now (the workflow's taker): 待办.
    /// (All of them, whatever the filter shows.)
    public var todo: Int { loaded.filter { Workflow.awaits(viewer, on: $0) }.count }

    public var selectedMatter: Matter? {
        inbox.indices.contains(selection) ? inbox[selection] : nil
    }

    /// The open matters past their deadline, most overdue first.
    public var overdue: [Matter] {
        inbox.filter { if case .overdue = Urgency($0, today: today, window: alertWindow) { return true } else { return false } }
    }

    /// Days ahead that count as "due soon".
    public var alertWindow: Int { clock.settings.alertWindow }

    /// Alerts count the open matters shown.
    public var alerts: AlertCounts { AlertCounts(inbox.filter(\.state.isOpen), today: today, window: alertWindow) }

    /// Pending deadlines per day of the calendar's month.
    public var deadlinesByDay: [CivilDate: [Matter]] {
        let month = calendarCursor.firstOfMonth
        var byDay: [CivilDate: [Matter]] = [:]
        for m in inbox {
            guard let due = m.pendingDue, due.year == month.year, due.month == month.month else { continue }
            byDay[due, default: []].append(m)
        }
        return byDay
    }
}

/// What an administrator's workbench shows instead of an inbox: people, organisations, the database.
public struct AdminOverview: Hashable, Sendable {
    public var users: [User]
    public var organisations: [Organisation]
    /// How the database stands: its file, integrity check, sizes, the last audit verification.
    public var health: Health

    public init(users: [User], organisations: [Organisation], health: Health) {
        self.users = users
        self.organisations = organisations
        self.health = health
    }
}
