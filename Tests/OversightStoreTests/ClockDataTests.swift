import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The law's calendar and the county's rules as data (issue 21), on a real SQLite file: a loaded notice re-clocks the
/// running deadlines it moves through the write path; a service level proposed by one of the justice bureau and the
/// procuratorate and agreed by the other counts for clocks started afterwards only.
@Suite struct ClockDataTests {
    static let today = CivilDate(year: 2026, month: 12, day: 1)!

    /// The fictional 2027 notice (01-20 to 01-22 off, the Sunday 01-24 worked).
    static let notice2027 = Fixtures.testNotice2027

    static func context(_ store: Store) throws -> WorkflowContext {
        WorkflowContext(today: today, calculator: try store.clock(base: try Fixtures.clock()))
    }

    /// A suggestion from the procuratorate to 环保局 served on `served`: its two months' clock running.
    static func servedSuggestion(_ store: Store, on served: CivilDate, title: String) throws -> Matter {
        let wang = try store.viewer("wangjian")
        let context = try context(store)
        let made = try store.create(NewMatter(kind: .suggestion, title: title, domain: .ecology, to: "hbj", date: served), by: wang, context: context)
        _ = try store.act(made.id, .issue, input: ActionInput(date: served), by: wang, context: context)
        return try store.act(made.id, .serve, input: ActionInput(date: served), by: wang, context: context)
    }

    /// A transfer from the procuratorate to the justice bureau served on `served`.
    static func servedTransfer(_ store: Store, on served: CivilDate, title: String) throws -> Matter {
        let wang = try store.viewer("wangjian")
        let context = try context(store)
        let made = try store.create(NewMatter(kind: .transfer, title: title, domain: .ecology, to: "sfj", date: served, subjectOrg: "hbj"),
                                    by: wang, context: context)
        _ = try store.act(made.id, .issue, input: ActionInput(date: served), by: wang, context: context)
        return try store.act(made.id, .serve, input: ActionInput(date: served), by: wang, context: context)
    }

    @Test(arguments: Fixtures.engines)
    func loadingANoticeReclocksTheDeadlinesItMovesAndNoOthers(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "loadingANoticeReclocksTheDeadlinesItMovesAndNoOthers-\(engine)")
        let served = CivilDate(year: 2026, month: 11, day: 20)!
        let moved = try Self.servedSuggestion(store, on: served, title: "期限跨年的检察建议")
        let kept = try Self.servedSuggestion(store, on: CivilDate(year: 2026, month: 11, day: 27)!, title: "期限不变的检察建议")
        #expect(moved.due == CivilDate(year: 2027, month: 1, day: 20)!)
        let before = try Self.context(store).calculator
        #expect(Workflow.clockNature(of: moved, calculator: before)?.provisional == true)
        let eventsBefore = try store.events(of: kept.id, for: try store.viewer("wangjian")).count

        // A dry run lists the move and writes nothing.
        let dry = try store.reclocks(loading: Self.notice2027, by: try store.viewer("admin"), base: try Fixtures.clock())
        #expect(dry.map(\.matter).contains(moved.id))
        #expect(!dry.map(\.matter).contains(kept.id))
        #expect(try store.matter(moved.id, for: try store.viewer("wangjian"))?.due == moved.due)
        #expect(try store.notices().map(\.year.year).contains(2027) == false)

        let admin = try store.viewer("admin")
        let load = try store.load(Self.notice2027, by: admin, base: try Fixtures.clock(), on: Self.today)
        #expect(load.year == 2027 && !load.replaced)
        let rec = try #require(load.reclocked.first { $0.matter == moved.id })
        #expect(rec.from == CivilDate(year: 2027, month: 1, day: 20)! && rec.to == CivilDate(year: 2027, month: 1, day: 24)!)

        // The department sees the new day, no longer provisional, with a reclock event naming the notice.
        let dept = try store.viewer("hbj.li")
        let now = try #require(try store.matter(moved.id, for: dept))
        #expect(now.due == CivilDate(year: 2027, month: 1, day: 24)!)
        #expect(now.version == moved.version + 1)
        #expect(Workflow.clockNature(of: now, calculator: try Self.context(store).calculator)?.provisional == false)
        let last = try #require(try store.events(of: moved.id, for: dept).last)
        #expect(last.action == .reclock)
        #expect(last.dueAfter == CivilDate(year: 2027, month: 1, day: 24)!)
        #expect(last.text.contains("2027-01-20") && last.text.contains(Self.notice2027.source))
        // The inbox index follows: the page's row has the new day.
        let page = try store.inboxPage(for: dept, InboxQuery(scope: .open, filter: .everything), from: .top, limit: 500, counting: false)
        #expect(page.matters.first { $0.id == moved.id }?.due == CivilDate(year: 2027, month: 1, day: 24)!)
        // A deadline the notice did not move has no event.
        #expect(try store.events(of: kept.id, for: try store.viewer("wangjian")).count == eventsBefore)
        // The explanation names the notice that decided the days passed over.
        let explained = try #require(Workflow.deadline(for: now, calculator: try Self.context(store).calculator))
        #expect(explained.due == now.due)
        #expect(explained.explanation(.zh).contains { $0.contains(Self.notice2027.source) })
        // The audit chain holds the reclock events.
        #expect(try store.verifyAudit().isIntact)
        #expect(try store.notices().first { $0.year.year == 2027 }?.loadedBy == "admin")
    }

    @Test(arguments: Fixtures.engines)
    func onlyAnAdministratorLoadsANotice(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "onlyAnAdministratorLoadsANotice-\(engine)")
        for user in ["wangjian", "zhanghui", "chenjie"] {
            #expect(throws: Store.ClockFailure.notAdministrator(user)) {
                try store.load(Self.notice2027, by: try store.viewer(user), base: try Fixtures.clock(), on: Self.today)
            }
            // Nor lists, in a dry run, the matters a notice would move: those are the whole database's.
            #expect(throws: Store.ClockFailure.notAdministrator(user)) {
                try store.reclocks(loading: Self.notice2027, by: try store.viewer(user), base: try Fixtures.clock())
            }
        }
        #expect(try store.notices().contains { $0.year.year == 2027 } == false)
    }

    @Test(arguments: Fixtures.engines)
    func theShippedYearsAreLoadedOnceAndALoadedYearWins(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "theShippedYearsAreLoadedOnceAndALoadedYearWins-\(engine)")
        let shipped = try Fixtures.clock().calendar
        let first = try store.loadShipped(shipped, base: try Fixtures.clock(), on: Self.today)
        #expect(Set(first.map(\.year)) == Set(shipped.years.keys))
        #expect(try store.loadShipped(shipped, base: try Fixtures.clock(), on: Self.today).isEmpty)
        #expect(try store.notices().allSatisfy { $0.loadedBy == Store.programActor })
        // A year loaded by an administrator replaces the one held, and the clock reads it.
        var corrected = try #require(shipped.years[2026])
        corrected.source = "更正后的2026年通知（测试）"
        let load = try store.load(corrected, by: try store.viewer("admin"), base: try Fixtures.clock(), on: Self.today)
        #expect(load.replaced)
        #expect(try store.clock(base: try Fixtures.clock()).calendar.years[2026]?.source == "更正后的2026年通知（测试）")
    }

    @Test(arguments: Fixtures.engines)
    func theClockTokenMovesWithASameDayCorrectionAndAnAgreement(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "theClockTokenMovesWithASameDayCorrectionAndAnAgreement-\(engine)")
        let admin = try store.viewer("admin")
        _ = try store.load(Self.notice2027, by: admin, base: try Fixtures.clock(), on: Self.today)
        let first = try store.clockToken()
        #expect(try store.clockToken() == first)
        // The same year again, one day moved (the stored text the same length), on the same day.
        var corrected = Self.notice2027
        corrected.days[0].date = CivilDate(year: 2027, month: 1, day: 19)!
        _ = try store.load(corrected, by: admin, base: try Fixtures.clock(), on: Self.today)
        let second = try store.clockToken()
        #expect(second != first)
        try store.propose(.alertWindow, .days(10), source: "会议纪要", by: try store.viewer("zhanghui"), book: try Fixtures.clock().settings.rules, on: Self.today)
        #expect(try store.clockToken() == second)
        try store.agree(.alertWindow, by: try store.viewer("chenjie"), on: Self.today)
        #expect(try store.clockToken() != second)
    }

    @Test(arguments: Fixtures.engines)
    func aServiceLevelSetJointlyCountsForClocksStartedAfterwards(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "aServiceLevelSetJointlyCountsForClocksStartedAfterwards-\(engine)")
        let book = try Fixtures.clock().settings.rules
        let served = CivilDate(year: 2026, month: 12, day: 1)!
        let earlier = try Self.servedTransfer(store, on: served, title: "商定之前送达的移送")
        #expect(earlier.due == CivilDate(year: 2026, month: 12, day: 31)!)  // 30 days, the book's default

        let source = "县司法局、县检察院会议纪要（2026）3号"
        try store.propose(.clock(.transferFeedback), .days(20), source: source, by: try store.viewer("chenjie"), book: book, on: Self.today)
        // Proposed only: nothing changes yet.
        #expect(try Self.context(store).settings.currentVersion(.transferFeedback) == nil)
        // Not by the organisation that proposed it, nor by a handler.
        #expect(throws: Store.ClockFailure.ownProposal(key: "transfer-feedback", org: "sfj")) {
            try store.agree(.clock(.transferFeedback), by: try store.viewer("chenjie"), on: Self.today)
        }
        #expect(throws: Store.ClockFailure.notRuleMaker("wangjian")) {
            try store.agree(.clock(.transferFeedback), by: try store.viewer("wangjian"), on: Self.today)
        }
        let level = try store.agree(.clock(.transferFeedback), by: try store.viewer("zhanghui"), on: Self.today)
        #expect(level.version == 2 && level.period == .days(20) && level.source == source)

        let later = try Self.servedTransfer(store, on: served, title: "商定之后送达的移送")
        #expect(later.due == CivilDate(year: 2026, month: 12, day: 21)!)
        #expect(later.clockVersion == 2)
        let viewer = try store.viewer("zhaomin")
        let readLater = try #require(try store.matter(later.id, for: viewer))
        let readEarlier = try #require(try store.matter(earlier.id, for: viewer))
        #expect(readLater.clockVersion == 2 && readEarlier.clockVersion == nil)
        let calc = try Self.context(store).calculator
        // Each detail says which rule counted it: the earlier the book's default, the later the county's version 2.
        let e1 = try #require(Workflow.deadline(for: readEarlier, calculator: calc))
        let e2 = try #require(Workflow.deadline(for: readLater, calculator: calc))
        #expect(e1.due == readEarlier.due && e2.due == readLater.due)
        #expect(e1.rule?.county == nil && e1.explanation(.zh).contains { $0.hasPrefix("本县未另行商定") })
        #expect(e2.explanation(.zh).contains { $0.contains("第2版") && $0.contains(source) })
        // A notice loaded later re-clocks neither by the rule: each keeps its own period.
        let load = try store.load(Self.notice2027, by: try store.viewer("admin"), base: try Fixtures.clock(), on: Self.today)
        #expect(!load.reclocked.contains { $0.matter == earlier.id || $0.matter == later.id })
    }

    @Test(arguments: Fixtures.engines)
    func theRulesRefuseWhatTheCountyMayNotSet(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "theRulesRefuseWhatTheCountyMayNotSet-\(engine)")
        let book = try Fixtures.clock().settings.rules
        let head = try store.viewer("chenjie")
        #expect(throws: Store.ClockFailure.notSettable("suggestion-reply")) {
            try store.propose(.clock(.suggestionReply), .months(3), source: "x", by: head, book: book, on: Self.today)
        }
        #expect(throws: Store.ClockFailure.notRuleMaker("zhaomin")) {
            try store.propose(.clock(.transferFeedback), .days(20), source: "x", by: try store.viewer("zhaomin"), book: book, on: Self.today)
        }
        #expect(throws: Store.ClockFailure.notRuleMaker("hbj.guo")) {
            try store.propose(.clock(.transferFeedback), .days(20), source: "x", by: try store.viewer("hbj.guo"), book: book, on: Self.today)
        }
        #expect(throws: Store.ClockFailure.sourceRequired) {
            try store.propose(.clock(.transferFeedback), .days(20), source: "  ", by: head, book: book, on: Self.today)
        }
        #expect(throws: Store.ClockFailure.badWindow(120)) {
            try store.propose(.alertWindow, .days(120), source: "x", by: head, book: book, on: Self.today)
        }
        #expect(throws: Store.ClockFailure.nothingProposed("alert-window")) {
            try store.agree(.alertWindow, by: try store.viewer("zhanghui"), on: Self.today)
        }
        // A hostile source is refused by the text rule.
        #expect(throws: (any Error).self) {
            try store.propose(.clock(.transferFeedback), .days(20), source: "纪要\u{202E}3号", by: head, book: book, on: Self.today)
        }
        #expect(try store.countyRules().isEmpty)
        // The alert window agreed becomes the clock's.
        try store.propose(.alertWindow, .days(10), source: "会议纪要", by: try store.viewer("zhanghui"), book: book, on: Self.today)
        try store.agree(.alertWindow, by: head, on: Self.today)
        #expect(try store.clock(base: try Fixtures.clock()).settings.alertWindow == 10)
    }

    @Test(arguments: Fixtures.engines)
    func aReclockInAnExportedHistoryIsLeftToTheImportingDatabase(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, today: Self.today, name: "aReclockInAnExportedHistoryIsLeftToTheImportingDatabase-\(engine)")
        let moved = try Self.servedSuggestion(store, on: CivilDate(year: 2026, month: 11, day: 20)!, title: "导出后再导入的检察建议")
        _ = try store.load(Self.notice2027, by: try store.viewer("admin"), base: try Fixtures.clock(), on: Self.today)
        let admin = try store.viewer("admin")
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        let exported = try store.exchange(for: admin).filter { $0.matter.id == moved.id }.map {
            ExchangeMatter($0.matter, events: $0.events, organisations: orgs, today: Self.today, window: 7)
        }
        #expect(exported.first?.events?.contains { $0.action == "reclock" } == true)
        // Importing the same file again into the same database: unchanged, not a differing history.
        let json = try ExchangeJSON.text(ExchangeFile(exportedOn: Self.today, matters: exported))
        let items = ExchangeJSON.items(json)
        #expect(items.refused == nil)
        let result = try store.importMatters(items.items, source: "json", by: admin, context: try Self.context(store))
        #expect(result.unchanged == 1)
    }
}
