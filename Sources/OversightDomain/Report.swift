/// The days a report covers, both ends included.
///
/// A matter belongs to the period when it was **created** in it (`Matter.createdOn`, from `from` to `to`
/// inclusive), whatever happened to it later: a suggestion made in December and answered in January counts in
/// December's year. Figures that depend on a day ("overdue now") are taken as of the report's `today`.
public struct ReportPeriod: Hashable, Sendable {
    public var from: CivilDate
    public var to: CivilDate

    /// A period from `from` to `to`, both included; nil when `from` is after `to`.
    public init?(from: CivilDate, to: CivilDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The calendar year `year`: 1 January to 31 December.
    public static func year(_ year: Int) -> ReportPeriod? {
        guard let from = CivilDate(year: year, month: 1, day: 1), let to = CivilDate(year: year, month: 12, day: 31) else { return nil }
        return ReportPeriod(from: from, to: to)
    }

    /// Whether `m` belongs to the period: created on or after `from` and on or before `to`.
    public func contains(_ m: Matter) -> Bool { from <= m.createdOn && m.createdOn <= to }

    /// The period `--year Y` or `--from D --to D` names (neither: the year of `today`). The dates are read as every
    /// date option is (`OptionValue.date`: YYYY-MM-DD, `today`, +N/-N). A year with dates, one date without the
    /// other, a bad year or date, and `from` after `to` are errors.
    public static func options(year: String?, from: String?, to: String?, today: CivilDate) throws(OptionError) -> ReportPeriod {
        if let year {
            guard from == nil, to == nil else {
                throw OptionError("give either --year or --from and --to, not both", zh: "--year 与 --from/--to 只能选一种")
            }
            guard let y = Int(year), (1900...9999).contains(y), let period = ReportPeriod.year(y) else {
                throw OptionError("--year must be a year such as 2025, not \"\(year)\"", zh: "--year 应为年份，如 2025，而不是“\(year)”", option: "year")
            }
            return period
        }
        switch (from, to) {
        case (nil, nil):
            return ReportPeriod.year(today.year)!
        case (let f?, let t?):
            let start = try OptionValue.date(f, "--from", today: today), end = try OptionValue.date(t, "--to", today: today)
            guard let period = ReportPeriod(from: start, to: end) else {
                throw OptionError("--from \(start) is after --to \(end)", zh: "--from \(start) 晚于 --to \(end)", option: "from")
            }
            return period
        default:
            throw OptionError("give --from and --to together (or --year)", zh: "--from 与 --to 须同时给出（或用 --year）")
        }
    }
}

/// What the rows of a report's table are: one per kind, per Art. 4 domain, or per department concerned.
public enum ReportGrouping: String, Hashable, Sendable, CaseIterable {
    case domain, department, kind
}

/// One row's key. `department(nil)`: the matters that concern no enforcement department (transfers, referrals,
/// meetings …), so the rows of every grouping add up to the whole.
public enum ReportGroup: Hashable, Sendable {
    case kind(MatterKind)
    case domain(DomainArea)
    case department(OrgID?)

    /// Its stable name for scripts: the kind's or domain's name, the department's id, `none` for no department.
    public var key: String {
        switch self {
        case .kind(let k): return k.rawValue
        case .domain(let d): return d.rawValue
        case .department(let id): return id ?? "none"
        }
    }
}

/// The figures of one group.
public struct ReportRow: Hashable, Sendable {
    public var group: ReportGroup
    public var figures: MatterStatistics
}

/// The figures (数据统计) of a set of matters over a period: the whole, and the same figures per kind, per domain
/// and per department. Each figure is `MatterStatistics`' (its definitions are there); this only chooses the
/// matters (`ReportPeriod.contains`) and groups them. Shared by `oversight report` and the workbench's pane.
public struct Report: Hashable, Sendable {
    /// What a city's body counts beside what it may read (`Store.report`): the issued matters of the counties under
    /// its city, no clue referral (its sender's alone, Art. 10).
    public static let cityCounts: AccessCondition = .all([.not(AccessRule.unissued), .not(.kind(.referral))])

    public var period: ReportPeriod
    /// The day "overdue now" is taken on.
    public var today: CivilDate
    /// Every matter of the period.
    public var whole = MatterStatistics()
    private var kinds: [MatterKind: MatterStatistics] = [:]
    private var domains: [DomainArea: MatterStatistics] = [:]
    private var departments: [OrgID?: MatterStatistics] = [:]
    /// The county's figures beside the viewer's share, for a reader of the county view (`CountyFigures.readers`:
    /// the justice bureau); nil for everyone else. Counts only, read by the store (`Store.report(for:period:today:)`).
    public var county: CountyFigures?
    /// How much of each annual plan created in the period was carried out (`PlanProgress`), oldest first: its
    /// planned items are the matters that follow it among `matters` (what the reader may count).
    public var plans: [PlanProgress] = []

    /// A report of nothing yet: the store counts the period's matters into it as it reads them (`count(_:)`).
    public init(period: ReportPeriod, today: CivilDate) {
        self.period = period
        self.today = today
    }

    /// The figures of those of `matters` created in `period` (the caller passes what the reader may count:
    /// `Store.readableMatters(for:)`, a party's share or, for an administrator, the county's). `links`: which
    /// matter follows which (matter, followed); a link with an end not among `matters` is left out.
    public init(_ matters: [Matter], period: ReportPeriod, today: CivilDate, links: [(matter: MatterID, follows: MatterID)] = []) {
        self.init(period: period, today: today)
        for m in matters { count(m) }
        let byID = Dictionary(matters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let followers = Dictionary(grouping: links.filter { byID[$0.matter] != nil }, by: \.follows)
        plans = Self.progress(matters.filter { period.contains($0) && $0.isAnnualPlan }) { plan in
            (followers[plan.id] ?? []).compactMap { byID[$0.matter] }
        }
    }

    /// Counts `m` in the whole and in its kind's, domain's and department's rows when it belongs to the period
    /// (`ReportPeriod.contains`); a matter of another period is left out.
    public mutating func count(_ m: Matter) {
        guard period.contains(m) else { return }
        whole.count(m, today: today)
        kinds[m.kind, default: MatterStatistics()].count(m, today: today)
        domains[m.domain, default: MatterStatistics()].count(m, today: today)
        departments[m.department, default: MatterStatistics()].count(m, today: today)
    }

    /// The progress of each of `plans` (annual plans of the period), oldest first, its items as `items` gives them.
    public static func progress(_ plans: [Matter], items: (Matter) -> [Matter]) -> [PlanProgress] {
        plans.sorted { $0.id < $1.id }.map { PlanProgress($0, items: items($0)) }
    }

    /// The groups that have matters, each with its figures: kinds and domains in their declared order, departments
    /// by id with "no department" last.
    public func rows(by grouping: ReportGrouping) -> [ReportRow] {
        switch grouping {
        case .kind:
            return MatterKind.allCases.compactMap { k in kinds[k].map { ReportRow(group: .kind(k), figures: $0) } }
        case .domain:
            return DomainArea.allCases.compactMap { d in domains[d].map { ReportRow(group: .domain(d), figures: $0) } }
        case .department:
            let named = departments.keys.compactMap { $0 }.sorted().map { Optional($0) } + [nil]
            return named.compactMap { d in departments[d].map { ReportRow(group: .department(d), figures: $0) } }
        }
    }
}
