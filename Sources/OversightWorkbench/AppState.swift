import OversightDomain

public enum Pane: String, Sendable, CaseIterable {
    case inbox, detail, calendar
}

/// A matter with its history, as the detail pane shows it.
public struct MatterDetail: Hashable, Sendable {
    public var matter: Matter { didSet { measure() } }
    public var events: [MatterEvent] { didSet { measure() } }
    /// The summary's length in characters (Unicode scalars), counted once when the detail is set, so a frame never
    /// counts a long text again.
    public private(set) var summaryLength = 0
    /// Each event's text length, likewise.
    public private(set) var textLengths: [Int] = []

    /// The detail pane shows at most this many characters of a text (a summary, a step's text); the rest is one key
    /// (`v`, the full-text view) away, so no frame's cost depends on a text's size (an older database may hold a
    /// text of megabytes).
    public static let shownLength = 2_000

    /// The display names of the events' actors (王建国 for wangjian): the history names people, not logins.
    public var names: [UserName: String]
    /// The matters it follows and that follow it, those the viewer may see (`Store.links`).
    public var links: MatterLinks

    /// The open (pending or returned) submissions on it of the viewer's organisation (sign-off): only its own
    /// organisation reads them (`Store.openSubmissions`).
    public var submissions: [Submission]

    /// Who signed (签发) the events that went out on a head's decision, by event id, as people know them
    /// (`Store.approvals`): the history names them beside the handler who took the step.
    public var approvals: [Int64: String]

    public init(
        matter: Matter, events: [MatterEvent], names: [UserName: String] = [:], links: MatterLinks = MatterLinks(),
        submissions: [Submission] = [], approvals: [Int64: String] = [:]
    ) {
        self.matter = matter
        self.events = events
        self.names = names
        self.links = links
        self.submissions = submissions
        self.approvals = approvals
        measure()
    }

    private mutating func measure() {
        summaryLength = matter.summary.unicodeScalars.count
        textLengths = events.map { $0.text.unicodeScalars.count }
    }

    /// Whether the detail pane shows some text cut (the full-text view has the rest).
    public var hasCutText: Bool {
        summaryLength > Self.shownLength || textLengths.contains { $0 > Self.shownLength }
    }

    /// The first `shownLength` characters of `text`, or nil when it is shown whole.
    public static func shown(_ text: String, length: Int) -> String? {
        guard length > shownLength else { return nil }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(shownLength)))
    }
}

/// A submission waiting on sign-off with its matter, as the workbench shows it: `handler` and `head` are the
/// people's display names.
public struct SignOffItem: Hashable, Sendable {
    public var submission: Submission
    public var matter: Matter
    public var handler: String
    public var head: String?

    public init(submission: Submission, matter: Matter, handler: String, head: String? = nil) {
        self.submission = submission
        self.matter = matter
        self.handler = handler
        self.head = head
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
    /// The words a person may type for a value (codes, Chinese, English; organisations by id or name): what the
    /// filter, forms and the `:` line read. Codes only until the runtime gives the string tables' words.
    public var words: Vocabulary = .codes
    /// The county's rules by their names in either language (`rule.KEY`), for `:rules propose|agree KEY`; a key's
    /// code is read without them.
    public var ruleNames: [String: CountyRuleKey] = [:]

    public var focus: Pane = .inbox
    /// The inbox has the whole width and the panes' full height (`z`, `:zoom`): the detail and the calendar are
    /// neither drawn nor read meanwhile (their loads are dropped and read again on the way back, `Reducer+Zoom`).
    /// Holds only with the focus on the inbox: whatever moves the focus elsewhere brings the panes back.
    public var zoomed = false
    /// The rows of the inbox held now: a window onto the whole (the store reads it a page at a time), around the
    /// selection. `inbox[0]` is row `inboxStart` of the whole.
    public var inbox: [Matter] = []
    /// Where the window starts in the whole inbox.
    public var inboxStart = 0
    /// How many rows the inbox has in all (its scope and filter).
    public var inboxCount = 0
    /// Whether `inboxCount` is a lower bound (a typed filter's count capped at the rows read, `InboxPage.atLeast`):
    /// shown as "n+" until the exact count comes.
    public var inboxCountAtLeast = false
    /// What waits on sign-off (`Store.awaiting`): for a head, the organisation's submissions to approve or return
    /// (待审批); for a handler, their own returned (and pending) ones. Shown above the inbox's rows.
    public var awaiting: [SignOffItem] = []
    /// The selected entry of `awaiting`, when the selection is in that block (nil: on the inbox's rows).
    public var awaitingSelection: Int?
    /// What waits on the viewer, what it may see, the alerts and the rows of its scope whatever the filter
    /// (from the store's aggregates).
    public var summary = InboxSummary()
    /// The selected row of the whole inbox.
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
    /// Pending deadlines per day of the calendar's month (of the matters the inbox shows), and that month.
    public var deadlinesByDay: [CivilDate: Int] = [:]
    /// Open matters with a planned day (a meeting's, an inspection's, an annual plan's items) in the month shown, by day.
    public var plannedByDay: [CivilDate: Int] = [:]
    public var deadlinesMonth: CivilDate?
    /// A standing message for the hint line (e.g. why Chinese cannot be shown), if any.
    public var notice: String?
    /// What just went wrong (refused, unreadable, a store call that failed), for the hint line until the next key.
    public var status: Problem?
    /// A one-line message of what just happened (an action done, another session's change), until the next key.
    public var message: Message?
    /// For an administrator: people, organisations and the database's health (loaded with the inbox).
    public var admin: AdminOverview?
    /// The administrator's selected row: an index into `admin.rows` (people, then organisations).
    public var adminSelection = 0
    /// The database opened read-only (this process may not write it): the title says so; writes are refused.
    public var readOnly = false
    /// Where the person came in over SSH (`account@server-address`), for the command that fetches a letter; nil
    /// when the workbench runs without SSH.
    public var sshAddress: String?
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

    /// Help is open (set: opened at its top, or closed).
    public var showHelp: Bool {
        get { if case .help = mode { true } else { false } }
        set {
            if newValue { mode = .help(scroll: 0) } else if showHelp { mode = .normal }
        }
    }

    /// How far the open help is scrolled (in entries); 0 when it is not open. Set only while it is open.
    public var helpScroll: Int {
        get { if case .help(let scroll) = mode { scroll } else { 0 } }
        set { if case .help = mode { mode = .help(scroll: newValue) } }
    }

    /// The reports pane is open.
    public var showsReport: Bool { if case .report = mode { true } else { false } }

    /// The figures the open reports pane shows (nil while they are read, or when it is not open).
    public var report: Report? { if case .report(let report, _) = mode { report } else { nil } }

    /// How far the open reports pane is scrolled (in rows).
    public var reportScroll: Int { if case .report(_, let scroll) = mode { scroll } else { 0 } }

    /// The matters an open `:` line or action menu was begun on: its step goes there, whatever moves meanwhile.
    public var subject: StepTarget? {
        switch mode {
        case .commandLine(_, _, let subject), .menu(_, let subject): subject
        default: nil
        }
    }

    /// The summary of overdue matters shown once on entry, until a key dismisses it.
    public var showOverdueSummary: Bool {
        get { mode == .summary }
        set { mode = newValue ? .summary : (mode == .summary ? .normal : mode) }
    }

    /// The matters that wait on this viewer's side now (the workflow's taker): 待办.
    /// (All of them, whatever the filter shows.)
    public var todo: Int { summary.todo }

    /// How many matters the viewer may see in all, closed ones included.
    public var totalVisible: Int { summary.total }

    /// The selected matter: the sign-off entry's when the selection is in that block, else the inbox row's.
    public var selectedMatter: Matter? {
        if let item = selectedAwaiting { return item.matter }
        return selectedInboxRow
    }

    /// The selected inbox row's matter (whatever the sign-off block's selection).
    public var selectedInboxRow: Matter? {
        let i = selection - inboxStart
        return inbox.indices.contains(i) ? inbox[i] : nil
    }

    /// The selected sign-off entry, when the selection is in that block.
    public var selectedAwaiting: SignOffItem? {
        awaitingSelection.flatMap { awaiting.indices.contains($0) ? awaiting[$0] : nil }
    }

    /// The first open matters past their deadline, most overdue first (`alerts.overdue` says how many in all).
    public var overdue: [Matter] { summary.overdue }

    /// Days ahead that count as "due soon".
    public var alertWindow: Int { clock.settings.alertWindow }

    /// Alerts count the open matters in the inbox's scope, whatever the filter shows.
    public var alerts: AlertCounts { summary.alerts }

    /// A filter narrows the inbox now (it has words, typed with `/` or `:filter`).
    public var filtering: Bool { !query.filter.words.isEmpty }

    /// What the inbox shows: its scope and filter.
    public var query: InboxQuery { InboxQuery(scope: scope, filter: InboxFilter(filter, today: today, window: alertWindow, words: words)) }

    /// The most rows the window holds: a few screens.
    public var windowLimit: Int { max(120, terminalSize.height * 6) }

    /// The inbox key of the window's row `i`.
    public func key(ofRow i: Int) -> InboxKey? {
        inbox.indices.contains(i) ? InboxOrder.key(of: inbox[i], for: viewer.org) : nil
    }
}

/// What an administrator's workbench shows instead of an inbox: people, organisations, the database.
public struct AdminOverview: Hashable, Sendable {
    public var users: [User]
    public var organisations: [Organisation]
    /// How the database stands: its file, integrity check, sizes, the last audit verification.
    public var health: Health

    /// Every login key, oldest first (numbered as `key list` numbers them).
    public var keys: [AdminKey]

    public init(users: [User], organisations: [Organisation], health: Health, keys: [AdminKey] = []) {
        self.keys = keys
        self.users = users
        self.organisations = organisations
        self.health = health
    }
}
