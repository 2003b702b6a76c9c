import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The access rule is one value (`AccessRule`) and everything about access is derived from it (issue 19): for every
/// matter of every kind in every state it reaches, with a department concerned and copies, the organisations
/// admitted by the Swift evaluation (`Visibility.admits`), by the SQL the store compiles from it, and by the inbox
/// index rows the write path keeps are the same sets, on a real SQLite file, for the standard rule and for the
/// standard rule with one clause more.
@Suite struct AccessRuleTests {
    /// The standard rule and one clause more: every department sees every issued meeting (most of them not named by
    /// the matter: the index must find them without being told who they are), and the department a referral is about
    /// sees it once closed (a clause on the viewer that the standard rule refuses).
    static let extended: AccessRule = {
        var rule = AccessRule.standard
        rule.parties[.department] = .any([
            rule.parties[.department]!,
            .all([.kind(.meeting), .issued]),
            .all([.kind(.referral), .aboutViewer, .state(.closed)]),
        ])
        return rule
    }()

    /// For each matter, the ranges of the inbox index that may read it (`InboxOrder.reader`): an organisation's id
    /// when every person of it may, else its heads' range and the range of each person the matter names who may.
    typealias Readers = [MatterID: Set<String>]

    /// The ranges `admits(m, scope)` gives, for one matter and organisation.
    static func ranges(_ m: Matter, _ o: Organisation, _ admits: (AccessScope) throws -> Bool) rethrows -> [String] {
        if try admits(.members) { return [o.id] }
        var out: [String] = []
        if try admits(.heads) { out.append(InboxOrder.reader(o.id, .heads)) }
        for name in m.knownTo ?? [] where try admits(.person(name)) { out.append(InboxOrder.reader(o.id, .person(name))) }
        return out
    }

    /// Who `rule` lets see each matter, as `admits` says.
    static func admitted(_ rule: AccessRule, _ matters: [Matter], _ organisations: [Organisation]) -> Readers {
        var out: Readers = [:]
        for m in matters {
            out[m.id] = Set(organisations.flatMap { o in
                ranges(m, o) { rule.visibility(for: o, scope: $0)?.admits(m) == true }
            })
        }
        return out
    }

    /// Who `rule` lets see each matter, as the store's compiled SQL says (one query per organisation and scope).
    static func compiled(_ rule: AccessRule, _ store: Store, _ organisations: [Organisation], _ matters: [Matter]) throws -> Readers {
        let people = Set(matters.flatMap { $0.knownTo ?? [] }).sorted()
        var found: [String: Set<MatterID>] = [:]
        func key(_ o: OrgID, _ scope: AccessScope) -> String { "\(o)|\(scope)" }
        try store.read { db in
            for org in organisations {
                for scope in [AccessScope.members, .heads] + people.map(AccessScope.person) {
                    guard let visibility = rule.visibility(for: org, scope: scope) else { continue }
                    let filter = Store.visibility(visibility)
                    found[key(org.id, scope)] = Set(try Int64.fetchAll(db, sql: "SELECT matter.id FROM matter WHERE \(filter.sql)", arguments: filter.arguments))
                }
            }
        }
        var out: Readers = [:]
        for m in matters {
            out[m.id] = Set(organisations.flatMap { o in ranges(m, o) { found[key(o.id, $0)]?.contains(m.id) == true } })
        }
        return out
    }

    /// Who holds a row of the inbox index for each matter.
    static func indexed(_ store: Store, _ matters: [Matter]) throws -> Readers {
        var out = Readers(uniqueKeysWithValues: matters.map { ($0.id, Set<OrgID>()) })
        try store.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT org_id, matter_id FROM inbox_entry") {
                out[row["matter_id"] as Int64, default: []].insert(row["org_id"])
            }
        }
        return out
    }

    @Test(arguments: Fixtures.engines)
    func everyClauseOfTheRuleReachesAdmitsTheSQLAndTheInboxIndex(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "everyClauseOfTheRuleReachesAdmitsTheSQLAndTheInboxIndex-\(engine)")
        let walked = try DraftAccessTests.walk(store, today: Fixtures.today)
        #expect(walked.count == MatterKind.allCases.count)
        let matters = try allMatters(store)
        let organisations = try store.organisations()

        // The standard rule: the index the write path kept as it went, and the SQL, are what `admits` says.
        let standard = Self.admitted(.standard, matters, organisations)
        #expect(Self.admitted(AccessPolicy.rule, matters, organisations) == standard)
        #expect(try Self.compiled(.standard, store, organisations, matters) == standard)
        #expect(try Self.indexed(store, matters) == standard, "the write path's index")

        // One clause more: `admits`, the SQL and the index (rebuilt, and written matter by matter as the write path
        // writes it) follow it, without a word of the store changed.
        let extended = Self.admitted(Self.extended, matters, organisations)
        let gained = matters.filter { extended[$0.id] != standard[$0.id] }
        #expect(gained.contains { $0.kind == .meeting }, "the meetings have new readers")
        #expect(gained.contains { $0.kind == .referral }, "a closed referral is seen by its department")
        #expect(gained.contains { m in
            extended[m.id]!.contains { ![m.fromOrg, m.toOrg, m.subjectOrg].contains($0) && !(m.copiedTo ?? []).contains($0) }
        }, "an organisation the matter does not name is a reader")
        // Several invitees: each one beside the addressee reads the matter once issued, by the rule, the SQL and the index.
        let invited = matters.filter { $0.invitees != nil && $0.issuedOn != nil }
        #expect(!invited.isEmpty)
        for m in invited { #expect(Set(m.addressees).isSubset(of: standard[m.id]!), "\(m.kind) \(m.state)") }
        #expect(try Self.compiled(Self.extended, store, organisations, matters) == extended)
        try store.write { db in try InboxIndex.rebuild(db, rule: Self.extended) }
        #expect(try Self.indexed(store, matters) == extended, "the index rebuilt under the rule")
        try store.write { db in
            try db.execute(sql: "DELETE FROM inbox_entry")
            for m in matters { try InboxIndex.refresh(m, db, rule: Self.extended) }
        }
        #expect(try Self.indexed(store, matters) == extended, "the index written matter by matter under the rule")

        // A new organisation, which no matter names, gets the rows the rule gives it (every issued meeting, for a
        // department), and under the standard rule none.
        let new = Organisation(id: "newdept", name: "文水县新设局", party: .department, county: County.standard.id)
        try store.write { db in
            try OrganisationRecord(new).insert(db)
            try InboxIndex.admit(new, db, rule: Self.extended)
        }
        let extendedWithNew = Self.admitted(Self.extended, matters, organisations + [new])
        #expect(extendedWithNew.values.contains { $0.contains(new.id) })
        #expect(try Self.indexed(store, matters) == extendedWithNew, "a new organisation's rows")
        try store.write { db in
            try db.execute(sql: "DELETE FROM inbox_entry WHERE org_id = ?", arguments: [new.id])
            try InboxIndex.admit(new, db)
        }
        #expect(try Self.indexed(store, matters) == extended, "none under the standard rule")
        try store.write { db in try db.execute(sql: "DELETE FROM organisation WHERE id = ?", arguments: [new.id]) }

        // And back: the standard rule's index again.
        try store.write { db in try InboxIndex.rebuild(db) }
        #expect(try Self.indexed(store, matters) == standard)
    }

    /// Every condition the rule is made of is compiled: each clause alone, over the same matters, for every
    /// organisation, admits in SQL exactly what it admits in Swift; and its form for an organisation the matter does
    /// not name (what a new organisation's rows are read by) means the same for such an organisation.
    @Test(arguments: Fixtures.engines)
    func everyConditionCompilesToTheSameSQL(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "everyConditionCompilesToTheSameSQL-\(engine)")
        _ = try DraftAccessTests.walk(store, today: Fixtures.today)
        let matters = try allMatters(store)
        let organisations = try store.organisations()
        var conditions: [AccessCondition] = [.sentByViewer, .addressedToViewer, .aboutViewer, .copiedToViewer, .issued,
                                             AccessRule.unissued, .any([]), .all([])]
        conditions += MatterKind.allCases.map(AccessCondition.kind) + MatterState.allCases.map(AccessCondition.state)
        conditions += conditions.map(AccessCondition.not)
        for condition in conditions {
            let rule = AccessRule(parties: Dictionary(uniqueKeysWithValues: Party.allCases.map { ($0, condition) }))
            #expect(try Self.compiled(rule, store, organisations, matters) == Self.admitted(rule, matters, organisations), "\(condition)")
        }
        // For an organisation a matter does not name, a condition and its `unnamed` form agree.
        for condition in conditions + Array(AccessRule.standard.parties.values) + Array(Self.extended.parties.values) {
            for m in matters {
                let named = Set([m.fromOrg] + m.addressees + [m.subjectOrg].compactMap { $0 } + (m.copiedTo ?? []))
                #expect(condition.holds(for: m, viewer: nil) == condition.unnamed.holds(for: m, viewer: nil), "\(condition)")
                for org in organisations where !named.contains(org.id) {
                    #expect(condition.holds(for: m, viewer: org.id) == condition.unnamed.holds(for: m, viewer: org.id), "\(condition) \(org.id)")
                }
            }
        }
        #expect(AccessRule.standard.parties.values.allSatisfy { $0.unnamed == .any([]) }, "the standard rule shows nothing to an organisation not named")
    }
}
