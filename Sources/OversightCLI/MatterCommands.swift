import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightPostgres
import OversightStore
import OversightWorkbench

/// `oversight matter …`: every workflow of the mechanism from the command line. Each change goes through the
/// store's one write path (`Store.create`, `Store.act`), exactly as the workbench's commands do.
struct MatterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matter", abstract: "Matters: list, show, start and act on them.",
        subcommands: [List.self, Show.self, New.self, Actions.self, Act.self, Approve.self, Return.self])

    struct List: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Your open matters in the workbench's order: what waits on you first, then the rest, each most urgent first (--all: every matter you may see, closed last).")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "Every matter you may see, closed and withdrawn included.") var all = false
        @Flag(name: .long, help: "JSON for scripts: id, number, kind, title, domain, department, state, due, overdue, version …")
        var json = false
        @Flag(name: .long, help: "What waits on you for sign-off: a head's pending submissions of the organisation; a handler's own returned (and pending) ones, with the reason.")
        var awaitingMe = false

        func run() throws {
            let session = try globals.session()
            if awaitingMe { return try listAwaiting(session) }
            // The workbench's inbox, 待办 or 全部, in its order: read through the same inbox index, a page at a time,
            // each page printed as it is read (the first screenful comes after one page, whatever the inbox holds).
            let query = InboxQuery(
                scope: all ? .all : .open, filter: InboxFilter("", today: session.context.today, window: session.window))
            if json { return try listJSON(session, query) }
            let words = try globals.presenter(), s = words.strings
            let header = ["id", "number", "kind", "state", "due", "title"].map { s("cli.column.\($0)") }
            // The columns are as wide as the header and the first page need (every row of a list of up to a page, as
            // `table` aligns them); a wider cell further down pushes only its own row.
            var widths: [Int]?
            try session.store.inboxPages(for: session.viewer, query) { page in
                let rows = page.map { m in
                    let item = ExchangeMatter(m, session: session)
                    return [String(m.id), m.number, words.kind(m.kind, short: true), words.state(m, short: true),
                            (item.due ?? "") + (item.overdue == true ? " !" : ""), m.title]
                }
                if widths == nil {
                    let w = columnWidths(header, rows)
                    widths = w
                    print(aligned(header, widths: w))
                }
                print(rows.map { aligned($0, widths: widths!) }.joined(separator: "\n"))
            }
            if widths == nil { print(table(header, [])) }
        }

        /// The list as one JSON array, written a page at a time as the pages are read: the bytes `json(array)` gives
        /// for the whole array (a page's array is its elements between "[\n" and "\n]", joined by ",\n").
        private func listJSON(_ session: Session, _ query: InboxQuery) throws {
            var started = false
            try session.store.inboxPages(for: session.viewer, query) { page in
                guard !page.isEmpty else { return }
                let text = try OversightCLI.json(page.map { ExchangeMatter($0, session: session) })
                print((started ? ",\n" : "[\n") + text.dropFirst(2).dropLast(2), terminator: "")
                started = true
            }
            print(started ? "\n]" : try OversightCLI.json([ExchangeMatter]()))
        }
    }

    struct AwaitingItemJSON: Encodable {
        var id: Int64
        var title: String
        var step: String
        var state: String
        var submittedBy: String
        var submittedOn: String
        var reason: String?
        var decidedBy: String?
    }

    struct Approve: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Approve (签发) the step your organisation's handler submitted on a matter (heads only): it goes out as submitted.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The matter's id (as `matter list --awaiting-me` prints it).", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("The step, when more than one waits on the matter (else the oldest).", valueName: "STEP"))
        var step: String?
        @Flag(name: .long, help: "Print the matter as it now stands, as JSON.") var json = false

        func run() throws {
            let session = try globals.session()
            let words = try globals.presenter(), s = words.strings
            let id = try matterID(self.id)
            let step = try self.step.map { try submissionStep($0, session: session, s) }
            let waiting = try session.store.openSubmissions(of: id, for: session.viewer)
                .first { $0.state == .pending && (step == nil || $0.action == step) }
            let m = try session.store.approve(id, step: step, by: session.viewer, context: session.context)
            if json { return print(try OversightCLI.json(ExchangeMatter(m, session: session))) }
            let action = waiting?.action ?? step ?? .issue
            print(s("cli.matter.approved", [
                "id": m.id, "step": s.language == .en ? action.rawValue : words.event(.step(action), of: m),
                "head": safe(session.viewer.user.displayName),
                "state": s.language == .en ? m.state.rawValue : words.state(m), "version": m.version,
                "number": m.number.isEmpty ? "" : s("cli.matter.acted.number", ["number": safe(m.number)]),
            ]))
        }
    }

    struct Return: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Return a submitted step to its handler with a reason (heads only): nothing goes out; the handler may submit again.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The matter's id (as `matter list --awaiting-me` prints it).", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("The reason, for the handler.", valueName: "T")) var text: String
        @Option(name: .long, help: ArgumentHelp("The step, when more than one waits on the matter (else the oldest).", valueName: "STEP"))
        var step: String?

        func run() throws {
            let session = try globals.session()
            let words = try globals.presenter(), s = words.strings
            let id = try matterID(self.id)
            let step = try self.step.map { try submissionStep($0, session: session, s) }
            let returned = try session.store.returnSubmission(id, step: step, reason: text, by: session.viewer, on: session.context.today)
            let people = Dictionary(try session.store.users().map { ($0.name, $0.displayName) }) { first, _ in first }
            print(s("cli.matter.returned", [
                "id": id, "step": s.language == .en ? returned.action.rawValue : words.event(.step(returned.action)),
                "handler": safe(people[returned.submittedBy] ?? returned.submittedBy),
            ]))
        }
    }

    struct Show: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(abstract: "One matter with its history (JSON: its fields, version and events).")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The matter's id (as `matter list` prints it).", valueName: "ID")) var id: String
        @Flag(name: .long, help: "JSON for scripts, with `version` and `events`.") var json = false

        func run() throws {
            let session = try globals.session()
            let id = try matterID(self.id)
            guard let m = try session.store.matter(id, for: session.viewer) else { throw Refusal.notFound(id) }
            let events = try session.store.events(of: id, for: session.viewer)
            let links = try session.store.links(of: id, for: session.viewer)
            if json {
                let rule = Workflow.deadline(for: m, calculator: session.context.calculator)?.rule.map(ClockRuleJSON.init)
                print(try OversightCLI.json(LinkedMatter(ExchangeMatter(m, session: session, events: events), links, knownTo: m.knownTo, deadlineRule: rule)))
                return
            }
            // The history names people as others know them: by their display name.
            let people = Dictionary(try session.store.users().map { ($0.name, $0.displayName) }) { first, _ in first }
            let words = try globals.presenter()
            print(matterText(m, events: events, session: session, words: words, people: people, links: links,
                             approvals: try session.store.approvals(of: id, for: session.viewer).mapValues(\.displayName)))
            // What of it waits on the viewer's organisation's head, or came back from it: theirs alone.
            for sub in try session.store.openSubmissions(of: id, for: session.viewer) {
                print(submissionLine(sub, words: words, people: people))
            }
        }
    }

    struct New: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Start a matter (a draft): KIND is one of \(MatterKind.allCases.map(\.rawValue).joined(separator: ", ")).")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The kind of matter.", valueName: "KIND")) var kind: String
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("The organisation it is addressed to: id or name, as `org list` prints them; repeat for the invitees of a joint inspection or meeting, each answering for itself.", valueName: "ORG"))
        var to: [String] = []
        @Option(name: .long, help: ArgumentHelp("Its title.", valueName: "TEXT")) var title: String?
        @Option(name: .long, help: ArgumentHelp("The Art. 4 domain: \(DomainArea.allCases.map(\.rawValue).joined(separator: ", ")) (default other).", valueName: "D"))
        var domain: String?
        @Option(name: .long, help: ArgumentHelp("A document number from another system, e.g. 文检行建〔2025〕7号 (else one is given at issue).", valueName: "N"))
        var number: String?
        @Option(name: .long, help: ArgumentHelp("A sub-type: \(MatterVariant.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "V"))
        var variant: String?
        @Option(name: .long, help: ArgumentHelp("The enforcement department concerned (id or name).", valueName: "ORG"))
        var subject: String?
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("An organisation sent a copy (抄送); repeat for more.", valueName: "ORG"))
        var copy: [String] = []
        @Option(name: .long, help: ArgumentHelp("The facts and the request.", valueName: "TEXT")) var summary: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The day it was started (YYYY-MM-DD, today, or +N/-N days; default today).", valueName: "D"))
        var date: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The id of the matter it follows (由此立案): an inspection's, joint inspection's or meeting's findings, an escalated suggestion's referral, an enforcement copy's supervision application.", valueName: "ID"))
        var follows: String?
        @Flag(name: .long, help: "The --domain is meant although it is not one of the department's fields (else refused, exit 1).")
        var confirmDomain = false
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A referral only: a colleague of your organisation who may also see it (need to know; besides you and its heads), by login or display name; repeat for more.", valueName: "USER"))
        var share: [String] = []
        @Flag(name: .long, help: "Print the new matter as JSON.") var json = false

        func run() throws {
            let session = try globals.session()
            let words = try globals.presenter()
            let vocabulary = try session.vocabulary()
            // `plan` (年度计划) names the annual plan: a joint inspection of the variant annual-plan.
            guard let (kind, variant) = NewMatterOptions.kind(kind, variant: variant, words: vocabulary) else {
                throw UsageError(words.strings("cli.matter.unknown-kind", [
                    "x": safe(kind), "all": accepted(MatterKind.self, vocabulary, words.strings.language)]))
            }
            let new = try NewMatterOptions(
                to: to.first, alsoTo: Array(to.dropFirst()), title: title, domain: domain, number: number,
                variant: variant, subject: subject, copy: copy,
                summary: summary, date: date, follows: follows, confirmDomain: confirmDomain, share: share
            ).request(kind, today: session.context.today, words: vocabulary) { Organisation.find($0, in: session.organisations.values)?.id }
            let m = try session.store.create(new, by: session.viewer, context: session.context)
            if json {
                print(try OversightCLI.json(LinkedMatter(ExchangeMatter(m, session: session), MatterLinks(
                    follows: try new.follows.flatMap { try session.store.matter($0, for: session.viewer) }.map { [$0] } ?? []),
                    knownTo: m.knownTo)))
            } else {
                print(words.strings("cli.matter.created", [
                    "id": m.id, "kind": words.strings.language == .en ? m.kind.rawValue : words.kind(m.kind), "title": safe(m.title)]))
            }
        }
    }

    struct Actions: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "The steps of this matter's kind for you: whether each is allowed now and, if not, why.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The matter's id.", valueName: "ID")) var id: String
        @Flag(name: .long, help: "JSON for scripts: action, allowed, reason.") var json = false

        struct Item: Encodable {
            var action: String
            var allowed: Bool
            var reason: String?
        }

        func run() throws {
            let session = try globals.session()
            let words = try globals.presenter()
            let id = try matterID(self.id)
            guard let m = try session.store.matter(id, for: session.viewer) else { throw Refusal.notFound(id) }
            let items = Workflow.stepStatus(for: session.viewer, on: m, today: session.context.today).map {
                Item(action: $0.action.rawValue, allowed: $0.reason == nil, reason: $0.reason.map(words.reason))
            }
            let s = words.strings
            try emit(items, json: json, header: [s("cli.column.action"), s("cli.column.allowed"), s("cli.column.why-not")]) {
                [MatterAction(rawValue: $0.action).map { words.event(.step($0), of: m) } ?? $0.action,
                 $0.allowed ? s("cli.yes") : s("cli.no"), $0.reason ?? ""]
            }
        }
    }

    struct Act: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Take one step: \(MatterAction.allCases.map(\.rawValue).joined(separator: ", ")).",
            discussion: "With --expect VERSION (from `matter show --json`) the step is refused, exit 1, if the matter changed since.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The matter's id.", valueName: "ID")) var id: String
        @Argument(help: ArgumentHelp("The step.", valueName: "ACTION")) var action: String
        @Option(name: .long, help: ArgumentHelp("The text: reply, feedback, reasons, minutes, note.", valueName: "T")) var text: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The day it happened (YYYY-MM-DD, today, or +N/-N days; default today).", valueName: "D")) var date: String?
        @Option(name: .long, help: ArgumentHelp("The outcome: \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "O"))
        var outcome: String?
        @Option(name: .long, help: ArgumentHelp("The document number (issue, amend); else issue gives the next one.", valueName: "N"))
        var number: String?
        @Option(name: .long, help: ArgumentHelp("The escalation: \(EscalationOption.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "E"))
        var escalation: String?
        @Flag(name: .long, help: "issue: an urgent suggestion, with a shorter reply period.") var urgent = false
        @Option(name: .long, help: ArgumentHelp("issue --urgent: the reply period, e.g. 15d, 1m, 10wd (working days).", valueName: "P"))
        var period: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("issue of a meeting or joint inspection: the day it is to be held.", valueName: "D"))
        var scheduled: String?
        @Option(name: .long, help: ArgumentHelp("serve: how it was served: \(ServiceMethod.allCases.map(\.rawValue).joined(separator: ", ")) (or its word, 邮寄送达).", valueName: "S"))
        var service: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("serve: the day of the receipt (回执日期), on or after the service, not after today.", valueName: "D"))
        var receipt: String?
        @Option(name: .long, help: ArgumentHelp("The version you looked at (`matter show --json`).", valueName: "VERSION"))
        var expect: String?
        @Flag(name: .long, help: "Print the matter as it now stands, as JSON.") var json = false

        func run() throws {
            let session = try globals.session()
            let words = try globals.presenter(), s = words.strings
            let id = try matterID(self.id)
            let vocabulary = try session.vocabulary()
            guard let action = vocabulary.value(MatterAction.self, action) else {
                throw UsageError(s("cli.matter.unknown-action", [
                    "x": safe(action), "all": accepted(MatterAction.self, vocabulary, s.language)]))
            }
            let input = try ActionOptions(
                text: text, date: date, outcome: outcome, number: number, escalation: escalation, urgent: urgent,
                period: period, scheduled: scheduled, service: service, receipt: receipt
            ).input(today: session.context.today, words: vocabulary)
            let expected: Int? = try expect.map {
                guard let v = Int($0), v > 0 else { throw UsageError(s("cli.matter.bad-expect", ["x": safe($0)])) }
                return v
            }
            let result = try session.store.take(id, action, input: input, by: session.viewer, expecting: expected, context: session.context)
            guard case .taken(let m) = result else {
                // A step that needs the head's decision: kept for them, nothing of it reaches the other side yet.
                guard let m = try session.store.matter(id, for: session.viewer) else { throw Refusal.notFound(id) }
                if json { return print(try OversightCLI.json(ExchangeMatter(m, session: session))) }
                print(s("cli.matter.submitted", [
                    "id": id, "step": s.language == .en ? action.rawValue : words.event(.step(action), of: m),
                    "state": s.language == .en ? m.state.rawValue : words.state(m)]))
                return
            }
            if json {
                print(try OversightCLI.json(ExchangeMatter(m, session: session)))
            } else {
                print(s("cli.matter.acted", [
                    // In English the step and state as scripts have always read them (`serve done; now served`).
                    "id": m.id, "step": s.language == .en ? action.rawValue : words.event(.step(action), of: m),
                    "state": s.language == .en ? m.state.rawValue : words.state(m),
                    "due": m.due.map { s("cli.matter.acted.due", ["due": $0]) } ?? "", "version": m.version,
                    "number": m.number.isEmpty ? "" : s("cli.matter.acted.number", ["number": safe(m.number)]),
                ]))
                // An escalation that announces a referral or a notice: the command that opens it.
                if action == .escalate, let kind = m.escalations?.last?.announces,
                   FollowOn.kinds(following: m, by: session.viewer).contains(kind) {
                    warn(s("cli.matter.follow-on-offered", ["kind": kind.rawValue, "id": m.id]))
                }
            }
        }
    }
}

/// `oversight init [--admin NAME]`: a new, empty database with the county's organisations and one administrator.
struct InitCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty database with the county's standard organisations and one administrator.")

    @OptionGroup var globals: GlobalOptions
    @Option(name: .long, help: ArgumentHelp("The administrator's login name (default: yours).", valueName: "NAME")) var admin: String?

    func run() throws {
        let path = globals.databasePath
        let today = try globals.todayDate()
        _ = try globals.language()
        // An empty file (what `Store(existing:)` calls not a database yet) is made into one; anything else is left alone.
        if !globals.isPostgres, let problem = Store.problemForANewDatabase(at: path) { throw problem }
        let name = admin ?? GlobalOptions.loginName
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw UsageError(try globals.presenter().strings("cli.bad-admin", ["x": safe(name)]))
        }
        let set = try DemoDataSet.parse(try OversightResources.data("demo", "wenshui.json"))
        let store = try globals.postgresURL().map { Store(try PostgresBackend.create($0)) } ?? Store(path: path)
        try store.initialise(organisations: set.standardOrganisations, admin: name, on: today)
        try store.loadShipped(try OversightResources.holidayCalendar(), base: try OversightResources.clock(), on: today)
        warn((try globals.presenter()).strings("cli.init.done", ["path": safe(store.path), "name": name]))
    }
}

// MARK: - Shared by the matter commands

/// A command's session: the database, who is acting, today and the legal clock.
struct Session {
    var store: Store
    var viewer: Viewer
    var context: WorkflowContext
    var organisations: [OrgID: Organisation]

    var window: Int { context.settings.alertWindow }

    /// The words a value may be given in (code, Chinese, English) and the organisations by id, name or short name.
    func vocabulary() throws -> Vocabulary {
        try OversightResources.vocabulary(organisations: organisations.values.sorted { $0.id < $1.id })
    }
}

/// A closed set's values as a refusal lists them: the Chinese words in Chinese, the codes in English.
func accepted<T: Worded>(_: T.Type, _ words: Vocabulary, _ language: Language) -> String {
    language == .zh ? words.words(T.self, .zh).joined(separator: "、") : T.allCases.map(\.rawValue).joined(separator: ", ")
}

extension GlobalOptions {
    func session(writing: Bool = false) throws -> Session {
        let (store, viewer) = try openDatabase(writing: writing)
        let context = WorkflowContext(today: try todayDate(), calculator: try store.clock(base: try OversightResources.clock(), county: viewer.org.county))
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations(for: viewer).map { ($0.id, $0) })
        return Session(store: store, viewer: viewer, context: context, organisations: orgs)
    }
}

func matterID(_ text: String) throws -> MatterID {
    guard let id = MatterID(text), id > 0 else {
        throw UsageError(OversightCommand.presenter(of: nil).strings("cli.matter.bad-id", ["x": safe(text)]))
    }
    return id
}

extension ExchangeMatter {
    /// A matter as scripts read it (the store's exchange schema: `matter show --json`, `export`, `import`).
    init(_ m: Matter, session: Session, events: [MatterEvent]? = nil) {
        self.init(m, events: events, organisations: session.organisations, today: session.context.today, window: session.window)
    }
}

/// A matter for people, in the interface language: one field a line, then the history, each step's actor by the
/// display name of `people` (login → name; a name an import recorded stays as it is).
func matterText(
    _ m: Matter, events: [MatterEvent], session: Session, words: Presenter, people: [UserName: String] = [:],
    links: MatterLinks = MatterLinks(), approvals: [Int64: String] = [:]
) -> String {
    let s = words.strings
    func org(_ id: OrgID) -> String { session.organisations[id]?.name ?? id }
    let item = ExchangeMatter(m, session: session)
    // The fields `MatterField.all` shows, in their order, each labelled and in words.
    var fields: [(String, String)] = []
    for field in MatterField.shownInText {
        guard let shown = field.shown else { continue }
        let codes = field.codes(item).filter { !$0.isEmpty }
        switch shown.when {
        case .always: break
        case .given: if codes.isEmpty { continue }
        case .differsFrom(let other): if codes.isEmpty || codes == MatterField.named(other)?.codes(item) { continue }
        }
        var value: String = switch field.form {
        case .word(let w): codes.map { s("\(w.key).\($0)") }.joined(separator: s("list.separator"))
        case .state: words.state(m)
        case .organisation: codes.map(org).joined(separator: s("list.separator"))
        case .number, .text, .documentNumber, .date, .period, .flag, .history: codes.joined(separator: s("list.separator"))
        }
        if let note = shown.note, MatterField.named(note.field)?.codes(item).isEmpty == false { value += s(note.label) }
        fields.append((s(shown.label), value))
    }
    // The matters it follows and that follow it, those this viewer may see.
    for (key, linked) in [("detail.follows", links.follows), ("detail.followed-by", links.followedBy)] {
        for (i, l) in linked.enumerated() { fields.append((i == 0 ? s(key) : "", words.link(l))) }
    }
    // Who of its sender a need-to-know matter is open to besides its heads.
    if let known = m.knownTo, !known.isEmpty {
        fields.append((s("detail.known-to"), known.map { safe(people[$0] ?? $0) }.joined(separator: s("list.separator"))))
    }
    // Each invitee's answer, when it was addressed to several.
    for (i, invitee) in (m.invitees ?? []).enumerated() {
        fields.append((i == 0 ? s("detail.invitees") : "", words.invitee(invitee, name: org(invitee.org), of: m)))
    }
    var out = table([s("cli.column.field"), s("cli.column.value")], fields.map { [$0.0, $0.1] })
    // How the deadline was counted: the rule (law, or the county's service level with its decision and version), the
    // days passed over and the notices that decided them, as the detail pane says it.
    if let deadline = Workflow.deadline(for: m, calculator: session.context.calculator) {
        out += "\n\n" + s("detail.deadline") + "\n" + deadline.explanation(s.language).map { "  " + safe($0) }.joined(separator: "\n")
    }
    if !events.isEmpty {
        let header = ["on", "actor", "action", "state", "text"].map { s("cli.column.\($0)") }
        out += "\n\n" + table(header, events.map { e in
            var shown = m
            shown.state = e.stateAfter
            // An annual plan's standing then, as the state after the step says it (the answers now are not then's).
            shown.invitees = nil
            let extra = [e.documentNumber, e.outcome.map { s("outcome.\($0.rawValue)") }, e.escalation.map { s("escalation.\($0.rawValue)") }, e.text]
            // A step that went out on a head's decision names both: the handler who took it, the head who signed it.
            let actor = (people[e.actor] ?? e.actor) + (approvals[e.id].map { s("cli.matter.signed", ["name": $0]) } ?? "")
            return [e.on.description, actor, words.event(e.action, of: m), words.state(shown),
                    extra.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")]
        })
    }
    return out
}

/// A matter as `matter show --json` prints it: the exchange schema's fields, and the ids of the matters it follows
/// (`follows`) and that follow it (`followedBy`), of those the viewer may see (empty arrays when none).
struct LinkedMatter: Encodable {
    var matter: ExchangeMatter
    var links: MatterLinks
    /// A need-to-know referral's people besides its sender's heads (`knownTo`, logins); absent for any other matter.
    var knownTo: [UserName]?
    /// The rule its running or past clock counted under (`deadlineRule`: id, period, law or service level, source,
    /// the county's version); absent when it has no clock.
    var deadlineRule: ClockRuleJSON?

    init(_ matter: ExchangeMatter, _ links: MatterLinks, knownTo: [UserName]? = nil, deadlineRule: ClockRuleJSON? = nil) {
        self.matter = matter
        self.links = links
        self.knownTo = knownTo
        self.deadlineRule = deadlineRule
    }

    enum Keys: String, CodingKey { case follows, followedBy, knownTo, deadlineRule }

    func encode(to encoder: Encoder) throws {
        try matter.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(links.follows.map(\.id), forKey: .follows)
        try c.encode(links.followedBy.map(\.id), forKey: .followedBy)
        try c.encodeIfPresent(knownTo, forKey: .knownTo)
        try c.encodeIfPresent(deadlineRule, forKey: .deadlineRule)
    }
}

/// A step word of `--step` for `matter approve|return`: a code or word of a step.
func submissionStep(_ word: String, session: Session, _ s: Strings) throws -> MatterAction {
    let vocabulary = try session.vocabulary()
    guard let action = vocabulary.value(MatterAction.self, word) else {
        throw UsageError(s("cli.matter.unknown-action", ["x": safe(word), "all": accepted(MatterAction.self, vocabulary, s.language)]))
    }
    return action
}

/// A pending or returned submission as its organisation reads it in `matter show`.
func submissionLine(_ sub: Submission, words: Presenter, people: [UserName: String]) -> String {
    let s = words.strings
    let step = s.language == .en ? sub.action.rawValue : words.event(.step(sub.action))
    switch sub.state {
    case .returned:
        return s("cli.matter.returned-submission", [
            "step": step, "head": safe(sub.decidedBy.map { people[$0] ?? $0 } ?? ""),
            "date": sub.decidedOn?.description ?? "", "reason": safe(sub.reason ?? "")])
    default:
        return s("cli.matter.pending-submission", [
            "step": step, "handler": safe(people[sub.submittedBy] ?? sub.submittedBy), "date": sub.submittedOn.description])
    }
}

extension MatterCommand.List {
    /// `matter list --awaiting-me`: the submissions that wait on the viewer (a head's to decide, a handler's returned).
    func listAwaiting(_ session: Session) throws {
        let words = try globals.presenter(), s = words.strings
        let items = try session.store.awaiting(for: session.viewer)
        let people = Dictionary(try session.store.users().map { ($0.name, $0.displayName) }) { first, _ in first }
        if json {
            print(try OversightCLI.json(items.map {
                MatterCommand.AwaitingItemJSON(
                    id: $0.matter.id, title: $0.matter.title, step: $0.submission.action.rawValue,
                    state: $0.submission.state.rawValue, submittedBy: $0.submission.submittedBy,
                    submittedOn: $0.submission.submittedOn.description, reason: $0.submission.reason,
                    decidedBy: $0.submission.decidedBy)
            }))
            return
        }
        if items.isEmpty { return print(s("cli.awaiting.none")) }
        print(table(["id", "kind", "action", "state", "by", "on", "title", "reason"].map { s("cli.column.\($0)") }, items.map { i in
            [String(i.matter.id), words.kind(i.matter.kind, short: true), words.step(i.submission.action),
             s("submission.\(i.submission.state.rawValue)"), people[i.submission.submittedBy] ?? i.submission.submittedBy,
             i.submission.submittedOn.description, i.matter.title, i.submission.reason ?? ""]
        }))
    }
}
