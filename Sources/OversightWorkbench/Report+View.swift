import Foundation
import OversightDomain

/// One row of the reports pane, before it is put into words: the screen draws it, the reducer counts them to
/// bound the scroll.
public enum ReportPaneRow: Hashable, Sendable {
    /// The period and what it means; whose matters are counted.
    case period, scope
    /// Matters, replies and the mean time to reply; overdue now and escalated.
    case totals, alerts
    case heading(ReportHeading)
    /// A bar: what it counts, its count, and the largest count of its chart (the bar's full length).
    case bar(ReportBar, count: Int, scale: Int)
    case blank
    /// The county view (the justice bureau's): what it counts, the county's whole in words; under a department's
    /// bar (suggestions received), its replies, overdue and adoption in words.
    case countyNote, countyTotals
    case countyDetail(MatterStatistics)
    /// One annual plan: how many of its planned items were carried out, and how many are under way.
    case plan(PlanProgress)
}

public enum ReportHeading: Hashable, Sendable {
    case replies
    case adoption
    case by(ReportGrouping)
    case county
    case plans
}

public enum ReportBar: Hashable, Sendable {
    case onTime, late, adopted, partly, rejected
    case group(ReportGroup)
}

extension Report {
    /// The pane's rows: the totals, then a bar chart each of replies on time and late, of suggestions adopted,
    /// partly adopted and rejected, and of the matters per kind, per domain and per department; for the justice
    /// bureau then the county view: the county's whole, and a bar per department of the suggestions it received,
    /// with a line of its other figures under each department that received any.
    public var paneRows: [ReportPaneRow] {
        func chart(_ heading: ReportHeading, _ bars: [(ReportBar, Int)]) -> [ReportPaneRow] {
            let scale = bars.map(\.1).max() ?? 0
            return [.blank, .heading(heading)] + bars.map { .bar($0.0, count: $0.1, scale: scale) }
        }
        let w = whole
        var out: [ReportPaneRow] = [.period, .scope, .totals, .alerts]
        if w.total > 0 {
            out += chart(.replies, [(.onTime, w.repliedOnTime), (.late, w.repliedLate)])
            out += chart(.adoption, [(.adopted, w.adopted), (.partly, w.partlyAdopted), (.rejected, w.rejected)])
            for g in [ReportGrouping.kind, .domain, .department] {
                out += chart(.by(g), rows(by: g).map { (.group($0.group), $0.figures.total) })
            }
        }
        if !plans.isEmpty { out += [.blank, .heading(.plans)] + plans.map(ReportPaneRow.plan) }
        guard let county else { return out }
        out += [.blank, .heading(.county), .countyNote, .countyTotals]
        let scale = county.mostReceived
        for row in county.rows {
            out.append(.bar(.group(.department(row.department)), count: row.figures.total, scale: scale))
            if row.figures.total > 0 { out.append(.countyDetail(row.figures)) }
        }
        return out
    }
}

extension Presenter {
    /// "9/11 (81.8%)", or "0/0 (-)" when there is nothing to divide by.
    public func ratio(_ r: Ratio) -> String { "\(r.numerator)/\(r.denominator) (\(percent(r)))" }

    /// "81.8%", or "-" when there is nothing to divide by.
    public func percent(_ r: Ratio) -> String { r.value.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }

    /// Days to one decimal ("23.5"), or "-" when there are none.
    public func days(_ d: Double?) -> String { d.map { String(format: "%.1f", $0) } ?? "-" }

    /// A group's name: the kind's or domain's words, the department's name (else its id), or "no department".
    public func group(_ g: ReportGroup, organisations: [OrgID: String]) -> String {
        switch g {
        case .kind(let k): return kind(k)
        case .domain(let d): return domain(d)
        case .department(let id?): return organisations[id] ?? id
        case .department(nil): return strings("report.no-department")
        }
    }

    /// "2025-01-01 至 2025-12-31，按创建日期计入；逾期截至 2025-09-29": what the figures cover.
    public func period(_ r: Report) -> String {
        strings("report.period", ["from": r.period.from, "to": r.period.to, "today": r.today])
    }

    /// Whose matters are counted: the county's for an administrator, else the ones `viewer`'s organisation may see.
    public func scope(_ viewer: Viewer) -> String {
        viewer.party == .admin ? strings("report.scope.county") : strings("report.scope.party", ["org": viewer.org.name])
    }

    /// The words of a bar's label.
    public func bar(_ b: ReportBar, organisations: [OrgID: String]) -> String {
        switch b {
        case .onTime: return strings("report.on-time")
        case .late: return strings("report.late")
        case .adopted: return strings("report.adopted")
        case .partly: return strings("report.partly")
        case .rejected: return strings("report.rejected")
        case .group(let g): return group(g, organisations: organisations)
        }
    }
}
