import OversightDomain

/// Turns domain values into the words the interface shows, in the interface language.
/// Screens decide where text goes; this decides what it says.
public struct Presenter: Sendable {
    public let strings: Strings

    public init(strings: Strings) {
        self.strings = strings
    }

    public func kind(_ k: MatterKind) -> String { strings("kind.\(k.rawValue)") }
    public func domain(_ d: DomainArea) -> String { strings("domain.\(d.rawValue)") }
    /// The kind in a column: its short word (`kind.….short`) where the full name is long.
    public func kind(_ k: MatterKind, short: Bool) -> String {
        short ? strings.first("kind.\(k.rawValue).short", "kind.\(k.rawValue)") : kind(k)
    }
    /// The domain in a column: its short word (`domain.….short`) where the full name is long.
    public func domain(_ d: DomainArea, short: Bool) -> String {
        short ? strings.first("domain.\(d.rawValue).short", "domain.\(d.rawValue)") : domain(d)
    }
    public func party(_ p: Party) -> String { strings("party.\(p.rawValue)") }
    public func role(_ r: Role) -> String { strings("role.\(r.rawValue)") }

    /// The state in the words of the matter's kind ("待反馈" for a transfer, "待回复" for a suggestion).
    /// An annual plan shows where it stands with its signatures instead (待签署, 已生效, 未获同意: `PlanStanding`).
    public func state(_ m: Matter, short: Bool = false) -> String {
        if let standing = m.planStanding, m.state != .closed || standing == .notAgreed { return plan(standing) }
        let specific = "state.\(m.kind.rawValue).\(m.state.rawValue)", general = "state.\(m.state.rawValue)"
        return short ? strings.first(specific + ".short", specific, general + ".short", general) : strings.first(specific, general)
    }

    public func event(_ action: EventAction) -> String { strings.first("event.\(action.rawValue)", action.rawValue) }
    /// A step as a verb for menus and questions ("办结", "add a note"), not as a past event ("closed").
    public func step(_ action: MatterAction) -> String { strings.first("step.\(action.rawValue)", action.rawValue) }

    /// The words of `m`'s variant and kind for a step, where they word it their own way (an annual plan's `accept`
    /// is 签署, "sign"; a consultation's `reply` 答复), else the general word.
    public func step(_ action: MatterAction, of m: Matter?) -> String {
        strings.first(wordKeys("step", action.rawValue, m) + ["step.\(action.rawValue)"], action.rawValue)
    }

    /// A step as done ("签署", "signed"), in the words of `m`'s variant and kind where they have their own.
    public func event(_ action: EventAction, of m: Matter?) -> String {
        strings.first(wordKeys("event", action.rawValue, m) + ["event.\(action.rawValue)"], action.rawValue)
    }

    private func wordKeys(_ prefix: String, _ code: String, _ m: Matter?) -> [String] {
        guard let m else { return [] }
        return (m.variant.map { ["\(prefix).\($0.rawValue).\(code)"] } ?? []) + ["\(prefix).\(m.kind.rawValue).\(code)"]
    }

    /// Where an annual plan stands: 待签署, 已生效, 未获同意.
    public func plan(_ standing: PlanStanding) -> String { strings("plan.standing.\(standing.rawValue)") }

    /// "逾期3天", "今日到期", "剩12天", or the state when no deadline binds.
    /// `short`: in a column, the state's short word where it is long.
    /// With the clock's `nature`: a service level in parentheses, "(剩12天)", and a provisional one with "?".
    public func urgency(_ m: Matter, today: CivilDate, window: Int, short: Bool = false, nature: ClockNature? = nil) -> String {
        let text: String
        switch Urgency(m, today: today, window: window) {
        case .overdue(let n): text = strings("urgency.overdue", ["n": n])
        case .dueToday: text = strings("urgency.today")
        case .dueSoon(let n): text = strings("urgency.soon", ["n": n])
        case .later(let n): text = strings("urgency.later", ["n": n])
        case .none: return state(m, short: short)
        }
        guard let nature else { return text }
        let marked = nature.serviceLevel ? "(" + text + ")" : text
        return nature.provisional ? marked + "?" : marked
    }

    /// "服务水平期限、暂定" after a due date: what kind of deadline it is, when not a final legal one.
    public func nature(_ n: ClockNature) -> String? {
        let words = (n.serviceLevel ? [strings("clock.service-level")] : []) + (n.provisional ? [strings("clock.provisional")] : [])
        return words.isEmpty ? nil : words.joined(separator: strings("list.separator"))
    }

    /// The one-character text marker in front of an inbox row: never colour alone.
    public func marker(_ m: Matter, today: CivilDate, window: Int) -> String {
        switch Urgency(m, today: today, window: window) {
        case .overdue: return "!"
        case .dueToday: return "*"
        case .dueSoon: return "~"
        case .later, .none: return " "
        }
    }

    /// "周六" / "Sa".
    public func weekday(_ d: CivilDate) -> String {
        strings("weekday.long", ["d": strings("weekday.\(d.weekday)")])
    }

    public func monthTitle(_ d: CivilDate) -> String {
        strings("calendar.title", ["y": d.year, "m": d.month, "month": strings("month.\(d.month)")])
    }

    /// The title line's alert counts: "逾期 2 · 今日到期 1 · 7日内 4".
    public func alerts(_ a: AlertCounts, window: Int) -> String {
        [strings("title.overdue", ["n": a.overdue]), strings("title.today", ["n": a.dueToday]),
         strings("title.soon", ["n": a.dueSoon, "w": window])].joined(separator: " · ")
    }

    /// The detail pane's lines: label/value fields, the summary, then the timeline.
    /// `steps`: what the viewer may do with the matter now (listed beside the deadline and the timeline).
    public func detailLines(
        _ d: MatterDetail, organisations: [OrgID: String], today: CivilDate, window: Int,
        clock: PeriodCalculator, steps: [MatterAction] = []
    ) -> [(label: String, value: String)] {
        let m = d.matter
        func org(_ id: OrgID?) -> String? { id.map { organisations[$0] ?? $0 } }
        var rows: [(String, String?)] = [
            (strings("field.number"), m.number),
            (strings("field.kind"), kind(m.kind)),
            (strings("field.domain"), domain(m.domain)),
            (strings("field.from"), org(m.fromOrg)),
            (strings("field.to"), org(m.toOrg)),
            (strings("field.subject"), org(m.subjectOrg)),
            (strings("field.state"), state(m)),
            // Created until it is issued, then the day it was issued (制发日期).
            m.issuedOn == nil ? (strings("field.created"), m.createdOn.description)
                : (strings("field.issued"), m.issuedOn?.description),
            (strings("field.served"), m.servedOn?.description),
            (strings("field.service"), m.service.map { strings("service.\($0.rawValue)") }),
            (strings("field.receipt"), m.receivedOn?.description),
        ]
        if let due = m.due {
            let u = m.pendingDue == nil ? "" : "  (\(urgency(m, today: today, window: window)))"
            rows.append((strings("field.due"), "\(due) \(weekday(due))\(u)"))
            if let n = Workflow.clockNature(of: m, calculator: clock).flatMap(nature) { rows.append(("", n)) }
        }
        rows.append((strings("field.replied"), m.repliedOn?.description))
        rows.append((strings("field.closed"), m.closedOn?.description))
        // A long text is cut to what the pane shows (MatterDetail.shownLength), its length said, the rest one key away.
        let summaryCut = MatterDetail.shown(m.summary, length: d.summaryLength)
        rows.append((strings("field.summary"), m.summary.isEmpty ? nil : summaryCut.map { $0 + "…" } ?? m.summary))
        if summaryCut != nil { rows.append(("", cutNote(d.summaryLength))) }
        var out = rows.compactMap { r in r.1.map { (r.0, $0) } }
        // The matters it follows and that follow it (only those the viewer may see were read).
        for (key, linked) in [("detail.follows", d.links.follows), ("detail.followed-by", d.links.followedBy)] where !linked.isEmpty {
            out.append(("", ""))
            out.append((strings(key), ""))
            for l in linked { out.append(("", link(l))) }
        }
        // Who of its sender a need-to-know matter is open to besides its heads.
        if let known = m.knownTo, !known.isEmpty {
            out.append((strings("detail.known-to"), known.map { d.names[$0] ?? $0 }.joined(separator: strings("list.separator"))))
        }
        // Each invitee's answer, when it was addressed to several.
        if let invitees = m.invitees {
            out.append(("", ""))
            out.append((strings("detail.invitees"), ""))
            for i in invitees { out.append(("", invitee(i, name: organisations[i.org] ?? i.org, of: m))) }
        }
        // How the deadline was computed: start, rule and source, raw end, days skipped.
        if let deadline = Workflow.deadline(for: m, calculator: clock) {
            out.append(("", ""))
            out.append((strings("detail.deadline"), ""))
            for line in deadline.explanation(strings.language) { out.append(("", line)) }
        }
        if !steps.isEmpty {
            out.append(("", ""))
            out.append((strings("detail.steps"), ""))
            out.append(("", steps.map { event(.step($0), of: m) }.joined(separator: strings("list.separator"))))
        }
        // The open submissions of the viewer's organisation on it (sign-off): the step, who submitted it and when,
        // a return's reason, and the text as submitted.
        if !d.submissions.isEmpty {
            out.append(("", ""))
            out.append((strings("detail.sign-off"), ""))
            for sub in d.submissions {
                out.append(("", submissionLine(sub, names: d.names)))
                let text = sub.input.text
                if !text.isEmpty {
                    let length = text.unicodeScalars.count
                    let cut = MatterDetail.shown(text, length: length)
                    out.append(("", strings("detail.submitted-text", ["text": cut.map { $0 + "…" } ?? text])))
                }
            }
        }
        out.append(("", ""))
        out.append((strings("detail.timeline"), ""))
        for (i, e) in d.events.enumerated() {
            var what = event(e.action, of: m)
            if let doc = e.documentNumber { what += " " + doc }
            let length = d.textLengths.indices.contains(i) ? d.textLengths[i] : e.text.unicodeScalars.count
            let cut = MatterDetail.shown(e.text, length: length)
            if !e.text.isEmpty && e.action != .create { what += " " + (cut.map { $0 + "…" } ?? e.text) }
            // A step that went out on a head's decision names both: the handler who took it, the head who signed it.
            let signed = d.approvals[e.id].map { strings("cli.matter.signed", ["name": $0]) } ?? ""
            out.append((e.on.description, "\(d.names[e.actor] ?? e.actor)\(signed) \(what)"))
            if cut != nil { out.append(("", cutNote(length))) }
        }
        return out
    }

    /// A pending or returned submission in one line (as `matter show` says it): "待审批：制发，王建 于 2025-10-09 报送".
    public func submissionLine(_ sub: Submission, names: [UserName: String]) -> String {
        let step = event(.step(sub.action))
        switch sub.state {
        case .returned:
            return strings("cli.matter.returned-submission", [
                "step": step, "head": sub.decidedBy.map { names[$0] ?? $0 } ?? "",
                "date": sub.decidedOn?.description ?? "", "reason": sub.reason ?? ""])
        default:
            return strings("cli.matter.pending-submission", [
                "step": step, "handler": names[sub.submittedBy] ?? sub.submittedBy, "date": sub.submittedOn.description])
        }
    }

    /// An entry of the sign-off block above the inbox's rows: a head's "制发·王建 文检…〔2025〕3号 标题"; a handler's
    /// returned "退回·制发 #12 标题：理由", or pending "报批中·制发 #12 标题".
    /// `own`: the viewer is the handler who submitted it.
    public func signOffRow(_ item: SignOffItem, own: Bool) -> String {
        let m = item.matter
        let values: [String: CustomStringConvertible] = [
            "step": event(.step(item.submission.action)), "handler": item.handler,
            "m": m.number.isEmpty ? "#\(m.id)" : m.number, "title": m.title,
            // One line: a reason's line breaks become spaces (the grid shows any other control as <U+…>).
            "reason": (item.submission.reason ?? "").split(whereSeparator: \.isNewline).joined(separator: " "),
        ]
        switch item.submission.state {
        case .returned: return strings("inbox.sign-off.returned", values)
        default: return strings(own ? "inbox.sign-off.mine" : "inbox.sign-off.pending", values)
        }
    }

    /// An invitee's answer in one line: "县自然资源局：已接受（出席：王某、李某）".
    /// An annual plan's answers are signatures: 已签署, 不同意.
    public func invitee(_ i: Invitee, name: String, of m: Matter? = nil) -> String {
        let plan = m?.isAnnualPlan == true ? ["invitee.answer.annual-plan.\(i.answer.rawValue)"] : []
        var line = strings("invitee.line", ["org": name, "answer": strings.first(plan + ["invitee.answer.\(i.answer.rawValue)"], i.answer.rawValue)])
        if let who = i.attendance, !who.isEmpty { line += strings("invitee.attendance", ["who": who]) }
        return line
    }

    /// A linked matter in one line: "#12 调阅案卷 文检行调〔2025〕3号 某某（已回复）".
    public func link(_ m: Matter) -> String {
        (["#\(m.id)", kind(m.kind)] + (m.number.isEmpty ? [] : [m.number]) + [m.title]).joined(separator: " ") + strings("detail.link-state", ["state": state(m)])
    }

    /// "（共 1,048,576 字，按 v 查看全文）": a text the detail shows cut.
    public func cutNote(_ length: Int) -> String {
        strings("detail.cut", ["n": Self.grouped(length), "shown": Self.grouped(MatterDetail.shownLength)])
    }
}
