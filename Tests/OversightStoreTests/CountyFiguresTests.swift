import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The justice bureau's county view (issue 20, Art. 2): every department's suggestions counted in the store, counts
/// only, for the justice bureau and nobody else.
@Suite struct CountyFiguresTests {
    /// The demo with generated matters on top (five years of a county's), in a real SQLite file.
    static let store = Result { () throws -> Store in
        let dir = try Fixtures.temporaryDirectory("CountyFiguresTests")
        let store = try Store(path: dir.appendingPathComponent("county.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin", generated: 1500)
        return store
    }

    /// One department's figures as the test counts them.
    struct Hand: Equatable, CustomStringConvertible {
        var received = 0, onTime = 0, late = 0, overdue = 0, adopted = 0, partly = 0, rejected = 0
        var description: String { "\(received) \(onTime)/\(late) overdue \(overdue) adopted \(adopted)/\(partly)/\(rejected)" }
    }

    /// The figures counted by hand in SQL, not by `MatterStatistics`: per department, the suggestions once issued
    /// (an issue day) created in the period; replied on time or late against the deadline, overdue as of `today`
    /// (waiting — served, objected, or escalated unanswered — past the deadline), outcomes of the answered ones.
    static func handCount(_ store: Store, from: CivilDate, to: CivilDate, today: CivilDate) throws -> [String: Hand] {
        let answered = "m.served_on IS NOT NULL AND m.state <> 'withdrawn' AND m.replied_on IS NOT NULL"
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.id AS org, COUNT(m.id) AS received,
                    COALESCE(SUM(\(answered) AND m.due IS NOT NULL AND m.replied_on <= m.due), 0) AS on_time,
                    COALESCE(SUM(\(answered) AND m.due IS NOT NULL AND m.replied_on > m.due), 0) AS late,
                    COALESCE(SUM((m.state IN ('served', 'in-progress', 'objected') OR (m.state = 'escalated' AND m.replied_on IS NULL))
                        AND m.due < :today), 0) AS overdue,
                    COALESCE(SUM(\(answered) AND m.outcome = 'adopted'), 0) AS adopted,
                    COALESCE(SUM(\(answered) AND m.outcome = 'partly'), 0) AS partly,
                    COALESCE(SUM(\(answered) AND m.outcome = 'rejected'), 0) AS rejected
                FROM organisation o LEFT JOIN matter m ON COALESCE(m.subject_org, m.to_org) = o.id
                    AND m.kind = 'suggestion' AND m.issued_on IS NOT NULL AND m.created_on BETWEEN :from AND :to
                WHERE o.party = 'department' GROUP BY o.id ORDER BY o.id
                """, arguments: ["from": from.description, "to": to.description, "today": today.description])
        }
        var out: [String: Hand] = [:]
        for r in rows {
            out[r["org"]] = Hand(received: r["received"], onTime: r["on_time"], late: r["late"], overdue: r["overdue"],
                                 adopted: r["adopted"], partly: r["partly"], rejected: r["rejected"])
        }
        return out
    }

    static func hand(_ f: MatterStatistics) -> Hand {
        Hand(received: f.total, onTime: f.repliedOnTime, late: f.repliedLate, overdue: f.overdue, adopted: f.adopted,
             partly: f.partlyAdopted, rejected: f.rejected)
    }

    @Test(arguments: [2022, 2024, 2025, 2026, nil])
    func theCountyFiguresAreAHandCountForEveryDepartment(year: Int?) throws {
        let store = try Self.store.get()
        let today = Fixtures.today
        let period = try #require(year.map { ReportPeriod.year($0) } ?? ReportPeriod(from: CivilDate(year: 2000, month: 1, day: 1)!, to: today))
        let county = try #require(try store.countyFigures(for: try store.viewer("zhaomin"), period: period, today: today))
        let hand = try Self.handCount(store, from: period.from, to: period.to, today: today)
        // Every department, none received included, each once, by id.
        #expect(county.rows.map(\.department) == hand.keys.sorted())
        for row in county.rows {
            #expect(Self.hand(row.figures) == hand[row.department], "\(year.map(String.init) ?? "all"): \(row.department)")
        }
        var whole = Hand()
        for h in hand.values {
            whole.received += h.received; whole.onTime += h.onTime; whole.late += h.late; whole.overdue += h.overdue
            whole.adopted += h.adopted; whole.partly += h.partly; whole.rejected += h.rejected
        }
        #expect(Self.hand(county.whole) == whole)
        #expect(county.whole.byKind.keys.allSatisfy { $0 == .suggestion })
        if year == nil {
            // The generated years have every figure to count.
            #expect(whole.received > 100 && whole.onTime > 0 && whole.late > 0 && whole.overdue > 0)
            #expect(whole.adopted > 0 && whole.partly > 0 && whole.rejected > 0)
        }
    }

    /// The same, as the report the justice bureau gets: its share unchanged, the county's figures beside it.
    @Test func theJusticeBureausReportCarriesTheCountyOthersDoNot() throws {
        let store = try Self.store.get()
        let today = Fixtures.today, year = try #require(ReportPeriod.year(2026))
        for name in ["zhaomin", "sunli", "chenjie"] {
            let viewer = try store.viewer(name)
            let report = try store.report(for: viewer, period: year, today: today)
            #expect(report.county == (try store.countyFigures(for: viewer, period: year, today: today)))
            #expect(report.county != nil, "\(name)")
            var share = report
            share.county = nil
            #expect(share == Report(try store.readableMatters(for: viewer), period: year, today: today), "\(name): the share as before")
        }
        // Everyone else: the procuratorate, a department, an administrator — no county section.
        for name in ["wangjian", "zhanghui", "hbj.li", "scjgj.ren", "admin"] {
            let viewer = try store.viewer(name)
            #expect(try store.countyFigures(for: viewer, period: year, today: today) == nil, "\(name)")
            #expect(try store.report(for: viewer, period: year, today: today).county == nil, "\(name)")
        }
    }

    /// Who the database says the viewer is counts, not the value a caller holds: a justice-bureau person disabled
    /// since, or one whose viewer names another organisation, gets no county figures.
    @Test(arguments: Fixtures.engines)
    func aDisabledOrMisplacedJusticeViewerGetsNone(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aDisabledOrMisplacedJusticeViewerGetsNone-\(engine)")
        let today = Fixtures.today, year = try #require(ReportPeriod.year(2026))
        let zhaomin = try store.viewer("zhaomin")
        #expect(try store.countyFigures(for: zhaomin, period: year, today: today) != nil)
        let jcy = try #require(try store.organisations().first { $0.id == "jcy" })
        let sfj = try #require(try store.organisations().first { $0.id == "sfj" })
        // A procuratorate person claiming the justice bureau, a justice person under the procuratorate.
        let wang = try store.viewer("wangjian")
        #expect(try store.countyFigures(for: Viewer(user: wang.user, org: sfj), period: year, today: today) == nil)
        #expect(try store.countyFigures(for: Viewer(user: zhaomin.user, org: jcy), period: year, today: today) == nil)
        try store.disable(user: "zhaomin", by: try store.viewer("admin"), on: today)
        #expect(try store.countyFigures(for: zhaomin, period: year, today: today) == nil, "disabled since the viewer was read")
    }

    /// The county read over a matter of every kind in every state it can reach (and a draft withdrawn unissued),
    /// for the justice bureau: it counts exactly the suggestions once issued — every state of them, none of any other
    /// kind, no draft — and what it gives back is counts.
    @Test(arguments: Fixtures.engines)
    func acrossEveryKindAndStateItCountsIssuedSuggestionsOnly(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "acrossEveryKindAndStateItCountsIssuedSuggestionsOnly-\(engine)")
        let today = Fixtures.today, year = try #require(ReportPeriod.year(today.year))
        let walked = try DraftAccessTests.walk(store, today: today)
        let all = try allMatters(store).filter { year.contains($0) }
        let justice = try store.viewer("zhaomin")
        let county = try #require(try store.countyFigures(for: justice, period: year, today: today))
        // By hand: a suggestion with an issue day counts, in whatever state; nothing else does.
        let counted = all.filter { $0.kind == .suggestion && $0.issuedOn != nil }
        #expect(county.whole.total == counted.count)
        #expect(county.whole.byKind == (counted.isEmpty ? [:] : [.suggestion: counted.count]))
        #expect(county.whole.byState == Dictionary(grouping: counted, by: \.state).mapValues(\.count))
        let places = try #require(walked[.suggestion])
        for (place, id) in places {
            let m = try #require(all.first { $0.id == id })
            #expect(counted.contains(m) == place.issued, "suggestion \(place.state) issued \(place.issued)")
        }
        #expect(Set(places.keys.filter(\.issued).map(\.state)) == Set(Workflow.steps(of: .suggestion).compactMap(\.to)),
                "every state a suggestion reaches once issued is among those counted")
        for kind in MatterKind.allCases where kind != .suggestion {
            #expect(try #require(walked[kind]).count > 1, "\(kind): walked")
        }
        // The walked suggestions concern hbj: its row holds them with the demo's.
        let hbj = try #require(county.rows.first { $0.department == "hbj" })
        #expect(hbj.figures.total == counted.filter { $0.department == "hbj" }.count)
        // The figures of the county view and the justice bureau's own access are separate: what it may see is still
        // what the policy admits, the walked suggestions (copied to it) included, the demo's others not.
        let seen = Set(try store.readableMatters(for: justice).map(\.id))
        #expect(counted.contains { !seen.contains($0.id) }, "the county counts suggestions the justice bureau may not see")
        #expect(counted.filter { seen.contains($0.id) }.allSatisfy { AccessPolicy.canSee(justice, $0) })
    }
}
