import Foundation
import GRDB
import OversightDomain

/// One matter read from a file, with the line it starts on.
public struct ImportItem: Sendable {
    public var line: Int
    public var matter: ExchangeMatter

    public init(line: Int, matter: ExchangeMatter) {
        self.line = line
        self.matter = matter
    }
}

/// What is wrong at one place of a file to import.
public struct ImportProblem: Error, Sendable {
    public enum Reason: Sendable {
        /// Not CSV from here on.
        case syntax(CSVText.SyntaxError.Problem)
        /// Not JSON, or not the JSON of matters (the decoder's words).
        case json(String)
        /// JSON nested deeper than `limit` levels (`ExchangeJSON.depthLimit`), refused before it is parsed.
        case tooDeep(limit: Int)
        case encoding(ExchangeDecoding.Failure)
        /// A record with another number of fields than the header.
        case fieldCount(expected: Int, found: Int)
        case unknownColumn(String)
        case missingColumn(String)
        /// An empty value where one is needed.
        case required
        /// A value that is not `expected` (what is).
        case badValue(String, expected: String)
        /// A value that names none of the values of its field: `accepted` are their words (in the import's
        /// language, `ExchangeWords`; codes without one).
        case notOneOf(String, accepted: [String])
        /// A value not in the form its field needs.
        case badForm(String, Form)
        case unknownOrganisation(String)
        /// A document number given twice in the file.
        case duplicate(number: String, firstLine: Int)
        /// A ledger row (no history) whose state or fields need the steps written out.
        case needsHistory(String)
        /// A step of the history the workflow or the store refuses (`event` is its place in the history, 1-based).
        case refused(event: Int, action: String, on: String, Refusal)
        /// A step that no organisation of the matter may take.
        case noParty(event: Int, action: String)
        /// The file says one thing, the matter's history leads to another.
        case disagrees(file: String, history: String)
        /// A matter with this document number is in the database with another history (from event `event` on).
        case storedDiffers(number: String, event: Int)
    }

    /// The forms of values that are not words: each worded by the caller in its language.
    public enum Form: String, Sendable {
        /// `YYYY-MM-DD`.
        case date
        /// `15 days`, `1 months`, `10 workdays`.
        case period
        /// 机关代字〔YYYY〕N号.
        case documentNumber = "document-number"
        /// `create`, the history's first event.
        case firstEvent = "first-event"
    }

    public var line: Int
    /// The column (CSV) or field (JSON) concerned, if one is.
    public var field: String?
    public var reason: Reason

    public init(line: Int, field: String? = nil, _ reason: Reason) {
        self.line = line
        self.field = field
        self.reason = reason
    }
}

/// The problems of one matter.
struct ImportProblems: Error {
    var list: [ImportProblem]
}

/// A file refused whole: the first problems (in file order) and how many there are in all (counted until
/// `ImportOptions.limit` is reached in the phase that found them).
public struct ImportRefused: Error, Sendable {
    public var problems: [ImportProblem]
    public var total: Int
    /// Reading stopped at the `limit`th problem (the file was refused anyway): there may be more than `total`.
    public var stopped = false

    public init(problems: [ImportProblem], total: Int) {
        self.problems = problems
        self.total = total
    }
}

/// What an import wrote (or, dry, would write).
public struct ImportResult: Hashable, Sendable {
    /// Matters new to the database.
    public var created = 0
    /// Matters already there whose history the file carries further: their new steps were taken.
    public var extended = 0
    /// Matters already there with the same history (the file was imported before).
    public var unchanged = 0
    /// Events written, creations included.
    public var events = 0
    public var dryRun = false

    public init(created: Int = 0, extended: Int = 0, unchanged: Int = 0, events: Int = 0, dryRun: Bool = false) {
        self.created = created
        self.extended = extended
        self.unchanged = unchanged
        self.events = events
        self.dryRun = dryRun
    }
}

/// The matters of a file, read one at a time, as often as an import needs them (a pass that checks, then a pass
/// that writes), so that a large file's matters are never all held at once: what is held is the file's text.
public struct ImportSource {
    /// Reads from the start: `body` gets each matter that reads well, in file order, until it returns false; the
    /// problems of reading (a short row, a bad history …), if any, are returned.
    public var read: (_ body: (ImportItem) throws -> Bool) throws -> ImportRefused?

    public init(read: @escaping (_ body: (ImportItem) throws -> Bool) throws -> ImportRefused?) {
        self.read = read
    }

    /// Matters already read (and the problems of reading them).
    public init(_ items: [ImportItem], refused: ImportRefused? = nil) {
        read = { body in
            for item in items where try !body(item) { break }
            return refused
        }
    }
}

extension Store {
    /// Imports `items` as `admin` (`importMatters(from:)` with matters already read).
    public func importMatters(
        _ items: [ImportItem], source: String, by admin: Viewer, context: WorkflowContext, dryRun: Bool = false,
        words: ExchangeWords = .codes, limit: Int = 20, progress: ((Int, Int) -> Void)? = nil
    ) throws -> ImportResult {
        try importMatters(from: ImportSource(items), source: source, by: admin, context: context, dryRun: dryRun,
                          words: words, limit: limit, progress: progress)
    }

    /// Imports the matters of `file` as `admin`, all or nothing: every matter is checked first (values,
    /// organisations, document numbers given twice: one pass over the file that keeps only the problems), then
    /// every one is read again and written through the one write path (`Store.create` and `Store.act`, each step
    /// checked by the workflow as the organisation that takes it) inside one transaction, and the transaction
    /// commits only if no matter was refused (and `dryRun` is false). Refused: `ImportRefused` with the first
    /// `limit` problems in file order (the problems of reading the file among them), the database untouched.
    ///
    /// - A matter's key is its document number, or, without one, its kind, organisations, title and day: a
    ///   matter already in the database with the same history is left as it is, and one whose history the file
    ///   carries further takes the new steps; one whose history differs is a problem.
    /// - A history's actor who is a user of the database acts as that user's organisation if it may take the
    ///   step; anyone else is recorded by name, acting for the first organisation of the matter (sender,
    ///   recipient, department concerned, copies) that may take it. A ledger row without a history takes the
    ///   steps its dates tell, recorded as `admin`.
    /// - A value (kind, state, domain, outcome …) is its code or either language's word (`words.vocabulary`), an
    ///   organisation its id, name or short name; a value that is none of them is refused with the accepted ones in
    ///   `words.language`.
    /// - `progress(done, total)` is called as matters are written.
    public func importMatters(
        from file: ImportSource, source: String, by admin: Viewer, context: WorkflowContext, dryRun: Bool = false,
        words: ExchangeWords = .codes, limit: Int = 20, progress: ((Int, Int) -> Void)? = nil
    ) throws -> ImportResult {
        try requireWritable()
        // The organisations of the counties the administrator keeps (and the city's above): another county's are
        // unknown to its import, as to its lists.
        let organisations = try self.organisations(for: admin)
        let count: Int
        switch try Self.check(file, organisations: organisations, words: words, limit: limit) {
        case .failure(let refused): throw refused
        case .success(let n): count = n
        }

        let users = Dictionary(uniqueKeysWithValues: try self.users().map { ($0.name, $0) })
        let orgs = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0) })
        let outcome: Result<ImportResult, ImportRefused>
        // Each matter's savepoint journals its pages in memory (`withSavepointsInMemory`), set before the transaction.
        // (SQLite's: another engine keeps its own pages.)
        let temporary = try other == nil ? writer.writeWithoutTransaction { db in try Self.temporaryStorageInMemory(db) } : nil
        defer { if let temporary { try? writer.writeWithoutTransaction { db in try Self.temporaryStorage(temporary, db) } } }
        outcome = try write { db in
            try Self.requireAdministrator(admin, db)
            // The transaction's pages stay in memory instead of spilling to the WAL and being read back.
            let cache = db.isSQLite ? try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000 : 0
            if db.isSQLite { try db.execute(sql: "PRAGMA cache_size = \(Self.importCacheSize)") }
            defer { if db.isSQLite { try? db.execute(sql: "PRAGMA cache_size = \(cache)") } }
            var replay = ImportReplay(db: db, users: users, organisations: orgs, context: context, importer: admin.user, words: words)
            var result = ImportResult(dryRun: dryRun)
            var done = 0
            let unread = try file.read { item in
                switch ImportPlan.make(item, organisations: organisations, words: words) {
                case .success(let plan): try replay.run(plan, into: &result)
                case .failure(let found): replay.problems += found.list  // (the checking pass found none: cannot happen)
                }
                done += 1
                progress?(done, count)
                return replay.problems.count < limit
            }
            if !replay.problems.isEmpty || unread != nil {
                var refused = ImportRefused(problems: Array(replay.problems.prefix(limit)), total: replay.problems.count)
                refused.stopped = replay.problems.count >= limit
                if let unread { refused = Self.merged(refused, unread, limit: limit) }
                throw ImportRollback.refused(refused)
            }
            if dryRun { throw ImportRollback.dryRun(result) }
            if result.created + result.extended > 0 {
                _ = try EventRecord(
                    system: "import", on: context.today, actor: admin.user.name,
                    text: "\(source): \(result.created) created, \(result.extended) extended, \(result.unchanged) unchanged, \(result.events) events"
                ).inserted(db)
            }
            return .success(result)
        } catching: { rollback in
            switch rollback {
            case .refused(let r): return .failure(r)
            case .dryRun(let result): return .success(result)
            }
        }
        return try outcome.get()
    }
}

extension Store {
    /// The import's page cache, as `PRAGMA cache_size` gives it (negative: KiB): 96 MiB at most. Beside the
    /// largest file an import reads (64 MiB of text, `oversight import`'s limit) it keeps the process well under
    /// 300 MB; a 100,000-row ledger's transaction (about 190 MB of pages) spills the rest to the WAL, which cost
    /// little once the savepoints' journals stayed in memory (163 MB peak for that ledger, BENCHMARKS.md).
    static let importCacheSize = -98_304

    /// The problems of `items` that show without writing (values, organisations, numbers given twice), if any:
    /// what `importMatters` checks first.
    public func importProblems(_ items: [ImportItem], words: ExchangeWords = .codes, limit: Int = 20) throws -> ImportRefused? {
        try importProblems(ImportSource(items), words: words, limit: limit)
    }

    /// The problems of reading `file` and those of its matters that show without writing, in file order, if any.
    public func importProblems(_ file: ImportSource, words: ExchangeWords = .codes, limit: Int = 20) throws -> ImportRefused? {
        if case .failure(let refused) = try Self.check(file, organisations: try organisations(), words: words, limit: limit) { return refused }
        return nil
    }

    /// One pass over `file` that keeps only its problems (and the numbers seen): the number of matters read, or
    /// the first `limit` problems in file order. It stops at the `limit`th problem of its own.
    static func check(
        _ file: ImportSource, organisations: [Organisation], words: ExchangeWords = .codes, limit: Int
    ) throws -> Result<Int, ImportRefused> {
        var problems: [ImportProblem] = []
        var total = 0, count = 0
        var numbers: [String: Int] = [:]
        let unread = try file.read { item in
            count += 1
            let number = item.matter.number.trimmingCharacters(in: .whitespacesAndNewlines)
            if !number.isEmpty, let first = numbers[number] {
                total += 1
                problems.append(ImportProblem(line: item.line, field: "number", .duplicate(number: number, firstLine: first)))
            } else {
                if !number.isEmpty { numbers[number] = item.line }
                if case .failure(let found) = ImportPlan.make(item, organisations: organisations, words: words) {
                    total += found.list.count
                    problems.append(contentsOf: found.list.prefix(max(0, limit - problems.count)))
                }
            }
            // The file is refused anyway: the rest is not checked.
            return problems.count < limit
        }
        var refused = ImportRefused(problems: problems, total: total)
        refused.stopped = problems.count >= limit
        if let unread { refused = merged(refused, unread, limit: limit) }
        return refused.problems.isEmpty ? .success(count) : .failure(refused)
    }

    /// Two lists of problems as one, in file order, the first `limit`.
    static func merged(_ a: ImportRefused, _ b: ImportRefused, limit: Int) -> ImportRefused {
        let all = (a.problems + b.problems).enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        var refused = ImportRefused(problems: Array(all.prefix(limit)), total: a.total + b.total)
        refused.stopped = a.stopped || b.stopped
        return refused
    }
}

/// Ends the import's transaction without committing it.
private enum ImportRollback: Error {
    case refused(ImportRefused)
    case dryRun(ImportResult)
}

extension Store {
    /// `write`, where `body` may end the transaction without committing by throwing `ImportRollback`; its
    /// payload becomes the value.
    fileprivate func write<T>(_ body: (StoreConnection) throws -> T, catching: (ImportRollback) -> T) throws -> T {
        do {
            return try write(body)
        } catch let r as ImportRollback {
            return catching(r)
        }
    }
}

/// One matter of a file, checked and turned into the steps of the one write path.
struct ImportPlan {
    struct Step {
        /// Its place in the history (1 is the creation).
        var event: Int
        var action: MatterAction
        var actor: String?
        var input: ActionInput
    }

    var line: Int
    /// The number the matter ends with (its key), or empty.
    var number: String
    var new: NewMatter
    var creator: String?
    var steps: [Step]
    /// The file's fields, its values as codes and its sender as an id.
    var file: ExchangeMatter
    /// The file's fields as it gives them (in words, maybe): what a disagreement quotes.
    var given: ExchangeMatter

    /// The actions and days of the history, creation first: what tells two histories apart.
    var trace: [String] { ["create \(new.date)"] + steps.map { "\($0.action.rawValue) \($0.input.date)" } }

    /// The matter of `item` checked: its values read as codes or either language's words (`words`), its
    /// organisations by id, name or short name.
    static func make(_ item: ImportItem, organisations: [Organisation], words: ExchangeWords = .codes) -> Result<ImportPlan, ImportProblems> {
        var problems: [ImportProblem] = []
        let m = item.matter
        func problem(_ field: String?, _ reason: ImportProblem.Reason) { problems.append(ImportProblem(line: item.line, field: field, reason)) }
        func value<T: Worded>(_ type: T.Type, _ text: String?, _ field: String) -> T? {
            guard let text, !text.isEmpty else { return nil }
            guard let v = words.value(T.self, text) else {
                problem(field, .notOneOf(text, accepted: words.accepted(T.self)))
                return nil
            }
            return v
        }
        func date(_ text: String?, _ field: String) -> CivilDate? {
            guard let text, !text.isEmpty else { return nil }
            guard let d = CivilDate(text) else {
                problem(field, .badForm(text, .date))
                return nil
            }
            return d
        }

        // Each field a file gives, in the form it needs (`MatterField.all`): problems named by field, in its order.
        let kind = m.kind.isEmpty ? nil : words.value(MatterKind.self, m.kind)
        for field in MatterField.all where field.onImport == .creates || field.onImport == .checked {
            if field.required, field.isEmpty(in: m) { problem(field.key, .required) }
            for text in field.codes(m) where !text.isEmpty {
                if let reason = field.problem(text, kind: kind, words: words, organisations: organisations) { problem(field.key, reason) }
            }
        }
        // The values, read as the checks above found them.
        func word<T: Worded>(_: T.Type, _ text: String?) -> T? { text.flatMap { $0.isEmpty ? nil : words.value(T.self, $0) } }
        func org(_ text: String?) -> OrgID? { text.flatMap { $0.isEmpty ? nil : Organisation.find($0, in: organisations)?.id } }
        func day(_ text: String?) -> CivilDate? { text.flatMap { CivilDate($0) } }
        let title = m.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let domain = word(DomainArea.self, m.domain) ?? .other
        let from = org(m.from), to = org(m.to), subject = org(m.subject)
        let copies = m.copiedTo.compactMap(org)
        let variant = word(MatterVariant.self, m.variant)
        let state = m.state.isEmpty ? nil : words.state(m.state, kind: kind)
        let created = day(m.createdOn), issued = day(m.issuedOn), served = day(m.servedOn)
        let replied = day(m.repliedOn), closed = day(m.closedOn), scheduled = day(m.scheduledOn)
        let outcome = word(Outcome.self, m.outcome), rectification = word(Outcome.self, m.rectification)
        let escalations = m.escalations.map { word(EscalationOption.self, $0) }
        let urgent = m.urgentPeriod.flatMap { ExchangeMatter.period($0) }
        let number = m.number.trimmingCharacters(in: .whitespacesAndNewlines)

        // The steps: the history as written, else those the ledger's dates tell.
        var steps: [Step] = []
        var creator: String?
        var createNumber: String? = number.isEmpty ? nil : number
        func issueInput(_ on: CivilDate, _ documentNumber: String?) -> ActionInput {
            ActionInput(date: on, documentNumber: documentNumber, urgent: urgent != nil, urgentPeriod: urgent, scheduledFor: scheduled)
        }
        if let events = m.events {
            if events.first?.action != "create" {
                problem("events[0].action", .badForm(events.first?.action ?? "", .firstEvent))
            }
            for (i, e) in events.enumerated() {
                let field = "events[\(i)]"
                let on = date(e.on, field + ".on")
                if e.on.isEmpty { problem(field + ".on", .required) }
                let actor = e.actor.trimmingCharacters(in: .whitespaces)
                if i == 0 {
                    creator = actor.isEmpty ? nil : actor
                    createNumber = e.documentNumber.flatMap { $0.isEmpty ? nil : $0 }
                    if let on, let created, on != created { problem(field + ".on", .disagrees(file: created.description, history: on.description)) }
                    continue
                }
                // A re-clocking is no party's step: this database counts the deadline over its own calendars.
                if e.action == EventAction.reclock.rawValue { continue }
                guard let action = value(MatterAction.self, e.action, field + ".action") else {
                    if e.action.isEmpty { problem(field + ".action", .required) }
                    continue
                }
                let o = value(Outcome.self, e.outcome, field + ".outcome")
                let esc = value(EscalationOption.self, e.escalation, field + ".escalation")
                guard let on else { continue }
                var input = action == .issue ? issueInput(on, e.documentNumber) : ActionInput(date: on, documentNumber: e.documentNumber)
                input.text = e.text
                input.outcome = o
                input.escalation = esc
                // Absent from histories written before v12: the serve then records no manner or receipt.
                input.service = value(ServiceMethod.self, e.service, field + ".service")
                input.receivedOn = date(e.receivedOn, field + ".receivedOn")
                steps.append(Step(event: i + 1, action: action, actor: actor.isEmpty ? nil : actor, input: input))
            }
        } else if let kind, let created {
            if !m.escalations.isEmpty || !(m.rectification ?? "").isEmpty {
                problem("events", .needsHistory("escalations and rectification checks"))
            }
            // A ledger without a state column: issued when it gives any date after the matter's creation.
            let dated = [issued, served, replied, closed].contains { $0 != nil }
            let state = state ?? (dated ? .issued : .draft)
            let ledger = Ledger(
                kind: kind, variant: variant, created: created, issued: state == .draft ? nil : issued ?? created,
                served: served, replied: replied, closed: closed, outcome: outcome, withdrawn: state == .withdrawn,
                number: number.isEmpty ? nil : number, urgent: urgent, scheduled: scheduled,
                texts: Dictionary(uniqueKeysWithValues: MatterAction.allCases.map { ($0, Self.ledgerText) }))
            // The ledger's path (`Ledger`), recorded as the importer for the organisation the workflow names; its
            // number is given at issue, as the demo and the generator give it (a draft's at its creation).
            if ledger.issued != nil { createNumber = nil }
            for (i, s) in ledger.steps(clock: nil).enumerated() {
                var input = s.input
                // A ledger's manner of service and receipt go with its service.
                if s.action == .serve {
                    input.service = word(ServiceMethod.self, m.service)
                    input.receivedOn = day(m.receivedOn)
                }
                steps.append(Step(event: i + 2, action: s.action, actor: nil, input: input))
            }
        }
        guard problems.isEmpty, let kind, let created, let from, let to else { return .failure(ImportProblems(list: problems)) }
        let new = NewMatter(
            kind: kind, title: title, domain: domain, to: to, date: created, number: createNumber, variant: variant,
            subjectOrg: subject, summary: m.summary, copiedTo: copies, domainConfirmed: true)
        // The file's values as codes, for checking against what the history leads to.
        var file = m
        file.from = from
        file.kind = kind.rawValue
        file.domain = domain.rawValue
        file.variant = variant?.rawValue
        file.state = state?.rawValue ?? ""
        file.outcome = outcome?.rawValue
        file.rectification = rectification?.rawValue
        file.escalations = escalations.compactMap { $0?.rawValue }
        file.service = word(ServiceMethod.self, m.service)?.rawValue
        return .success(ImportPlan(line: item.line, number: number, new: new, creator: creator, steps: steps, file: file, given: m))
    }

    /// The text of a step taken from a ledger's dates (a reply, a close … that needs one).
    static let ledgerText = "据台账导入"
}

/// Writes plans through the one write path inside the import's transaction, each matter in its own savepoint.
private struct ImportReplay {
    let db: StoreConnection
    let users: [UserName: User]
    let organisations: [OrgID: Organisation]
    let context: WorkflowContext
    let importer: User
    /// The words a disagreement names the history's values in.
    let words: ExchangeWords
    var problems: [ImportProblem] = []

    init(
        db: StoreConnection, users: [UserName: User], organisations: [OrgID: Organisation], context: WorkflowContext, importer: User,
        words: ExchangeWords = .codes
    ) {
        self.words = words
        self.db = db
        self.users = users
        self.organisations = organisations
        self.context = context
        self.importer = importer
    }

    mutating func run(_ plan: ImportPlan, into result: inout ImportResult) throws {
        var problem: ImportProblem?
        var written = ImportResult()
        try db.inSavepoint {
            do {
                written = try replay(plan)
                return .commit
            } catch let p as ImportProblem {
                problem = p
                return .rollback
            }
        }
        if let problem { problems.append(problem); return }
        result.created += written.created
        result.extended += written.extended
        result.unchanged += written.unchanged
        result.events += written.events
    }

    private func replay(_ plan: ImportPlan) throws -> ImportResult {
        var result = ImportResult()
        if let existing = try stored(plan) {
            let stored = try EventRecord.fetchAll(db, sql: "SELECT * FROM event WHERE matter_id = ? ORDER BY id", arguments: [existing.id])
                .map { try $0.domain() }.filter { $0.action != .reclock }.map { "\($0.action.rawValue) \($0.on)" }
            let mine = plan.trace
            if let k = Array(zip(stored, mine)).firstIndex(where: { $0.0 != $0.1 }) {
                throw ImportProblem(line: plan.line, field: "events", .storedDiffers(number: plan.number, event: k + 1))
            }
            // The same steps as far as both go: nothing new, or the file's further steps.
            if stored.count >= mine.count {
                result.unchanged = 1
                return result
            }
            result.extended = 1
            return try steps(plan, from: stored.count - 1, on: existing, result)
        }
        let creator = actor(plan.creator, nil, on: nil, candidates: [plan.file.from])!
        let matter: Matter
        do {
            matter = try Store.create(plan.new, by: creator, context: context, db, imported: true)
        } catch let r as Refusal {
            // A text the text rule refuses is named by its own column (title, summary, number), not the history's.
            var field = "events[0]"
            if case .workflow(.invalidInput(.text(let p))) = r, [.title, .summary, .number].contains(p.field) { field = p.field.rawValue }
            throw ImportProblem(line: plan.line, field: field, .refused(event: 1, action: "create", on: plan.new.date.description, r))
        }
        result.created = 1
        return try steps(plan, from: 0, on: matter, result)
    }

    /// The plan's steps after the first `done`, then the file's fields checked against the matter they lead to.
    private func steps(_ plan: ImportPlan, from done: Int, on start: Matter, _ before: ImportResult) throws -> ImportResult {
        var result = before
        var matter = start
        result.events += result.created
        for step in plan.steps.dropFirst(done) {
            let field = "events[\(step.event - 1)]"
            let candidates = [matter.fromOrg, matter.toOrg] + [matter.subjectOrg].compactMap { $0 } + (matter.copiedTo ?? [])
            guard let who = actor(step.actor, step.action, on: matter, candidates: candidates) else {
                throw ImportProblem(line: plan.line, field: field, .noParty(event: step.event, action: step.action.rawValue))
            }
            do {
                matter = try Store.act(matter.id, step.action, input: step.input, by: who, expecting: matter.version,
                                       context: context, db, imported: true)
            } catch let r as Refusal {
                throw ImportProblem(line: plan.line, field: field,
                                    .refused(event: step.event, action: step.action.rawValue, on: step.input.date.description, r))
            }
            result.events += 1
        }
        try check(plan, against: matter)
        return result
    }

    /// The file's own fields, where it gives them, against what the history led to: each field an import checks
    /// (`MatterField.Import.checked`), in the table's order. A disagreement about a value is in words: the file's
    /// cell as it gives it, the history's value in the import's words.
    private func check(_ plan: ImportPlan, against m: Matter) throws {
        let now = ExchangeMatter(m, organisations: organisations, today: context.today, window: context.settings.alertWindow)
        for field in MatterField.all where field.onImport == .checked && !field.agrees(file: plan.file, history: now) {
            let (said, led) = field.disagreement(given: plan.given, history: now, words: words)
            throw ImportProblem(line: plan.line, field: field.key, .disagrees(file: said, history: led))
        }
    }

    /// The matter of the database this plan is about, if there is one.
    private func stored(_ plan: ImportPlan) throws -> Matter? {
        let record: MatterRecord?
        if !plan.number.isEmpty {
            record = try MatterRecord.fetchOne(db.cachedStatement(sql: Store.matterByNumber), arguments: [plan.number])
        } else {
            record = try MatterRecord.fetchOne(
                db, sql: """
                    SELECT * FROM matter WHERE number = '' AND kind = ? AND from_org = ? AND to_org = ? AND title = ? AND created_on = ?
                    """,
                // The title as the write path stores it (TextRule: NFC, trimmed), so a file in NFD finds its matter.
                arguments: [plan.new.kind.rawValue, plan.file.from, plan.new.to, TextRule.normalised(plan.new.title),
                            plan.new.date.description])
        }
        return try record.flatMap { try Store.decode([$0], db).first }
    }

    /// Who takes `action` on `matter`: the named user, as their own organisation if it is one of `candidates` that
    /// may take the step; else the name (or the importer's) acting for the first candidate that may.
    private func actor(_ name: String?, _ action: MatterAction?, on matter: Matter?, candidates: [OrgID]) -> Viewer? {
        let name = name ?? importer.name
        var orgs = candidates
        if let own = users[name]?.org, let i = orgs.firstIndex(of: own) { orgs.insert(orgs.remove(at: i), at: 0) }
        var seen = Set<OrgID>()
        for id in orgs where seen.insert(id).inserted {
            guard let org = organisations[id] else { continue }
            let display = users[name]?.org == id ? users[name]!.displayName : name
            let v = Viewer(user: User(name: name, displayName: display, org: id, role: users[name]?.role ?? .handler), org: org)
            guard let action, let matter else { return v }
            if case .success = Workflow.check(action, on: matter, by: v) { return v }
        }
        return nil
    }
}
