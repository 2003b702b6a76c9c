/// The justice bureau's county view (Art. 2: under the county government it guides, coordinates and supervises all
/// enforcement in the county): the procuratorial suggestions every department received over a report's period, and
/// how each department answered them, as **counts only**. The justice bureau is party to no suggestion (they go from
/// the procuratorate to a department), so it sees none of them; these figures tell it how many there were and how
/// they went, never which ones.
///
/// Each figure is `MatterStatistics`' own, over one department's suggestions (its definitions are there): received
/// is `total`; replied on time and late, `repliedOnTime` and `repliedLate`; overdue now, `overdue`; adoption,
/// `adopted`, `partlyAdopted`, `rejected` and `adoptionRate`. This value only chooses the suggestions (`counted`,
/// `ReportPeriod.contains`) and groups them by the department concerned (`Matter.department`).
public struct CountyFigures: Hashable, Sendable {
    /// Who gets the county view: the justice bureau. A department sees its own share and never another's figures;
    /// the procuratorate already counts every suggestion it issued in its own share (Art. 2 gives it no county-wide
    /// supervision: it acts on what it finds in its own work); an administrator's report counts the whole database.
    public static let readers: Set<Party> = [.justice]

    /// The matters counted: suggestions once issued. A draft (or one withdrawn before it was issued) is its sender's
    /// own business (`AccessRule.unissued`) and was never received. One value: `admits` here, SQL in the store.
    public static let counted: AccessCondition = .all([.kind(.suggestion), .not(AccessRule.unissued)])

    /// Whether `m` is counted (`counted`, which names no organisation).
    public static func counts(_ m: Matter) -> Bool { counted.holds(for: m, viewer: nil) }

    /// One department's figures.
    public struct Row: Hashable, Sendable {
        public var department: OrgID
        public var figures: MatterStatistics

        public init(department: OrgID, figures: MatterStatistics) {
            self.department = department
            self.figures = figures
        }
    }

    /// Every counted suggestion of the period, the county's whole.
    public var whole: MatterStatistics
    /// One row per department, by id: each of `departments` (none received is a figure too), and any other
    /// department concerned by a counted suggestion.
    public var rows: [Row]

    /// The figures of those of `suggestions` that are counted and created in `period`, "overdue now" as of `today`.
    /// The caller passes the suggestions without their texts (the store reads no title, summary or number for them).
    public init(_ suggestions: [Matter], departments: [OrgID], period: ReportPeriod, today: CivilDate) {
        let chosen = suggestions.filter { Self.counts($0) && period.contains($0) }
        whole = MatterStatistics(chosen, today: today)
        let byDepartment = Dictionary(grouping: chosen.filter { $0.department != nil }, by: { $0.department! })
        rows = Set(departments).union(byDepartment.keys).sorted().map {
            Row(department: $0, figures: MatterStatistics(byDepartment[$0] ?? [], today: today))
        }
    }

    /// The largest number of suggestions one department received (a chart's scale).
    public var mostReceived: Int { rows.map(\.figures.total).max() ?? 0 }
}
