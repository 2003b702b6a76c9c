import Foundation
import GRDB
import OversightDomain

/// The fictional Wenshui County data set (Resources/demo/wenshui.json). Matter dates are
/// day offsets from the demo's today (or fixed dates), so deadlines always fall before,
/// around and after the day the demo is run.
public struct DemoDataSet: Decodable, Sendable {
    public struct Org: Decodable, Sendable {
        var id: String, name: String, party: Party, domains: [DomainArea]
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
        var kind: MatterKind, prefix: String, title: String, domain: DomainArea
        var from: String, to: String, subject: String?, state: MatterState
        var variant: MatterVariant?, urgent: Urgent?
        var created: Day, served: Day?, replied: Day?, closed: Day?
        var outcome: Outcome?, summary: String
    }

    var organisations: [Org]
    var users: [Person]
    var matters: [Item]

    public static func parse(_ data: Data) throws -> DemoDataSet {
        try JSONDecoder().decode(DemoDataSet.self, from: data)
    }
}

extension Store {
    /// Fills an empty database with the demo data set, dated around `today`, and makes
    /// `admin` (normally the login name) its administrator. `generated` more matters are added for
    /// load tests: copies of the data set's matters, each round dated a week earlier.
    public func seedDemo(
        _ set: DemoDataSet, today: CivilDate, clock: PeriodCalculator, admin: UserName, generated: Int = 0
    ) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('demo', '1'), ('demo_today', ?)",
                           arguments: [today.description])
            for o in set.organisations {
                try Self.insert(Organisation(id: o.id, name: o.name, party: o.party, domains: o.domains), db)
            }
            var firstUser: [OrgID: UserName] = [:]
            for p in set.users {
                try Self.insert(User(name: p.name, displayName: p.displayName, org: p.org, role: p.role), db)
                if firstUser[p.org] == nil { firstUser[p.org] = p.name }
            }
            if !set.users.contains(where: { $0.name == admin }),
               let adminOrg = set.organisations.first(where: { $0.party == .admin }) {
                try Self.insert(User(name: admin, displayName: admin, org: adminOrg.id, role: .admin), db)
            }
            try Self.append(db, matter: nil, on: today, actor: admin, action: "demo-seed", text: "Wenshui demo data set", state: nil)

            var sequence: [String: Int] = [:]
            let total = set.matters.count + max(0, generated)
            for index in 0..<total where !set.matters.isEmpty {
                let item = set.matters[index % set.matters.count]
                // Round 0 is the data set itself; later rounds are the same matters, earlier.
                let day = today.adding(days: -7 * (index / set.matters.count))
                let created = item.created.resolve(day)
                let served = item.served?.resolve(day)
                let key = "\(item.prefix)\(created.year)"
                sequence[key, default: 0] += 1
                let number = "\(item.prefix)〔\(created.year)〕\(sequence[key]!)号"
                var matter = Matter(
                    id: 0, number: number, kind: item.kind, title: item.title, domain: item.domain,
                    fromOrg: item.from, toOrg: item.to, subjectOrg: item.subject, state: item.state,
                    createdOn: created, servedOn: served, repliedOn: item.replied?.resolve(day),
                    closedOn: item.closed?.resolve(day), summary: item.summary)
                matter.variant = item.variant
                matter.urgentPeriod = item.urgent.map { .days($0.days) }
                matter.issuedOn = item.state == .draft ? nil : created
                matter.outcome = item.outcome
                // The deadline comes from the kind's clock rule (domain), never from the data file.
                matter.due = Workflow.deadline(for: matter, calculator: clock)?.due
                let sender = firstUser[item.from] ?? admin
                let receiver = firstUser[item.to] ?? sender
                try Self.insert(matter, history: Self.history(of: matter, sender: sender, receiver: receiver), db)
            }
        }
    }

    /// A plausible history for a demo matter, one event per step it has passed.
    static func history(of m: Matter, sender: UserName, receiver: UserName) -> [MatterEvent] {
        func event(_ on: CivilDate, _ actor: UserName, _ action: String, _ text: String, _ state: MatterState, doc: String? = nil) -> MatterEvent {
            MatterEvent(id: 0, matterID: 0, on: on, actor: actor, action: action, text: text, documentNumber: doc, stateAfter: state)
        }
        var h = [event(m.createdOn, sender, "create", m.title, .draft)]
        if m.state == .draft { return h }
        h.append(event(m.createdOn, sender, "issue", "", .issued, doc: m.number))
        // Kinds the recipient takes up (accept) rather than receives (serve), as the domain's steps say.
        let accepted: Set<MatterKind> = [.dispute, .supervisionApplication, .jointInspection]
        if let s = m.servedOn {
            h.append(accepted.contains(m.kind) ? event(s, receiver, "accept", "", .inProgress) : event(s, sender, "serve", "", .served))
        }
        if let r = m.repliedOn { h.append(event(r, receiver, "reply", "", .replied)) }
        if let c = m.closedOn {
            switch m.kind {
            case .enforcementCopy: h.append(event(c, receiver, "acknowledge", "", .closed))
            case .supervisionApplication: h.append(event(c, receiver, "close", m.outcome?.rawValue ?? "", .closed))
            default: h.append(event(c, sender, "close", m.outcome?.rawValue ?? "", m.state))
            }
        }
        return h
    }
}
