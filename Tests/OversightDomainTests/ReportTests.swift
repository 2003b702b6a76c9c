import OversightDomain
import Testing

private let d = Fixtures.date

/// A matter of `kind` made on `created` (by the procuratorate, to `to`), with the dates and state given.
private func matter(
    _ id: MatterID, _ kind: MatterKind, created: String, state: MatterState, domain: DomainArea = .ecology, to: OrgID = "hbj",
    served: String? = nil, due: String? = nil, replied: String? = nil, outcome: Outcome? = nil,
    escalations: [EscalationOption]? = nil
) -> Matter {
    Matter(id: id, number: "文检〔2025〕\(id)号", kind: kind, title: "事项\(id)", domain: domain, fromOrg: "jcy", toOrg: to,
           state: state, createdOn: d(created), servedOn: served.map(d), due: due.map(d), repliedOn: replied.map(d),
           outcome: outcome, escalations: escalations)
}

@Suite("Figures over a period")
struct ReportTests {
    static let today = d("2025-09-29")
    static let year2025 = ReportPeriod.year(2025)!

    /// Every boundary the figures must hold, one matter each.
    static let set: [Matter] = [
        // Made on the period's first day: in. Answered on the deadline day: on time. 59 days from service.
        matter(1, .suggestion, created: "2025-01-01", state: .closed, served: "2025-01-10", due: "2025-03-10", replied: "2025-03-10", outcome: .adopted),
        // Made on the period's last day: in; not yet served.
        matter(2, .suggestion, created: "2025-12-31", state: .issued),
        // The day before and the day after the period: out.
        matter(3, .suggestion, created: "2024-12-31", state: .closed, served: "2025-01-02", due: "2025-03-02", replied: "2025-01-05", outcome: .adopted),
        matter(4, .suggestion, created: "2026-01-01", state: .draft),
        // Answered the day after the deadline: late. 62 days.
        matter(5, .suggestion, created: "2025-03-01", state: .replied, domain: .land, to: "zrzyj", served: "2025-03-05", due: "2025-05-05",
               replied: "2025-05-06", outcome: .rejected),
        // Escalated while unanswered: served, overdue now and escalated.
        matter(6, .suggestion, created: "2025-04-01", state: .escalated, domain: .land, to: "zrzyj", served: "2025-04-02", due: "2025-06-02",
               escalations: [.reportUpper]),
        // Answered on time, then escalated (rectification inadequate): replied, escalated, not overdue. 60 days.
        matter(7, .suggestion, created: "2025-05-01", state: .escalated, served: "2025-05-02", due: "2025-07-02", replied: "2025-07-01",
               outcome: .partly, escalations: [.notifySuperior]),
        // Withdrawn after service, unanswered, and withdrawn after an answer: neither counts in the reply rates.
        matter(8, .suggestion, created: "2025-02-01", state: .withdrawn, served: "2025-02-02", due: "2025-04-02"),
        matter(13, .suggestion, created: "2025-03-15", state: .withdrawn, served: "2025-03-16", due: "2025-05-16", replied: "2025-05-10",
               outcome: .adopted),
        // A transfer past its deadline: overdue now; no department.
        matter(9, .transfer, created: "2025-06-01", state: .served, domain: .other, to: "sfj", served: "2025-06-02", due: "2025-08-02"),
        // An inspection answered in 13 days, on time.
        matter(10, .inspection, created: "2025-07-01", state: .replied, domain: .land, to: "zrzyj", served: "2025-07-02", due: "2025-07-20",
               replied: "2025-07-15"),
        // A meeting: no clock, counted only as a matter of its kind.
        matter(11, .meeting, created: "2025-08-01", state: .closed, domain: .other, to: "sfj"),
        // Due today: not overdue yet.
        matter(12, .suggestion, created: "2025-08-20", state: .served, served: "2025-09-01", due: "2025-09-29"),
        // Answered with no deadline in force: replied, neither on time nor late. 10 days.
        matter(14, .transfer, created: "2025-06-05", state: .replied, domain: .other, to: "sfj", served: "2025-06-10", replied: "2025-06-20"),
    ]

    /// The figures counted here again, one rule at a time and by the dates' text, without `MatterStatistics`.
    struct Expected {
        var total = 0, served = 0, replied = 0, onTime = 0, late = 0, adopted = 0, partly = 0, rejected = 0, overdue = 0, escalated = 0
        var byKind: [MatterKind: Int] = [:]
        var days: [Int] = []

        init(_ matters: [Matter], from: String, to: String, today: String) {
            for m in matters where (from...to).contains(m.createdOn.description) {
                total += 1
                byKind[m.kind, default: 0] += 1
                if !(m.escalations ?? []).isEmpty { escalated += 1 }
                let waiting = [.served, .inProgress, .objected].contains(m.state) || (m.state == .escalated && m.repliedOn == nil)
                if waiting, let due = m.due, due.description < today { overdue += 1 }
                guard [.suggestion, .transfer, .inspection].contains(m.kind), m.state != .withdrawn, let s = m.servedOn else { continue }
                served += 1
                guard let r = m.repliedOn else { continue }
                replied += 1
                days.append(r.dayNumber - s.dayNumber)
                if let due = m.due { if r.description <= due.description { onTime += 1 } else { late += 1 } }
                if m.kind == .suggestion {
                    if m.outcome == .adopted { adopted += 1 }
                    if m.outcome == .partly { partly += 1 }
                    if m.outcome == .rejected { rejected += 1 }
                }
            }
        }
    }

    static func expectSame(_ f: MatterStatistics, _ e: Expected, _ what: String) {
        #expect(f.total == e.total, "\(what)")
        #expect(f.byKind == e.byKind, "\(what)")
        #expect(f.served == e.served && f.replied == e.replied, "\(what)")
        #expect(f.repliedOnTime == e.onTime && f.repliedLate == e.late, "\(what)")
        #expect(f.adopted == e.adopted && f.partlyAdopted == e.partly && f.rejected == e.rejected, "\(what)")
        #expect(f.overdue == e.overdue && f.escalated == e.escalated, "\(what)")
        #expect(f.replyRate == Ratio(e.replied, of: e.served), "\(what)")
        #expect(f.onTimeReplyRate == Ratio(e.onTime, of: e.replied), "\(what)")
        #expect(f.adoptionRate == Ratio(e.adopted + e.partly, of: e.adopted + e.partly + e.rejected), "\(what)")
        #expect(f.averageDaysToReply == (e.days.isEmpty ? nil : Double(e.days.reduce(0, +)) / Double(e.days.count)), "\(what)")
    }

    @Test func everyFigureOfTheWholeMatchesAnIndependentCount() {
        let r = Report(Self.set, period: Self.year2025, today: Self.today)
        let e = Expected(Self.set, from: "2025-01-01", to: "2025-12-31", today: "2025-09-29")
        Self.expectSame(r.whole, e, "whole")
        // And the boundaries themselves, by hand: both edges in, the days outside out; the deadline-day reply on
        // time, the day-after one late, the one without a deadline neither; two withdrawn left out of the rates.
        #expect(r.whole.total == 12)
        #expect(r.whole.served == 8 && r.whole.replied == 5)
        #expect(r.whole.repliedOnTime == 3 && r.whole.repliedLate == 1)
        #expect(r.whole.adopted == 1 && r.whole.partlyAdopted == 1 && r.whole.rejected == 1)
        #expect(r.whole.overdue == 2 && r.whole.escalated == 2)
        #expect(r.whole.averageDaysToReply == Double(59 + 62 + 60 + 13 + 10) / 5)
    }

    @Test(arguments: ReportGrouping.allCases)
    func everyGroupMatchesAnIndependentCountAndTheGroupsAddUpToTheWhole(by grouping: ReportGrouping) {
        let r = Report(Self.set, period: Self.year2025, today: Self.today)
        let rows = r.rows(by: grouping)
        #expect(rows.map(\.figures.total).reduce(0, +) == r.whole.total)
        #expect(rows.map(\.figures.overdue).reduce(0, +) == r.whole.overdue)
        #expect(rows.map(\.figures.replied).reduce(0, +) == r.whole.replied)
        #expect(Set(rows.map(\.group)).count == rows.count, "one row per group")
        for row in rows {
            let members = Self.set.filter { m in
                switch row.group {
                case .kind(let k): return m.kind == k
                case .domain(let a): return m.domain == a
                case .department(let id): return m.department == id
                }
            }
            #expect(!members.isEmpty)
            Self.expectSame(row.figures, Expected(members, from: "2025-01-01", to: "2025-12-31", today: "2025-09-29"), "\(row.group)")
        }
    }

    @Test func departmentsComeByIdWithNoDepartmentLast() {
        let rows = Report(Self.set, period: Self.year2025, today: Self.today).rows(by: .department)
        #expect(rows.map(\.group) == [.department("hbj"), .department("zrzyj"), .department(nil)])
        #expect(rows.last?.figures.total == 3, "the transfers and the meeting concern no department")
        #expect(ReportGroup.department(nil).key == "none" && ReportGroup.department("hbj").key == "hbj")
    }

    @Test func aPeriodOfOneDayHoldsWhatWasMadeThatDay() {
        let day = ReportPeriod(from: d("2025-12-31"), to: d("2025-12-31"))!
        let r = Report(Self.set, period: day, today: Self.today)
        #expect(r.whole.total == 1 && r.whole.byKind == [.suggestion: 1])
        #expect(r.whole.averageDaysToReply == nil, "no reply, no mean")
        #expect(Report([], period: day, today: Self.today).rows(by: .kind).isEmpty)
    }

    @Test func thePeriodIsReadFromTheOptions() throws {
        let today = Self.today
        #expect(try ReportPeriod.options(year: nil, from: nil, to: nil, today: today) == Self.year2025)
        #expect(try ReportPeriod.options(year: "2024", from: nil, to: nil, today: today) == ReportPeriod(from: d("2024-01-01"), to: d("2024-12-31")))
        #expect(try ReportPeriod.options(year: nil, from: "2025-03-01", to: "2025-03-01", today: today) == ReportPeriod(from: d("2025-03-01"), to: d("2025-03-01")))
        #expect(try ReportPeriod.options(year: nil, from: "2025-09-01", to: "today", today: today) == ReportPeriod(from: d("2025-09-01"), to: today))
        for (year, from, to) in [("2025", "2025-01-01", nil), ("2025", nil, "2025-02-01"), (nil, "2025-01-01", nil), (nil, nil, "2025-01-01"),
                                 ("20x5", nil, nil), (nil, "2025-02-30", "2025-03-01"), (nil, "2025-03-02", "2025-03-01")] as [(String?, String?, String?)] {
            #expect(throws: OptionError.self, "\(year ?? "-") \(from ?? "-") \(to ?? "-")") {
                try ReportPeriod.options(year: year, from: from, to: to, today: today)
            }
        }
        #expect(ReportPeriod(from: d("2025-03-02"), to: d("2025-03-01")) == nil)
    }
}
