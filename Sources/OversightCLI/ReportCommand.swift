import ArgumentParser
import Foundation
import OversightDomain
import OversightWorkbench

/// `oversight report`: the figures (数据统计) of the matters the user may count over a period, the whole and per
/// domain, department or kind. The figures are `Report`'s (the workbench's reports pane shows the same); a party
/// counts its own share, an administrator the whole county (`Store.readableMatters`); the justice bureau also gets
/// the county view (`CountyFigures`: every department's suggestions, counts only), after the share in text, as the
/// `county` key in JSON and as rows `county` and `county:ORG` at the end of the CSV (`Store.report`).
struct ReportCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Figures: matters by kind, replies on time and late, adoption, overdue now, average days to reply.",
        discussion: """
            A matter counts in the period when it was created in it (both ends included); "overdue now" is as of \
            --today. Without --year or --from/--to: the year of --today. A party sees the figures of its own share, \
            an administrator those of the whole county. The justice bureau also sees the county's figures: the \
            procuratorial suggestions every department received in the period and how they were answered, counts \
            only (JSON: the key `county`; CSV: the rows `county` and `county:ORG` after the others).
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(name: .long, help: ArgumentHelp("The calendar year, e.g. 2025.", valueName: "Y")) var year: String?
    @Option(name: .long, help: ArgumentHelp("The first day (YYYY-MM-DD), with --to.", valueName: "D")) var from: String?
    @Option(name: .long, help: ArgumentHelp("The last day (YYYY-MM-DD), with --from.", valueName: "D")) var to: String?
    @Option(name: .long, help: ArgumentHelp("The rows of the table: domain (default), department or kind.", valueName: "G"))
    var by: String = ReportGrouping.domain.rawValue
    @Option(name: .long, help: ArgumentHelp("text (default), csv (UTF-8 with BOM, CRLF) or json.", valueName: "F"))
    var format: String = "text"

    func run() throws {
        guard ["text", "csv", "json"].contains(format) else {
            throw UsageError(try globals.presenter().strings("cli.report.bad-format", ["x": safe(format)]))
        }
        let grouping = try OptionValue.name(ReportGrouping.self, by, "--by")!
        let session = try globals.session()
        let period = try ReportPeriod.options(year: year, from: from, to: to, today: session.context.today)
        let words = try globals.presenter()
        let report = try session.store.report(for: session.viewer, period: period, today: session.context.today)
        let names = session.organisations.mapValues(\.name)
        let rows = report.rows(by: grouping)
        switch format {
        case "json":
            print(try json(ReportJSON(report, grouping: grouping, viewer: session.viewer, words: words, names: names)))
        case "csv":
            // The whole set first, then one row per group. In Chinese each is named in words: its short word (a
            // department's short name), then its full one. The English table is what scripts read (`--lang en`): its
            // group column keeps the codes (`all`, `suggestion`, an organisation's id), as it always had.
            let english = words.strings.language == .en
            let whole = words.strings("report.whole")
            var all = [(english ? "all" : whole, whole, report.whole)]
                + rows.map { (english ? $0.group.key : Self.short($0.group, words, names), words.group($0.group, organisations: names), $0.figures) }
            // The county view (the justice bureau's), after the share: its whole, then one row per department, the
            // group `county` and `county:ORG` in English, in words in Chinese.
            if let county = report.county {
                let countyWhole = words.strings("report.county.whole")
                all.append((english ? "county" : countyWhole, countyWhole, county.whole))
                all += county.rows.map {
                    let short = Organisation.shortName(names[$0.department] ?? $0.department)
                    return (english ? "county:" + $0.department : words.strings("report.county.group", ["org": short]),
                            names[$0.department] ?? $0.department, $0.figures)
                }
            }
            // The English headers are a contract (scripts read them); Chinese ones for a spreadsheet read by people.
            let header = ["group", "name"] + Figures.csvHeader
            let shown = words.strings.language == .en ? header : header.map { words.strings("cli.report.csv.\($0)") }
            print(csv(shown, all.map { [$0.0, $0.1] + Figures($0.2).csvRow }), terminator: "")
        default:
            print(text(report, rows, grouping: grouping, viewer: session.viewer, words: words, names: names))
        }
    }

    /// A group's short word: the kind's or domain's short word, a department's name without its place.
    static func short(_ g: ReportGroup, _ words: Presenter, _ names: [OrgID: String]) -> String {
        switch g {
        case .kind(let k): return words.kind(k, short: true)
        case .domain(let d): return words.domain(d, short: true)
        case .department(let id?): return Organisation.shortName(names[id] ?? id)
        case .department(nil): return words.strings("report.no-department")
        }
    }

    /// For people: what is counted, the whole set's figures, then one row per group.
    private func text(
        _ report: Report, _ rows: [ReportRow], grouping: ReportGrouping, viewer: Viewer, words: Presenter, names: [OrgID: String]
    ) -> String {
        let s = words.strings, w = report.whole
        var out = words.period(report) + "\n" + words.scope(viewer) + "\n\n"
        guard w.total > 0 else { return out + s("report.empty") + county(report.county, words: words, names: names) }
        let kinds = MatterKind.allCases.compactMap { k in w.byKind[k].map { ["  " + words.kind(k), String($0)] } }
        out += table([s("report.figure"), s("report.value")], [[s("report.matters"), String(w.total)]] + kinds + [
            [s("report.served"), String(w.served)],
            [s("report.reply-rate"), words.ratio(w.replyRate)],
            [s("report.on-time"), String(w.repliedOnTime)],
            [s("report.late"), String(w.repliedLate)],
            [s("report.on-time-rate"), words.ratio(w.onTimeReplyRate)],
            [s("report.adopted"), String(w.adopted)],
            [s("report.partly"), String(w.partlyAdopted)],
            [s("report.rejected"), String(w.rejected)],
            [s("report.adoption-rate"), words.ratio(w.adoptionRate)],
            [s("report.overdue"), String(w.overdue)],
            [s("report.escalated"), String(w.escalated)],
            [s("report.average-days"), words.days(w.averageDaysToReply)],
        ])
        let header = [s("report.column.\(grouping.rawValue)"), s("report.matters"), s("report.served"), s("report.replied"),
                      s("report.on-time"), s("report.late"), s("report.adoption-rate"), s("report.overdue"),
                      s("report.escalated"), s("report.average-days")]
        out += "\n\n" + s("report.heading.\(grouping.rawValue)") + "\n" + table(header, rows.map { r in
            let f = r.figures
            return [words.group(r.group, organisations: names), String(f.total), String(f.served), String(f.replied),
                    String(f.repliedOnTime), String(f.repliedLate), words.percent(f.adoptionRate), String(f.overdue),
                    String(f.escalated), words.days(f.averageDaysToReply)]
        })
        return out + plans(report.plans, words: words) + county(report.county, words: words, names: names)
    }

    /// How much of each annual plan of the period was carried out: its planned items (the matters that follow it
    /// that the reader may see), those carried out, those under way, and the rate. Empty when there is no plan.
    private func plans(_ plans: [PlanProgress], words: Presenter) -> String {
        guard !plans.isEmpty else { return "" }
        let s = words.strings
        let header = [s("report.plans.plan"), s("report.plans.standing"), s("report.plans.planned"),
                      s("report.plans.carried-out"), s("report.plans.underway"), s("report.plans.rate")]
        return "\n\n" + s("report.plans.heading") + "\n" + table(header, plans.map { p in
            ["#\(p.id) " + safe(p.title), p.standing.map(words.plan) ?? "", String(p.planned), String(p.carriedOut),
             String(p.underway), words.percent(p.ratio)]
        })
    }

    /// The county view, for the justice bureau: what it counts, then one line per department and the county's
    /// whole — received, replied on time and late, overdue now, adopted, partly adopted, rejected, adoption rate.
    /// Empty for everyone else.
    private func county(_ county: CountyFigures?, words: Presenter, names: [OrgID: String]) -> String {
        guard let county else { return "" }
        let s = words.strings
        let header = [s("report.column.department"), s("report.county.received"), s("report.on-time"), s("report.late"),
                      s("report.overdue"), s("report.adopted"), s("report.partly"), s("report.rejected"), s("report.adoption-rate")]
        func line(_ name: String, _ f: MatterStatistics) -> [String] {
            [name, String(f.total), String(f.repliedOnTime), String(f.repliedLate), String(f.overdue), String(f.adopted),
             String(f.partlyAdopted), String(f.rejected), words.percent(f.adoptionRate)]
        }
        return "\n\n" + s("report.county.heading") + "\n" + s("report.county.note") + "\n"
            + table(header, county.rows.map { line(names[$0.department] ?? $0.department, $0.figures) }
                + [line(s("report.county.whole"), county.whole)])
    }
}

/// One set's figures as scripts read them (every key present: an undefined rate or mean is `null`).
private struct Figures: Encodable {
    var matters: Int
    var byKind: [String: Int]
    var served: Int
    var replied: Int
    var repliedOnTime: Int
    var repliedLate: Int
    var replyRate: Double?
    var onTimeReplyRate: Double?
    var adopted: Int
    var partlyAdopted: Int
    var rejected: Int
    var adoptionRate: Double?
    var overdue: Int
    var escalated: Int
    var averageDaysToReply: Double?

    init(_ s: MatterStatistics) {
        matters = s.total
        byKind = Dictionary(uniqueKeysWithValues: s.byKind.map { ($0.key.rawValue, $0.value) })
        served = s.served
        replied = s.replied
        repliedOnTime = s.repliedOnTime
        repliedLate = s.repliedLate
        replyRate = s.replyRate.value
        onTimeReplyRate = s.onTimeReplyRate.value
        adopted = s.adopted
        partlyAdopted = s.partlyAdopted
        rejected = s.rejected
        adoptionRate = s.adoptionRate.value
        overdue = s.overdue
        escalated = s.escalated
        averageDaysToReply = s.averageDaysToReply
    }

    enum CodingKeys: String, CodingKey {
        case matters, byKind, served, replied, repliedOnTime, repliedLate, replyRate, onTimeReplyRate
        case adopted, partlyAdopted, rejected, adoptionRate, overdue, escalated, averageDaysToReply
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(matters, forKey: .matters)
        try c.encode(byKind, forKey: .byKind)
        try c.encode(served, forKey: .served)
        try c.encode(replied, forKey: .replied)
        try c.encode(repliedOnTime, forKey: .repliedOnTime)
        try c.encode(repliedLate, forKey: .repliedLate)
        try c.encode(replyRate, forKey: .replyRate)
        try c.encode(onTimeReplyRate, forKey: .onTimeReplyRate)
        try c.encode(adopted, forKey: .adopted)
        try c.encode(partlyAdopted, forKey: .partlyAdopted)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(adoptionRate, forKey: .adoptionRate)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(escalated, forKey: .escalated)
        try c.encode(averageDaysToReply, forKey: .averageDaysToReply)
    }

    /// The CSV columns after the group and its name: the counts, and rates and the mean to one decimal (rates in
    /// per cent), empty where undefined.
    static let csvHeader = ["matters", "served", "replied", "replied_on_time", "replied_late", "reply_rate_pct",
                            "on_time_rate_pct", "adopted", "partly_adopted", "rejected", "adoption_rate_pct", "overdue",
                            "escalated", "average_days_to_reply"]

    var csvRow: [String] {
        func one(_ d: Double?) -> String { d.map { String(format: "%.1f", $0) } ?? "" }
        return [String(matters), String(served), String(replied), String(repliedOnTime), String(repliedLate),
                one(replyRate.map { $0 * 100 }), one(onTimeReplyRate.map { $0 * 100 }), String(adopted),
                String(partlyAdopted), String(rejected), one(adoptionRate.map { $0 * 100 }), String(overdue),
                String(escalated), one(averageDaysToReply)]
    }
}

/// `report --format json`: the period and what it counts, the whole set's figures and one entry per group.
private struct ReportJSON: Encodable {
    struct Group: Encodable {
        var group: String
        var name: String
        var figures: Figures
    }

    var from: String
    var to: String
    /// How a matter is placed in the period: by the day it was created.
    var periodBasis = "created"
    var today: String
    /// `county` for an administrator, else `party` (the viewer's organisation's share).
    var scope: String
    var org: String
    var by: String
    var whole: Figures
    var groups: [Group]
    /// The county view, for the justice bureau only (absent for everyone else): every department's suggestions.
    var county: County?
    /// Each annual plan created in the period: how many planned items (matters following it that the reader may
    /// see), carried out (closed, not withdrawn or declined), under way (issued, not closed).
    var plans: [Plan]

    struct Plan: Encodable {
        var id: MatterID
        var title: String
        /// `awaiting-signatures`, `in-force`, `not-agreed`; absent for a plan withdrawn.
        var standing: String?
        var planned: Int
        var carriedOut: Int
        var underway: Int
    }

    /// `county`: the suggestions counted (`basis`), the county's whole, one entry per department by id.
    struct County: Encodable {
        /// What is counted: suggestions once issued, placed in the period by the day they were created.
        var basis = "issued-suggestions"
        var whole: Figures
        var departments: [Group]
    }

    init(_ r: Report, grouping: ReportGrouping, viewer: Viewer, words: Presenter, names: [OrgID: String]) {
        from = r.period.from.description
        to = r.period.to.description
        today = r.today.description
        scope = viewer.party == .admin ? "county" : "party"
        org = viewer.org.id
        by = grouping.rawValue
        whole = Figures(r.whole)
        groups = r.rows(by: grouping).map { Group(group: $0.group.key, name: words.group($0.group, organisations: names), figures: Figures($0.figures)) }
        plans = r.plans.map {
            Plan(id: $0.id, title: $0.title, standing: $0.standing?.rawValue, planned: $0.planned, carriedOut: $0.carriedOut, underway: $0.underway)
        }
        county = r.county.map { c in
            County(whole: Figures(c.whole), departments: c.rows.map {
                Group(group: $0.department, name: names[$0.department] ?? $0.department, figures: Figures($0.figures))
            })
        }
    }
}
