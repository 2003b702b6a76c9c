import OversightDomain
import PropertyBased
import Testing

private let d = Fixtures.date

/// A suggestion served on 2025-06-10, due `due`, answered on `replied` (if at all).
private func suggestion(id: MatterID = 1, due: CivilDate, replied: CivilDate?) -> Matter {
    Matter(id: id, number: "文检行建〔2025〕\(id)号", kind: .suggestion, title: "关于汾河排污口整治", domain: .ecology,
           fromOrg: "jcy", toOrg: "hbj", subjectOrg: "hbj", state: replied == nil ? .served : .replied,
           createdOn: d("2025-06-01"), servedOn: d("2025-06-10"), due: due, repliedOn: replied, outcome: replied == nil ? nil : .adopted)
}

@Suite("The deadline day")
struct DeadlineDayTests {
    /// The period ends at the end of its last day (民法典 Art. 203): a reply that day is on time.
    @Test func aReplyOnTheDeadlineDayIsOnTime() {
        let due = d("2025-08-11")
        #expect(suggestion(due: due, replied: due).repliedOnTime == true)
        #expect(suggestion(due: due, replied: d("2025-08-10")).repliedOnTime == true)
        #expect(suggestion(due: due, replied: d("2025-08-12")).repliedOnTime == false)
        #expect(suggestion(due: due, replied: nil).repliedOnTime == nil)
    }

    @Test func statisticsCountADeadlineDayReplyAsOnTime() {
        let due = d("2025-08-11")
        let stats = MatterStatistics([
            suggestion(id: 1, due: due, replied: due),
            suggestion(id: 2, due: due, replied: d("2025-08-12")),
            suggestion(id: 3, due: due, replied: nil),
        ], today: d("2025-08-20"))
        #expect(stats.served == 3 && stats.replied == 2)
        #expect(stats.repliedOnTime == 1)
        #expect(stats.onTimeReplyRate == Ratio(1, of: 2))
        #expect(stats.replyRate == Ratio(2, of: 3))
        // The unanswered one is overdue; the answered ones bind no one.
        #expect(stats.overdue == 1)
    }

    /// On its last day a deadline is due today, not overdue; the day after, overdue by one.
    @Test func onTheDeadlineDayNothingIsOverdueYet() {
        let due = d("2025-08-11")
        #expect(Urgency(due: due, today: due) == .dueToday)
        #expect(Urgency(due: due, today: d("2025-08-12")) == .overdue(days: 1))
        #expect(Urgency(due: due, today: d("2025-08-10")) == .dueSoon(days: 1))
        let open = suggestion(due: due, replied: nil)
        #expect(AlertCounts([open], today: due) == AlertCounts(overdue: 0, dueToday: 1, dueSoon: 0))
        #expect(MatterStatistics([open], today: due).overdue == 0)
        #expect(MatterStatistics([open], today: d("2025-08-12")).overdue == 1)
        #expect(AlertRules.alerting([open], for: County.org("jcy"), today: due).map(\.id) == [1])
    }

    /// For any deadline and any reply day around it: on time exactly when not after the deadline,
    /// and the statistics agree with the matters one by one.
    @Test func onTimeMeansNotAfterTheDeadline() throws {
        let dues = Gen.int(in: 0...1100).map { d("2024-06-01").adding(days: $0) }
        let offsets = Gen.int(in: -5...5).array(of: 1...12)
        try seededCheck(count: 300, input: zip(dues, offsets)) { due, offsets in
            let matters = offsets.enumerated().map { i, off in suggestion(id: Int64(i + 1), due: due, replied: due.adding(days: off)) }
            for (m, off) in zip(matters, offsets) {
                #expect(m.repliedOnTime == (off <= 0), "due \(due), replied \(off) days from it")
            }
            let stats = MatterStatistics(matters, today: due.adding(days: 10))
            #expect(stats.repliedOnTime == offsets.filter { $0 <= 0 }.count, "due \(due), offsets \(offsets)")
            #expect(stats.onTimeReplyRate.denominator == offsets.count)
        }
    }
}
