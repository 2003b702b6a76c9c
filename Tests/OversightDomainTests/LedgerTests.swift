import OversightDomain
import Testing

private let d = Fixtures.date
private let clock = Fixtures.calculator

/// A full ledger of `kind`: issued, served (accepted), replied and closed on days a few apart.
private func full(_ kind: MatterKind, outcome: Outcome? = nil) -> Ledger {
    Ledger(kind: kind, created: d("2025-06-02"), issued: d("2025-06-03"), served: d("2025-06-05"), replied: d("2025-07-01"),
           closed: d("2025-07-10"), outcome: outcome, number: "文检行建〔2025〕7号", texts: [
               .decline: "不予受理", .withdraw: "撤回", .reply: "回复", .close: "纪要",
           ])
}

/// Replays `ledger`'s steps through `Workflow.apply` on a matter from `from` to `to`, each by the party
/// `Ledger.taker` names: the matter at the end and who took each step.
private func replay(_ ledger: Ledger, from: OrgID, to: OrgID, today: String = "2026-01-01") throws -> (Matter, [(MatterAction, OrgID)]) {
    var m = try Workflow.create(
        id: 1, kind: ledger.kind, title: "t", domain: .other, to: County.org(to), by: County.viewer(from),
        on: ledger.created, today: d(today), variant: ledger.variant
    ).matter
    var taken: [(MatterAction, OrgID)] = []
    let parties = [County.viewer(from), County.viewer(to)]
    for step in ledger.steps(clock: clock) {
        let who = try #require(Ledger.taker(step, among: parties, on: m), "\(ledger.kind) \(step.action)")
        let t = try Workflow.apply(step.action, to: m, by: who, input: step.input,
                                   context: WorkflowContext(today: d(today), calculator: clock))
        #expect(t.matter.state == step.state, "\(ledger.kind) \(step.action): the step's state is the workflow's")
        m = t.matter
        taken.append((step.action, who.org.id))
    }
    return (m, taken)
}

@Suite struct LedgerTests {
    /// The oracle, written from the mechanism independently of `Workflow.steps`: each kind's main path from a full
    /// ledger and which side takes each step (S sender, R recipient, J the justice side, P the procuratorate side).
    static let paths: [(String, MatterKind, OrgID, OrgID, Outcome?, [(MatterAction, String)])] = [
        ("suggestion", .suggestion, "jcy", "hbj", .adopted, [(.issue, "S"), (.serve, "S"), (.reply, "R"), (.close, "S")]),
        ("transfer", .transfer, "jcy", "sfj", nil, [(.issue, "S"), (.serve, "S"), (.reply, "R"), (.close, "S")]),
        ("inspection", .inspection, "jcy", "hbj", nil, [(.issue, "S"), (.serve, "S"), (.reply, "R"), (.close, "S")]),
        // The outside body has no user: the sender records its reply.
        ("referral", .referral, "jcy", "jw", nil, [(.issue, "S"), (.serve, "S"), (.reply, "S"), (.close, "S")]),
        ("dispute A", .dispute, "sfj", "jcy", .resolved, [(.issue, "S"), (.accept, "R"), (.reply, "J"), (.close, "P")]),
        ("dispute B", .dispute, "jcy", "sfj", .unresolved, [(.issue, "S"), (.accept, "R"), (.reply, "J"), (.close, "P")]),
        ("enforcement copy", .enforcementCopy, "hbj", "sfj", nil, [(.issue, "S"), (.acknowledge, "R")]),
        ("supervision application", .supervisionApplication, "hbj", "jcy", .supported,
         [(.issue, "S"), (.accept, "R"), (.close, "R")]),
        ("joint inspection", .jointInspection, "hbj", "jcy", nil, [(.issue, "S"), (.accept, "R"), (.close, "S")]),
        ("meeting", .meeting, "sfj", "jcy", nil, [(.issue, "S"), (.close, "S")]),
        // Asked in the system: issued is received, the justice bureau answers, the asker closes.
        ("consultation", .consultation, "hbj", "sfj", nil, [(.issue, "S"), (.reply, "R"), (.close, "S")]),
    ]

    static func side(_ role: String, from: OrgID, to: OrgID) -> OrgID {
        switch role {
        case "S": return from
        case "R": return to
        case "J": return County.org(from).party == .justice ? from : to
        default: return County.org(from).party == .procuratorate ? from : to
        }
    }

    @Test func everyKindsFullLedgerTakesItsMainPathByTheSideThatTakesEachStepAndCloses() throws {
        #expect(Set(Self.paths.map(\.1)) == Set(MatterKind.allCases))
        for (label, kind, from, to, outcome, path) in Self.paths {
            let ledger = full(kind, outcome: outcome)
            #expect(ledger.steps(clock: clock).map(\.action) == path.map(\.0), "\(label)")
            let (m, taken) = try replay(ledger, from: from, to: to)
            #expect(taken.map(\.1) == path.map { Self.side($0.1, from: from, to: to) }, "\(label)")
            #expect(m.state == .closed, "\(label)")
            if let outcome { #expect(m.outcome == outcome, "\(label)") }
        }
    }

    @Test func eachStepCarriesItsDayAndTheIssueItsNumberUrgencyAndSchedule() {
        var ledger = full(.suggestion, outcome: .partly)
        ledger.urgent = .days(10)
        let steps = ledger.steps(clock: clock)
        #expect(steps.map(\.date) == [d("2025-06-03"), d("2025-06-05"), d("2025-07-01"), d("2025-07-10")])
        #expect(steps[0].input.documentNumber == "文检行建〔2025〕7号" && steps[0].input.urgent && steps[0].input.urgentPeriod == .days(10))
        // Closed: the outcome goes with the close, not the reply; a reply only carries it while the matter is open.
        #expect(steps[2].input.outcome == nil && steps[3].input.outcome == .partly)
        ledger.closed = nil
        #expect(ledger.steps(clock: clock).last?.input.outcome == .partly)
        var meeting = full(.meeting)
        meeting.scheduled = d("2025-06-20")
        #expect(meeting.steps(clock: clock).first?.input.scheduledFor == d("2025-06-20"))
        #expect(full(.meeting).steps(clock: clock).last?.input.text == "纪要")
    }

    @Test func aDeclinedInvitationOrApplicationIsDeclinedOnItsClosingDay() throws {
        for (kind, from, to) in [(MatterKind.dispute, "sfj", "jcy"), (.supervisionApplication, "hbj", "jcy"), (.jointInspection, "hbj", "jcy")] {
            let ledger = full(kind, outcome: .declined)
            let steps = ledger.steps(clock: clock)
            #expect(steps.map(\.action) == [.issue, .decline] && steps.last?.date == d("2025-07-10"), "\(kind)")
            let (m, taken) = try replay(ledger, from: from, to: to)
            #expect(m.state == .closed && m.outcome == .declined && taken.last?.1 == to, "\(kind)")
        }
        // Kinds without a decline step are not declined.
        #expect(!full(.suggestion, outcome: .declined).steps(clock: clock).contains { $0.action == .decline })
    }

    @Test func aWithdrawnLedgerIsWithdrawnOnItsClosingDayBySender() throws {
        var ledger = full(.suggestion)
        ledger.replied = nil
        ledger.withdrawn = true
        #expect(ledger.steps(clock: clock).map(\.action) == [.issue, .serve, .withdraw])
        let (m, taken) = try replay(ledger, from: "jcy", to: "hbj")
        #expect(m.state == .withdrawn && m.closedOn == d("2025-07-10") && taken.last?.1 == "jcy")
    }

    @Test func aDraftTakesNoStep() {
        #expect(Ledger(kind: .suggestion, created: d("2025-06-02")).steps(clock: clock).isEmpty)
    }

    /// A suggestion served on 2025-06-10 is due on 2025-08-11 (two months, the weekend skipped): an escalation the
    /// ledger dates earlier is taken the day after; a later one on its own day.
    @Test func anEscalationWaitsForTheDeadlineItsServiceSet() throws {
        var ledger = Ledger(kind: .suggestion, created: d("2025-06-02"), issued: d("2025-06-03"), served: d("2025-06-10"),
                            escalated: d("2025-07-01"), escalation: .notifySuperior, number: "文检行建〔2025〕7号",
                            texts: [.escalate: "逾期未回复", .reply: "书面回复"])
        #expect(ledger.deadline(clock: clock) == d("2025-08-11"))
        #expect(ledger.steps(clock: clock).map(\.action) == [.issue, .serve, .escalate])
        #expect(ledger.steps(clock: clock).last?.date == d("2025-08-12"))
        let (m, taken) = try replay(ledger, from: "jcy", to: "hbj", today: "2025-09-01")
        #expect(m.state == .escalated && m.escalations == [.notifySuperior] && taken.last?.1 == "jcy")
        ledger.escalated = d("2025-08-20")
        #expect(ledger.steps(clock: clock).last?.date == d("2025-08-20"))
        // A reply after the escalation answers it.
        ledger.replied = d("2025-08-25")
        #expect(try replay(ledger, from: "jcy", to: "hbj", today: "2025-09-01").0.state == .replied)
        // Without a clock (an import's ledger that gives no escalation), the ledger's own day.
        #expect(ledger.steps(clock: nil).first { $0.action == .escalate }?.date == d("2025-08-20"))
        // Kinds without escalation ignore it.
        var transfer = ledger
        transfer.kind = .transfer
        #expect(!transfer.steps(clock: clock).contains { $0.action == .escalate })
    }
}
