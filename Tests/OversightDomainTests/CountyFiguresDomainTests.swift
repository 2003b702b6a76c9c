import OversightDomain
import Testing

private let d = Fixtures.date

/// A suggestion from the procuratorate to `to` (about `subject`, if given) made on `created`.
private func suggestion(
    _ id: MatterID, created: String, state: MatterState, to: OrgID = "hbj", subject: OrgID? = nil, issued: String? = nil,
    served: String? = nil, due: String? = nil, replied: String? = nil, outcome: Outcome? = nil, kind: MatterKind = .suggestion
) -> Matter {
    Matter(id: id, number: "", kind: kind, title: "", domain: .ecology, fromOrg: "jcy", toOrg: to, subjectOrg: subject,
           state: state, createdOn: d(created), servedOn: served.map(d), due: due.map(d), repliedOn: replied.map(d),
           issuedOn: issued.map(d), outcome: outcome)
}

/// The justice bureau's county view in the domain: which matters it counts, and its rows.
@Suite struct CountyFiguresDomainTests {
    static let today = d("2025-09-29")
    static let year = ReportPeriod.year(2025)!

    @Test func itCountsIssuedSuggestionsOfThePeriodByTheDepartmentConcerned() {
        let set = [
            // Counted: issued, in any state after, in the period; by the subject when there is one.
            suggestion(1, created: "2025-01-01", state: .closed, issued: "2025-01-02", served: "2025-01-03", due: "2025-03-03",
                       replied: "2025-03-03", outcome: .adopted),
            suggestion(2, created: "2025-12-31", state: .issued, issued: "2025-12-31"),
            suggestion(3, created: "2025-05-01", state: .served, to: "hbj", subject: "scjgj", issued: "2025-05-01", served: "2025-05-02",
                       due: "2025-07-02"),
            suggestion(4, created: "2025-05-01", state: .withdrawn, issued: "2025-05-01"),
            suggestion(5, created: "2025-02-01", state: .replied, issued: "2025-02-01", served: "2025-02-02", due: "2025-04-02",
                       replied: "2025-04-10", outcome: .rejected),
            // Not counted: a draft, one withdrawn before it was issued, out of the period, another kind.
            suggestion(6, created: "2025-05-01", state: .draft),
            suggestion(7, created: "2025-05-01", state: .withdrawn),
            suggestion(8, created: "2024-12-31", state: .issued, issued: "2025-01-01"),
            suggestion(9, created: "2026-01-01", state: .issued, issued: "2026-01-01"),
            suggestion(10, created: "2025-05-01", state: .served, issued: "2025-05-01", served: "2025-05-02", due: "2025-06-02", kind: .inspection),
        ]
        #expect(set.filter(CountyFigures.counts).map(\.id) == [1, 2, 3, 4, 5, 8, 9])
        let county = CountyFigures(set, departments: ["zz", "hbj"], period: Self.year, today: Self.today)
        // Every department given (none received included) and any other concerned, by id.
        #expect(county.rows.map(\.department) == ["hbj", "scjgj", "zz"])
        #expect(county.rows.map(\.figures.total) == [4, 1, 0], "hbj: 1, 2, 4 (withdrawn once issued: received) and 5")
        let hbj = county.rows[0].figures
        #expect(hbj.repliedOnTime == 1 && hbj.repliedLate == 1 && hbj.adopted == 1 && hbj.rejected == 1 && hbj.overdue == 0)
        #expect(county.rows[1].figures.overdue == 1, "served, due 2025-07-02, unanswered on 2025-09-29")
        #expect(county.whole == MatterStatistics(set.filter { [1, 2, 3, 4, 5].contains($0.id) }, today: Self.today))
        #expect(county.mostReceived == 4)
        #expect(CountyFigures.readers == [.justice])
    }
}
