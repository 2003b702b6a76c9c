import Foundation
import GRDB
import OversightDomain
import OversightPostgres
import OversightTestSupport
import Testing

@testable import OversightStore

/// A small county in memory: the write path's unit tests run on an in-memory database.
struct MemoryCounty {
    /// Without sign-off, so its handlers' steps go straight out (`SignOffStoreTests` turns it on).
    static let orgs: [Organisation] = [
        Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate, code: "文检", signOff: .none),
        Organisation(id: "sfj", name: "文水县司法局", party: .justice, code: "文司", signOff: .none),
        Organisation(id: "hbj", name: "吕梁市生态环境局文水分局", party: .department, domains: [.ecology], code: "文环", signOff: .none),
        Organisation(id: "scj", name: "文水县市场监督管理局", party: .department, domains: [.foodDrug], code: "文市监", signOff: .none),
        Organisation(id: "jw", name: "文水县纪委监委", party: .external, code: "文纪"),
        Organisation(id: "xt", name: "系统管理", party: .admin),
    ]
    let store: Store
    let context: WorkflowContext
    let today = CivilDate("2025-09-29")!

    /// In memory, or (`.postgres`) a county's part of a fresh shared database of its own (`name`, the test's).
    init(_ engine: Fixtures.Engine = .sqlite, name: String = #function) throws {
        switch engine {
        case .sqlite: store = try Store.inMemory()
        case .postgres: store = Store(try PostgresBackend.create(try TestDatabase.fresh("\(name)-\(engine)"), county: "wenshui"))
        }
        context = try Fixtures.context(today: today)
        try store.initialise(organisations: Self.orgs, admin: "admin", on: today)
        for org in ["jcy", "sfj", "hbj", "scj"] {
            try store.add(User(name: "u-\(org)", displayName: org, org: org, role: .handler), by: try store.viewer("admin"), on: today)
        }
    }

    func viewer(_ org: OrgID) throws -> Viewer { try store.viewer("u-\(org)") }

    func date(_ s: String) -> CivilDate { CivilDate(s)! }

    /// A suggestion from the procuratorate to hbj, issued and served on the given days.
    func servedSuggestion(issued: String = "2025-07-20", served: String = "2025-07-25") throws -> Matter {
        let jcy = try viewer("jcy")
        let m = try store.create(NewMatter(kind: .suggestion, title: "关于汾河排污口整治的检察建议", domain: .ecology, to: "hbj",
                                           date: date(issued)), by: jcy, context: context)
        try store.act(m.id, .issue, input: ActionInput(date: date(issued)), by: jcy, context: context)
        return try store.act(m.id, .serve, input: ActionInput(date: date(served)), by: jcy, context: context)
    }

    func eventCount() throws -> Int { try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! } }
    /// The events of matters (system events aside).
    func matterEventCount() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE matter_id IS NOT NULL")! }
    }
}

@Suite struct WritePathTests {
    @Test(arguments: Fixtures.engines)
    func aSuggestionRunsItsWholeCourse(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let served = try c.servedSuggestion()
        #expect(served.state == .served && served.version == 3)
        #expect(served.due == CivilDate("2025-09-25"))
        #expect(served.number == "文检行建〔2025〕1号")
        let replied = try c.store.act(served.id, .reply, input: ActionInput(date: c.date("2025-09-20"), text: "已按建议整改"),
                                      by: try c.viewer("hbj"), expecting: 3, context: c.context)
        #expect(replied.state == .replied && replied.repliedOnTime == true)
        let closed = try c.store.act(served.id, .close, input: ActionInput(date: c.date("2025-09-29"), outcome: .adopted),
                                     by: try c.viewer("jcy"), expecting: 4, context: c.context)
        #expect(closed.state == .closed && closed.outcome == .adopted && closed.version == 5)
        let events = try c.store.events(of: served.id, for: try c.viewer("jcy"))
        #expect(events.map(\.action) == [.create, .step(.issue), .step(.serve), .step(.reply), .step(.close)])
        #expect(events[2].dueAfter == CivilDate("2025-09-25"))
        #expect(events[4].outcome == .adopted)
        // What the store holds is what it returned.
        #expect(try c.store.matter(served.id, for: try c.viewer("jcy")) == closed)
    }

    @Test(arguments: Fixtures.engines)
    func everyFieldTheDomainHasIsKept(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let jcy = try c.viewer("jcy")
        var m = try c.store.create(
            NewMatter(kind: .suggestion, title: "公益诉讼", domain: .ecology, to: "hbj", date: c.date("2025-06-01"),
                      variant: .publicInterest, subjectOrg: "hbj", summary: "事实", copiedTo: ["sfj", "scj"]),
            by: jcy, context: c.context)
        m = try c.store.act(m.id, .issue, input: ActionInput(date: c.date("2025-06-01"), urgent: true), by: jcy, context: c.context)
        m = try c.store.act(m.id, .serve, input: ActionInput(date: c.date("2025-06-02")), by: jcy, context: c.context)
        m = try c.store.act(m.id, .escalate, input: ActionInput(date: c.date("2025-07-01"), escalation: .notifySuperior), by: jcy, context: c.context)
        m = try c.store.act(m.id, .reply, input: ActionInput(date: c.date("2025-07-05"), text: "回复", outcome: .partly),
                            by: try c.viewer("hbj"), context: c.context)
        m = try c.store.act(m.id, .check, input: ActionInput(date: c.date("2025-08-05"), outcome: .inadequate), by: jcy, context: c.context)
        m = try c.store.act(m.id, .escalate, input: ActionInput(date: c.date("2025-08-06"), escalation: .litigation), by: jcy, context: c.context)
        let stored = try #require(try c.store.matter(m.id, for: jcy))
        #expect(stored == m)
        #expect(stored.urgentPeriod == .days(15) && stored.variant == .publicInterest)
        #expect(stored.copiedTo == ["sfj", "scj"] && stored.escalations == [.notifySuperior, .litigation])
        #expect(stored.rectification == .inadequate && stored.outcome == .partly && stored.summary == "事实")
        #expect(stored.number == "文检行公建〔2025〕1号")
        let events = try c.store.events(of: m.id, for: jcy)
        #expect(events.compactMap(\.escalation) == [.notifySuperior, .litigation])
        // The copies see it, and so the SQL filter agrees with the policy on copies.
        #expect(try c.store.matter(m.id, for: try c.viewer("scj")) != nil)
        #expect(try c.store.matter(m.id, for: try c.viewer("sfj")) != nil)

        var meeting = try c.store.create(NewMatter(kind: .meeting, title: "联席会议", to: "sfj", date: c.date("2025-09-01")),
                                         by: jcy, context: c.context)
        meeting = try c.store.act(meeting.id, .issue, input: ActionInput(date: c.date("2025-09-01"), scheduledFor: c.date("2025-10-15")),
                                  by: jcy, context: c.context)
        #expect(try c.store.matter(meeting.id, for: jcy)?.scheduledOn == CivilDate("2025-10-15"))
    }

    @Test(arguments: Fixtures.engines)
    func aRefusedActionWritesNothingAndSaysWhy(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let m = try c.servedSuggestion()
        let before = try c.eventCount()
        let cases: [(Viewer, MatterAction, ActionInput, WorkflowError)] = [
            (try c.viewer("jcy"), .reply, ActionInput(date: c.today, text: "x"), .notAllowed(.reply, .procuratorate)),
            (try c.viewer("hbj"), .close, ActionInput(date: c.today), .notAllowed(.close, .department)),
            (try c.viewer("hbj"), .reply, ActionInput(date: c.today), .invalidInput(.textRequired)),
            (try c.viewer("hbj"), .reply, ActionInput(date: c.date("2025-09-30"), text: "x"), .invalidInput(.dateInFuture(c.date("2025-09-30")))),
            (try c.viewer("hbj"), .reply, ActionInput(date: c.date("2025-07-01"), text: "x"), .invalidInput(.dateBefore(c.date("2025-07-25")))),
            (try c.viewer("jcy"), .issue, ActionInput(date: c.today), .wrongState(.issue, .served)),
        ]
        for (viewer, action, input, expected) in cases {
            #expect(throws: Refusal.workflow(expected)) {
                try c.store.act(m.id, action, input: input, by: viewer, context: c.context)
            }
        }
        #expect(throws: Refusal.notFound(m.id)) {
            try c.store.act(m.id, .note, input: ActionInput(date: c.today, text: "x"), by: try c.viewer("scj"), context: c.context)
        }
        #expect(try c.eventCount() == before)
        #expect(try c.store.matter(m.id, for: try c.viewer("jcy")) == m)
        #expect(Refusal.workflow(.invalidInput(.textRequired)).description.contains("--text"))
    }

    @Test(arguments: Fixtures.engines)
    func aPersonDisabledWhileTheirSessionIsOpenWritesNothingMore(_ engine: Fixtures.Engine) throws {
        let county = try MemoryCounty(engine)
        let m = try county.servedSuggestion()
        let hbj = try county.viewer("hbj")  // the session's viewer, read before the person was disabled
        try county.store.disable(user: "u-hbj", by: try county.store.viewer("admin"), on: county.today)
        let events = try county.store.events(of: m.id, for: try county.viewer("jcy")).count
        #expect(throws: Refusal.disabledUser("u-hbj")) {
            try county.store.act(m.id, .reply, input: ActionInput(date: county.today, text: "已整改"), by: hbj, context: county.context)
        }
        #expect(throws: Refusal.disabledUser("u-hbj")) {
            try county.store.create(NewMatter(kind: .supervisionApplication, title: "t", domain: .ecology, to: "jcy", date: county.today),
                                    by: hbj, context: county.context)
        }
        #expect(try county.store.events(of: m.id, for: try county.viewer("jcy")).count == events)
    }

    @Test(arguments: Fixtures.engines)
    func aStaleVersionIsRefusedWithTheCurrentState(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let m = try c.servedSuggestion()
        let hbj = try c.viewer("hbj")
        let replied = try c.store.act(m.id, .reply, input: ActionInput(date: c.today, text: "回复"), by: hbj, expecting: m.version, context: c.context)
        let before = try c.eventCount()
        #expect(throws: Refusal.stale(expected: m.version, current: replied)) {
            try c.store.act(m.id, .note, input: ActionInput(date: c.today, text: "晚了"), by: hbj, expecting: m.version, context: c.context)
        }
        #expect(try c.eventCount() == before)
        #expect(Refusal.stale(expected: 3, current: replied).description.contains("replied"))
    }

    /// Numbers are per issuing organisation, kind and year; one given out is never given again, even when
    /// amended away; one from the case system is taken as given and skipped by the sequence.
    @Test(arguments: Fixtures.engines)
    func documentNumbersAreAllocatedAndNeverReused(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let jcy = try c.viewer("jcy")
        func issue(_ kind: MatterKind, to: OrgID, on day: String, number: String? = nil) throws -> Matter {
            let m = try c.store.create(NewMatter(kind: kind, title: "t", to: to, date: c.date(day)), by: jcy, context: c.context)
            return try c.store.act(m.id, .issue, input: ActionInput(date: c.date(day), documentNumber: number), by: jcy, context: c.context)
        }
        #expect(try issue(.suggestion, to: "hbj", on: "2025-01-05").number == "文检行建〔2025〕1号")
        let second = try issue(.suggestion, to: "scj", on: "2025-02-05")
        #expect(second.number == "文检行建〔2025〕2号")
        #expect(try issue(.transfer, to: "sfj", on: "2025-02-06").number == "文检移〔2025〕1号")
        // The case system's number is used as given, and the sequence goes past it.
        #expect(try issue(.suggestion, to: "hbj", on: "2025-03-01", number: "文检行建〔2025〕7号").number == "文检行建〔2025〕7号")
        #expect(try issue(.suggestion, to: "hbj", on: "2025-03-02").number == "文检行建〔2025〕8号")
        // A number already on a matter is refused, and nothing is written.
        #expect(throws: Refusal.numberTaken("文检行建〔2025〕2号")) { try issue(.suggestion, to: "hbj", on: "2025-03-03", number: "文检行建〔2025〕2号") }
        // Amended to another number, 9 is never given again.
        let nine = try issue(.suggestion, to: "hbj", on: "2025-04-01")
        #expect(nine.number == "文检行建〔2025〕9号")
        try c.store.act(nine.id, .amend, input: ActionInput(date: c.date("2025-04-02"), text: "更正", documentNumber: "文检行建〔2025〕20号"),
                        by: jcy, context: c.context)
        #expect(try issue(.suggestion, to: "hbj", on: "2025-04-03").number == "文检行建〔2025〕21号")
        // Another organisation and another year start their own sequences.
        #expect(try issue(.suggestion, to: "hbj", on: "2025-09-01").number == "文检行建〔2025〕22号")
        let sfj = try c.viewer("sfj")
        let dispute = try c.store.create(NewMatter(kind: .dispute, title: "争议", to: "jcy", date: c.date("2025-05-01")), by: sfj, context: c.context)
        #expect(try c.store.act(dispute.id, .issue, input: ActionInput(date: c.date("2025-05-01")), by: sfj, context: c.context).number == "文司邀〔2025〕1号")
        let later = try MemoryCounty(engine)
        let ctx2026 = try Fixtures.context(today: CivilDate("2026-01-10")!)
        let m = try later.store.create(NewMatter(kind: .suggestion, title: "t", to: "hbj", date: CivilDate("2026-01-10")!),
                                       by: try later.viewer("jcy"), context: ctx2026)
        #expect(try later.store.act(m.id, .issue, input: ActionInput(date: CivilDate("2026-01-10")!), by: try later.viewer("jcy"), context: ctx2026).number
                == "文检行建〔2026〕1号")
    }

    /// The highest number given, amended down to a lower unused one, is given no more: the sequence goes on past
    /// the highest number ever given for the prefix and year, not past the highest one the matters carry now. The
    /// same for a number the case system gave (written as given, then amended away).
    @Test(arguments: Fixtures.engines)
    func theHighestNumberAmendedDownIsNeverGivenAgain(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let jcy = try c.viewer("jcy")
        func issue(on day: String, number: String? = nil) throws -> Matter {
            let m = try c.store.create(NewMatter(kind: .suggestion, title: "t", to: "hbj", date: c.date(day)), by: jcy, context: c.context)
            return try c.store.act(m.id, .issue, input: ActionInput(date: c.date(day), documentNumber: number), by: jcy, context: c.context)
        }
        func amend(_ m: Matter, to number: String) throws {
            try c.store.act(m.id, .amend, input: ActionInput(date: c.date("2025-06-01"), text: "更正", documentNumber: number),
                            by: jcy, context: c.context)
        }
        #expect(try issue(on: "2025-01-05").number == "文检行建〔2025〕1号")
        #expect(try issue(on: "2025-01-06", number: "文检行建〔2025〕5号").number == "文检行建〔2025〕5号")
        let six = try issue(on: "2025-01-07")
        #expect(six.number == "文检行建〔2025〕6号")
        // 6, the highest given by the sequence, amended to 3: the matters now carry 1, 3 and 5 at most.
        try amend(six, to: "文检行建〔2025〕3号")
        #expect(try issue(on: "2025-01-08").number == "文检行建〔2025〕7号")
        // The case system's 12, the highest given, amended to 4: the matters now carry 7 at most.
        let twelve = try issue(on: "2025-01-09", number: "文检行建〔2025〕12号")
        try amend(twelve, to: "文检行建〔2025〕4号")
        #expect(try issue(on: "2025-01-10").number == "文检行建〔2025〕13号")
        // A number the case system gave when the matter was made counts the same.
        let made = try c.store.create(NewMatter(kind: .suggestion, title: "t", to: "hbj", date: c.date("2025-01-11"),
                                                number: "文检行建〔2025〕20号"), by: jcy, context: c.context)
        let twenty = try c.store.act(made.id, .issue, input: ActionInput(date: c.date("2025-01-11")), by: jcy, context: c.context)
        #expect(twenty.number == "文检行建〔2025〕20号")
        try amend(twenty, to: "文检行建〔2025〕8号")
        #expect(try issue(on: "2025-01-12").number == "文检行建〔2025〕21号")
        // Nothing given twice.
        let numbers = try c.store.read { db in try String.fetchAll(db, sql: "SELECT document_number FROM event WHERE action = 'issue' AND document_number IS NOT NULL") }
        #expect(Set(numbers).count == numbers.count, "\(numbers)")
    }

    @Test(arguments: Fixtures.engines)
    func creationIsCheckedToo(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let hbj = try c.viewer("hbj")
        #expect(throws: Refusal.workflow(.invalidInput(.partiesNotAllowed(from: .department, to: .department)))) {
            try c.store.create(NewMatter(kind: .suggestion, title: "t", to: "scj", date: c.today), by: hbj, context: c.context)
        }
        #expect(throws: Refusal.unknownOrganisation("nowhere")) {
            try c.store.create(NewMatter(kind: .enforcementCopy, title: "t", to: "nowhere", date: c.today), by: hbj, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.titleRequired))) {
            try c.store.create(NewMatter(kind: .enforcementCopy, title: "  ", to: "sfj", date: c.today), by: hbj, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.malformedDocumentNumber("7号")))) {
            try c.store.create(NewMatter(kind: .enforcementCopy, title: "t", to: "sfj", date: c.today, number: "7号"), by: hbj, context: c.context)
        }
        #expect(try c.eventCount() == 5)  // init and four users: no matter event
    }

    /// The SQL filter agrees with `AccessPolicy` over generated matters of every kind × sender × recipient ×
    /// subject × copies × stage (a draft, a draft withdrawn, withdrawn once issued, under way), for every viewer:
    /// subjects include the procuratorate and the justice bureau themselves, which only a legal-affairs unit's rule
    /// lets see by subject; a matter not yet issued is its sender's only.
    @Test(arguments: Fixtures.engines)
    func theSQLFilterIsThePolicyOverEveryShapeOfMatter(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let orgs = ["jcy", "sfj", "hbj", "scj", "jw"]
        let copies: [[OrgID]] = [[], ["hbj"], ["sfj", "scj"], ["jcy"]]
        let stages: [(MatterState, CivilDate?)] = [(.draft, nil), (.withdrawn, nil), (.withdrawn, c.today), (.served, c.today)]
        try c.store.write { db in
            for kind in MatterKind.allCases {
                for from in orgs.dropLast() {
                    for to in orgs where to != from {
                        for subject in [nil] + orgs.dropLast().map(Optional.some) {
                            for copy in copies {
                                for (state, issued) in stages {
                                    var m = Matter(
                                        id: 0, number: "", kind: kind, title: "t", domain: .other, fromOrg: from, toOrg: to,
                                        subjectOrg: subject, state: state, createdOn: c.today, issuedOn: issued,
                                        // A need-to-know matter names its author, the sender's person, as `create` does.
                                        knownTo: Workflow.needToKnowKinds.contains(kind) ? ["u-\(from)"] : nil)
                                    m.version = 1
                                    var r = MatterRecord(m)
                                    try r.insert(db)
                                    m.id = r.id!
                                    for org in copy { try MatterCopyRecord(matterId: r.id!, orgId: org).insert(db) }
                                    try Store.writeKnownTo(of: m, db)
                                }
                            }
                        }
                    }
                }
            }
            // Written around the write path: the inbox index is built as its migration builds it.
            try InboxIndex.rebuild(db)
        }
        let all = try allMatters(c.store)
        #expect(all.count == MatterKind.allCases.count * 4 * 4 * 5 * copies.count * stages.count)
        for org in ["jcy", "sfj", "hbj", "scj"] {
            let viewer = try c.viewer(org)
            let seen = Set(try c.store.matters(for: viewer, includeClosed: true).map(\.id))
            let expected = Set(all.filter { AccessPolicy.canSee(viewer, $0) }.map(\.id))
            #expect(seen == expected, "viewer \(org): \(seen.symmetricDifference(expected).count) differ")
            // Not yet issued: its sender's only.
            for m in all where m.issuedOn == nil && [.draft, .withdrawn].contains(m.state) {
                #expect(expected.contains(m.id) == (m.fromOrg == org), "viewer \(org): \(m.kind) \(m.state) from \(m.fromOrg)")
            }
            // And the inbox index holds exactly these, each once.
            let everything = InboxQuery(scope: .all, filter: InboxFilter("", today: c.today, window: 7))
            let rows = try c.store.inboxPage(for: viewer, everything, from: .top, limit: 100_000, counting: true)
            #expect(rows.matters.map(\.id).sorted() == expected.sorted(), "viewer \(org): the inbox index")
            #expect(rows.count == expected.count)
            #expect(try c.store.inboxSummary(for: viewer, everything, today: c.today, window: 7).total == expected.count)
        }
        #expect(try c.store.matters(for: try c.store.viewer("admin"), includeClosed: true).isEmpty)
    }
}
