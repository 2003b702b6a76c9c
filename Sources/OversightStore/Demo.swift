import Foundation
import GRDB
import OversightDomain

/// The fictional Wenshui County data set (Resources/demo/wenshui.json). Matter dates are
/// day offsets from the demo's today (or fixed dates), so deadlines always fall before,
/// around and after the day the demo is run.
public struct DemoDataSet: Decodable, Sendable {
    public struct Org: Decodable, Sendable {
        var id: String, name: String, party: Party, domains: [DomainArea], code: String

        var organisation: Organisation { Organisation(id: id, name: name, party: party, domains: domains, code: code) }
    }
    public struct Person: Decodable, Sendable {
        var name: String, displayName: String, org: String, role: Role
    }
    /// A day: an offset in days from today (Int) or a fixed date ("YYYY-MM-DD").
    public enum Day: Decodable, Sendable {
        case offset(Int)
        case fixed(CivilDate)
        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .offset(n); return }
            let s = try c.decode(String.self)
            guard let d = CivilDate(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date: \(s)")
            }
            self = .fixed(d)
        }
        func resolve(_ today: CivilDate) -> CivilDate {
            switch self {
            case .offset(let n): return today.adding(days: n)
            case .fixed(let d): return d
            }
        }
    }
    /// A reply period shorter than the rule's, set for an urgent case.
    public struct Urgent: Decodable, Sendable {
        var days: Int
    }
    public struct Item: Decodable, Sendable {
        var kind: MatterKind, title: String, domain: DomainArea
        var from: String, to: String, subject: String?, state: MatterState
        var variant: MatterVariant?, urgent: Urgent?
        var created: Day, served: Day?, replied: Day?, closed: Day?
        var outcome: Outcome?, summary: String
        /// A suggestion left unanswered past its deadline and escalated on this day, this way.
        var escalated: Day?, escalation: EscalationOption?

        /// The item as a ledger dated around `today`: issued the day it was started unless a draft.
        func ledger(around today: CivilDate) -> Ledger {
            let created = created.resolve(today)
            return Ledger(
                kind: kind, variant: variant, created: created, issued: state == .draft ? nil : created,
                served: served?.resolve(today), replied: replied?.resolve(today), closed: closed?.resolve(today),
                escalated: escalated?.resolve(today), escalation: escalation, outcome: outcome,
                withdrawn: state == .withdrawn, urgent: urgent.map { .days($0.days) }, texts: Self.texts(kind))
        }

        /// The texts of the demo's steps.
        static func texts(_ kind: MatterKind) -> [MatterAction: String] {
            var texts: [MatterAction: String] = [.escalate: "逾期未回复（演示）", .reply: "书面回复（演示）", .withdraw: "撤回理由（演示）"]
            switch kind {
            case .dispute: texts[.reply] = "化解情况（演示）"
            case .supervisionApplication: texts[.close] = "审查意见（演示）"
            case .jointInspection: texts[.close] = "检查发现（演示）"
            case .meeting: texts[.close] = "会议纪要（演示）"
            case .consultation: texts[.reply] = "咨询答复（演示）"
            case .suggestion, .transfer, .inspection, .referral, .enforcementCopy: break
            }
            return texts
        }
    }

    var organisations: [Org]
    var users: [Person]
    var matters: [Item]
    /// The user the demo's workbench opens as, unless --user or $OVERSIGHT_USER names another.
    public var openAs: UserName

    public static func parse(_ data: Data) throws -> DemoDataSet {
        try JSONDecoder().decode(DemoDataSet.self, from: data)
    }

    /// The county's organisations, as `oversight init` sets them up (without people or matters).
    public var standardOrganisations: [Organisation] { organisations.map(\.organisation) }
}

/// A demo item whose history did not end where the data set says: the data set and the workflow disagree.
public struct DemoMismatch: Error, CustomStringConvertible {
    public var description: String
}

extension Store {
    /// Fills an empty database with the demo data set, dated around `today`, and makes `admin` (normally
    /// the login name) its administrator. Every matter is made through the one write path, `create` and
    /// `act`, each step by a user of the party that takes it and dated on or before `today`; an item with a
    /// fixed date after `today` is left out. `generated` more matters are added for load tests by the
    /// `Generator` (five years of a county's matters; more counties from 50,000), through `batch`.
    public func seedDemo(
        _ set: DemoDataSet, today: CivilDate, clock: PeriodCalculator, admin: UserName, generated: Int = 0
    ) throws {
        let context = WorkflowContext(today: today, calculator: clock)
        try write { db in
            // Another process may have filled it since this one looked (two `demo` at once on a new path).
            guard try OrganisationRecord.fetchCount(db) == 0 else { throw Failure.alreadyExists(path) }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('demo', '1'), ('demo_today', ?)",
                           arguments: [today.description])
            // The county as `oversight init` makes it, then its people as an administrator adds them: checked, each
            // with its `user-add` event.
            try Self.initialise(organisations: set.standardOrganisations, admin: admin, on: today, county: .standard, db)
            // The demo's organisations take their steps without sign-off (`org set ORG --sign-off` turns it on), so
            // its people act as its history shows; `oversight init` leaves each with its party's default.
            try db.execute(sql: "UPDATE organisation SET sign_off = ''")
            let administrator = try Self.administrator(admin, db)
            var viewers: [OrgID: Viewer] = [:]
            let orgs = Dictionary(uniqueKeysWithValues: set.standardOrganisations.map { ($0.id, $0) })
            for p in set.users where p.name != admin {
                let user = User(name: p.name, displayName: p.displayName, org: p.org, role: p.role)
                try Self.add(user, by: administrator, on: today, db)
                if viewers[p.org] == nil, let org = orgs[p.org] { viewers[p.org] = Viewer(user: user, org: org) }
            }
            _ = try EventRecord(system: "demo-seed", on: today, actor: admin, text: "Wenshui demo data set").inserted(db)

            for item in set.matters {
                try Self.seed(item, around: today, viewers: viewers, context: context, db)
            }
        }
        if generated > 0 {
            try generate(generated, set, today: today, context: context, admin: admin)
            try write { db in try db.execute(sql: "UPDATE organisation SET sign_off = '' WHERE sign_off IS NULL") }
        }
    }

    /// `count` more matters from the generator (seed 1), with the organisations they need, through the batch
    /// of the one write path.
    private func generate(
        _ count: Int, _ set: DemoDataSet, today: CivilDate, context: WorkflowContext, admin: UserName, seed: UInt64 = 1
    ) throws {
        var generator = Generator(today: today, seed: seed)
        let demoOrgs = set.standardOrganisations
        var orgs = Dictionary(uniqueKeysWithValues: demoOrgs.map { ($0.id, $0) })
        var viewers: [OrgID: Viewer] = [:]
        for p in set.users where viewers[p.org] == nil {
            if let org = orgs[p.org] {
                viewers[p.org] = Viewer(user: User(name: p.name, displayName: p.displayName, org: p.org, role: p.role), org: org)
            }
        }
        func county(_ list: [Organisation]) -> Generator.County {
            Generator.County(
                procuratorate: list.first { $0.party == .procuratorate }!.id, justice: list.first { $0.party == .justice }!.id,
                departments: list.filter { $0.party == .department }.map(\.id),
                external: list.filter { $0.party == .external }.map(\.id))
        }
        var counties = [county(demoOrgs)]
        var extra: [(county: OversightDomain.County, administrator: UserName, orgs: [Organisation], users: [User])] = []
        for i in 0..<Generator.extraCounties(for: count) {
            let c = Generator.county(i, from: demoOrgs)
            extra.append(c)
            for o in c.orgs { orgs[o.id] = o }
            for u in c.users { viewers[u.org] = Viewer(user: u, org: orgs[u.org]!) }
            counties.append(county(c.orgs))
        }
        // Matters in the order they were started, so numbers and ids follow the calendar.
        let plans = (0..<count).map { i in
            let c = counties[generator.rng.below(counties.count)]
            return (i, generator.plan(in: c, organisations: orgs, clock: context.calculator))
        }.sorted { ($0.1.new.date, $0.0) < ($1.1.new.date, $1.0) }.map(\.1)
        try batch { b in
            try b.raw { db in
                // More counties' organisations and people, as an administrator adds them (checked, with events).
                let administrator = try Self.administrator(admin, db)
                for c in extra {
                    let own = try Self.add(c.county, administrator: c.administrator, by: administrator, on: today, db)
                    for o in c.orgs { try Self.add(o, by: own, on: today, db) }
                    for u in c.users { try Self.add(u, by: own, on: today, db) }
                }
                _ = try EventRecord(
                    system: "demo-generate", on: today, actor: admin,
                    text: "\(count) generated matters (seed \(seed)); \(extra.count) more counties").inserted(db)
            }
            for plan in plans { try Generator.write(plan, viewers: viewers, context: context, b) }
        }
    }

    /// The demo's administrator (made by `initialise`), who adds its people.
    private static func administrator(_ name: UserName, _ db: StoreConnection) throws -> Viewer {
        guard let user = try UserRecord.fetchOne(db, key: name)?.domain(),
              let org = try OrganisationRecord.fetchOne(db, key: user.org)?.domain()
        else { throw Failure.unknownUser(name) }
        return Viewer(user: user, org: org)
    }

    /// One demo matter through `create` and `act`: the steps its ledger gives (`Ledger`), each taken by a user of
    /// the organisation the workflow names, up to `today`.
    private static func seed(
        _ item: DemoDataSet.Item, around day: CivilDate, viewers: [OrgID: Viewer], context: WorkflowContext, _ db: StoreConnection
    ) throws {
        let ledger = item.ledger(around: day)
        guard [ledger.created, ledger.served, ledger.replied, ledger.closed, ledger.escalated].compactMap({ $0 })
            .allSatisfy({ $0 <= context.today }) else { return }
        guard let sender = viewers[item.from] else { throw DemoMismatch(description: "no user at \(item.from)") }
        var m = try create(
            NewMatter(kind: item.kind, title: item.title, domain: item.domain, to: item.to, date: ledger.created,
                      variant: item.variant, subjectOrg: item.subject, summary: item.summary, domainConfirmed: true),
            by: sender, context: context, db)
        // An outside body (a referral's) has no user: the workflow gives its steps to the sender.
        let parties = [sender] + [viewers[item.to]].compactMap { $0 }
        var expected = item.state
        for step in ledger.steps(clock: context.calculator) {
            // Not before the reply is overdue: a holiday can push a deadline past the data set's day; a matter not
            // overdue yet by today stays as it was.
            guard step.date <= context.today else {
                if step.action == .escalate { expected = m.state }
                break
            }
            guard let who = Ledger.taker(step, among: parties, on: m) else {
                throw DemoMismatch(description: "demo matter \"\(item.title)\": nobody takes \(step.action.rawValue)")
            }
            m = try act(m.id, step.action, input: step.input, by: who, expecting: m.version, context: context, db)
        }
        guard m.state == expected else {
            throw DemoMismatch(description: "demo matter \"\(item.title)\" ends \(m.state.rawValue), the data set says \(expected.rawValue)")
        }
    }
}
