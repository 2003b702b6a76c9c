import OversightDomain
import Testing

private let d = Fixtures.date
private let jcy = County.viewer("jcy"), sfj = County.viewer("sfj"), hbj = County.viewer("hbj"), scj = County.viewer("scj")

private func ctx(_ today: String, _ settings: ClockSettings = Fixtures.settings) -> WorkflowContext {
    WorkflowContext(today: d(today), calculator: PeriodCalculator(calendar: Fixtures.calendar, settings: settings))
}

private func new(_ kind: MatterKind, by v: Viewer, to: OrgID, variant: MatterVariant? = nil, number: String = "")
    throws -> Matter
{
    try Workflow.create(
        id: 7, kind: kind, title: "关于汾河排污口整治", domain: .ecology, to: County.org(to), by: v,
        on: d("2025-06-01"), today: d("2025-06-01"), number: number, variant: variant
    ).matter
}

private func act(
    _ m: Matter, _ a: MatterAction, _ v: Viewer, _ date: String, text: String = "", number: String? = nil,
    outcome: Outcome? = nil, escalation: EscalationOption? = nil, urgent: Bool = false, urgentPeriod: Period? = nil,
    today: String? = nil, settings: ClockSettings = Fixtures.settings
) throws -> Transition {
    try Workflow.apply(
        a, to: m, by: v,
        input: ActionInput(date: d(date), text: text, documentNumber: number, outcome: outcome,
                           escalation: escalation, urgent: urgent, urgentPeriod: urgentPeriod),
        context: ctx(today ?? date, settings))
}

@Suite("Suggestion flow")
struct SuggestionFlowTests {
    @Test func fullFlowRecordsEventsAndStartsTheClockOnReceipt() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj")
        #expect(m.state == .draft && m.subjectOrg == "hbj")
        var t = try act(m, .issue, jcy, "2025-06-05", number: "文检行建〔2025〕7号")
        m = t.matter
        #expect(m.state == .issued && m.issuedOn == d("2025-06-05") && m.due == nil)
        #expect(t.event.documentNumber == "文检行建〔2025〕7号" && t.event.actor == "u-jcy" && t.event.action == .step(.issue))
        t = try act(m, .serve, hbj, "2025-06-10")
        m = t.matter
        #expect(m.state == .served && m.servedOn == d("2025-06-10") && m.due == d("2025-08-11"))
        #expect(t.event.dueAfter == d("2025-08-11") && m.pendingDue == d("2025-08-11"))
        let dl = try #require(Workflow.deadline(for: m, calculator: Fixtures.calculator))
        #expect(dl.rule?.id == .suggestionReply && dl.raw == d("2025-08-10"))
        t = try act(m, .reply, hbj, "2025-08-01", text: "已完成整改", number: "文环函〔2025〕3号", outcome: .adopted)
        m = t.matter
        #expect(m.state == .replied && m.repliedOnTime == true && m.outcome == .adopted && m.pendingDue == nil)
        t = try act(m, .check, jcy, "2025-08-20", outcome: .rectified)
        m = t.matter
        #expect(m.rectification == .rectified && m.state == .replied)
        t = try act(m, .close, jcy, "2025-08-21")
        #expect(t.matter.state == .closed && t.matter.closedOn == d("2025-08-21") && t.event.stateAfter == .closed)
    }

    @Test func publicInterestUrgentRunsFifteenDays() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", variant: .publicInterest)
        m = try act(m, .issue, jcy, "2025-09-19", number: "文检行公建〔2025〕1号", urgent: true).matter
        #expect(m.urgentPeriod == .days(15))
        m = try act(m, .serve, jcy, "2025-09-20").matter
        #expect(m.due == d("2025-10-09"))
        #expect(Workflow.clockRule(for: m, settings: Fixtures.settings)?.id == .publicInterestUrgentReply)
        #expect(throws: WorkflowError.invalidInput(.urgentPeriodFixed(.days(15)))) {
            var m2 = try new(.suggestion, by: jcy, to: "hbj", variant: .publicInterest)
            m2.number = "文检行公建〔2025〕2号"
            _ = try act(m2, .issue, jcy, "2025-09-19", urgent: true, urgentPeriod: .days(30))
        }
    }

    @Test func ordinaryUrgentNeedsItsPeriod() throws {
        let m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕8号")
        #expect(throws: WorkflowError.invalidInput(.urgentPeriodRequired)) {
            try act(m, .issue, jcy, "2025-06-05", urgent: true)
        }
        let issued = try act(m, .issue, jcy, "2025-06-05", urgent: true, urgentPeriod: .days(10)).matter
        #expect(try act(issued, .serve, jcy, "2025-06-06").matter.due == d("2025-06-16"))
    }

    @Test func amendmentNeedsReServiceAndRestartsTheClock() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕7号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        m = try act(m, .serve, hbj, "2025-06-10").matter
        m = try act(m, .amend, jcy, "2025-07-01", text: "更正整改要求第二项", number: "文检行建〔2025〕9号").matter
        #expect(m.state == .issued && m.due == nil && m.servedOn == nil && m.number == "文检行建〔2025〕9号")
        #expect(m.pendingDue == nil)
        m = try act(m, .serve, hbj, "2025-07-28").matter
        #expect(m.due == d("2025-09-28"))  // a 调休 Sunday: the deadline stays
        #expect(throws: WorkflowError.invalidInput(.textRequired)) { try act(m, .amend, jcy, "2025-07-29") }
    }

    @Test func objectionThenMaintainKeepsTheClock() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕7号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        m = try act(m, .serve, hbj, "2025-06-10").matter
        m = try act(m, .object, hbj, "2025-06-12", text: "该排污口不属我局管辖").matter
        #expect(m.state == .objected && m.pendingDue == d("2025-08-11"))
        m = try act(m, .maintain, jcy, "2025-06-20", text: "经复核，属你局监管职责").matter
        #expect(m.state == .served && m.due == d("2025-08-11"))
    }

    @Test func escalationNeedsGrounds() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕7号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        m = try act(m, .serve, hbj, "2025-06-10").matter
        // On the deadline day it is not yet overdue.
        #expect(throws: WorkflowError.invalidInput(.noGroundsForEscalation(due: d("2025-08-11")))) {
            try act(m, .escalate, jcy, "2025-08-11", escalation: .reportUpper)
        }
        #expect(!Workflow.availableActions(for: jcy, on: m, today: d("2025-08-11")).contains(.escalate))
        #expect(Workflow.availableActions(for: jcy, on: m, today: d("2025-08-12")).contains(.escalate))
        #expect(throws: WorkflowError.invalidInput(.escalationRequired)) { try act(m, .escalate, jcy, "2025-08-12") }
        #expect(throws: WorkflowError.invalidInput(.escalationNotAllowed(.litigation))) {
            try act(m, .escalate, jcy, "2025-08-12", escalation: .litigation)
        }
        let t = try act(m, .escalate, jcy, "2025-08-12", escalation: .notifySuperior)
        m = t.matter
        #expect(m.state == .escalated && m.escalations == [.notifySuperior] && t.event.escalation == .notifySuperior)
        #expect(m.pendingDue == d("2025-08-11"))  // still unanswered
        m = try act(m, .escalate, jcy, "2025-08-20", escalation: .reportUpper).matter
        #expect(m.escalations == [.notifySuperior, .reportUpper])
        // Escalated and unanswered: closing needs the outcome.
        #expect(throws: WorkflowError.invalidInput(.outcomeRequired([.adopted, .partly, .rejected]))) {
            try act(m, .close, jcy, "2025-08-20")
        }
        // A late reply is still taken, and shows as late.
        m = try act(m, .reply, hbj, "2025-08-25", text: "逾期回复", outcome: .partly).matter
        #expect(m.state == .replied && m.repliedOnTime == false)
    }

    @Test func inadequateRectificationOrRefusalOpensEscalation() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", variant: .publicInterest, number: "文检行公建〔2025〕3号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        m = try act(m, .serve, hbj, "2025-06-10").matter
        m = try act(m, .reply, hbj, "2025-07-01", text: "已整改").matter
        #expect(!Workflow.hasEscalationGrounds(m, on: d("2025-07-02")))
        #expect(throws: WorkflowError.invalidInput(.outcomeRequired([.adopted, .partly, .rejected]))) {
            try act(m, .close, jcy, "2025-07-02")
        }
        #expect(throws: WorkflowError.invalidInput(.outcomeNotAllowed(.resolved, allowed: [.rectified, .inadequate]))) {
            try act(m, .check, jcy, "2025-07-02", outcome: .resolved)
        }
        m = try act(m, .check, jcy, "2025-08-01", outcome: .inadequate).matter
        #expect(Workflow.hasEscalationGrounds(m, on: d("2025-08-01")))
        m = try act(m, .escalate, jcy, "2025-08-02", escalation: .litigation).matter
        #expect(m.state == .escalated && m.escalations == [.litigation])
        // Escalated after a reply that gave no outcome: closing still needs one (never closed without it).
        #expect(throws: WorkflowError.invalidInput(.outcomeRequired([.adopted, .partly, .rejected]))) {
            try act(m, .close, jcy, "2025-09-01", text: "已提起行政公益诉讼")
        }
        m = try act(m, .close, jcy, "2025-09-01", text: "已提起行政公益诉讼", outcome: .rejected).matter
        #expect(m.state == .closed && m.outcome == .rejected)
    }

    @Test func rejectedReplyGivesItsReasonAndMayBeEscalated() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕7号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        m = try act(m, .serve, hbj, "2025-06-10").matter
        #expect(throws: WorkflowError.invalidInput(.textRequired)) {
            try act(m, .reply, hbj, "2025-07-01", outcome: .rejected)
        }
        m = try act(m, .reply, hbj, "2025-07-01", text: "该事项已移交市局", outcome: .rejected).matter
        #expect(m.outcome == .rejected && Workflow.hasEscalationGrounds(m, on: d("2025-07-01")))
    }

    @Test func withdrawalNeedsReasonsAndEnds() throws {
        var m = try new(.suggestion, by: jcy, to: "hbj", number: "文检行建〔2025〕7号")
        m = try act(m, .issue, jcy, "2025-06-05").matter
        #expect(throws: WorkflowError.invalidInput(.textRequired)) { try act(m, .withdraw, jcy, "2025-06-06") }
        m = try act(m, .withdraw, jcy, "2025-06-06", text: "检察长决定撤回").matter
        #expect(m.state == .withdrawn && !m.state.isOpen && m.closedOn == d("2025-06-06"))
        #expect(Workflow.availableActions(for: jcy, on: m, today: d("2025-06-07")) == [.note])
    }

    @Test func datesAndNumbersAreChecked() throws {
        let m = try new(.suggestion, by: jcy, to: "hbj")
        #expect(throws: WorkflowError.invalidInput(.documentNumberRequired)) { try act(m, .issue, jcy, "2025-06-05") }
        #expect(throws: WorkflowError.invalidInput(.malformedDocumentNumber("文检行建[2025]7号"))) {
            try act(m, .issue, jcy, "2025-06-05", number: "文检行建[2025]7号")
        }
        #expect(throws: WorkflowError.invalidInput(.dateInFuture(d("2025-06-05")))) {
            try act(m, .issue, jcy, "2025-06-05", number: "文检行建〔2025〕7号", today: "2025-06-04")
        }
        #expect(throws: WorkflowError.invalidInput(.dateBefore(d("2025-06-01")))) {
            try act(m, .issue, jcy, "2025-05-30", number: "文检行建〔2025〕7号")
        }
        #expect(throws: WorkflowError.invalidInput(.outcomeNotAllowed(.adopted, allowed: []))) {
            try act(m, .issue, jcy, "2025-06-05", number: "文检行建〔2025〕7号", outcome: .adopted)
        }
    }

    @Test("document numbers", arguments: [
        ("文检行建〔2025〕7号", true), ("文司发〔2025〕11号", true), ("文检行建〔2025〕07号", false),
        ("文检行建[2025]7号", false), ("〔2025〕7号", false), ("文检行建〔25〕7号", false), ("文检行建〔2025〕号", false),
    ])
    func documentNumbers(_ s: String, _ ok: Bool) {
        #expect(DocumentNumber.isWellFormed(s) == ok)
    }
}

@Suite("Other kinds")
struct OtherKindTests {
    @Test func transferFeedbackRunsOnTheConfiguredServiceLevel() throws {
        var m = try new(.transfer, by: jcy, to: "sfj", variant: .normativeDocument, number: "文检移〔2025〕2号")
        m = try act(m, .issue, jcy, "2025-09-01").matter
        let custom = ClockSettings(rules: Fixtures.rules, transferFeedback: .workdays(10))
        let a = try act(m, .serve, sfj, "2025-09-26").matter
        let b = try act(m, .serve, sfj, "2025-09-26", settings: custom).matter
        #expect(a.due == d("2025-10-27"))  // 30 days: 10-26 is a Sunday
        #expect(b.due == d("2025-10-16"))
        let rule = try #require(Workflow.clockRule(for: a, settings: Fixtures.settings))
        #expect(rule.word == "及时" && rule.isServiceLevel)
        m = try act(a, .reply, sfj, "2025-10-20", text: "已建议制定机关修改").matter
        #expect(m.state == .replied)
        #expect(try act(m, .close, jcy, "2025-10-21").matter.state == .closed)
    }

    @Test("dispute, both entry points", arguments: [("sfj", "jcy"), ("jcy", "sfj")])
    func dispute(from: OrgID, to: OrgID) throws {
        let sender = County.viewer(from), recipient = County.viewer(to)
        var m = try new(.dispute, by: sender, to: to)
        m = try act(m, .issue, sender, "2025-06-05", number: "文司函〔2025〕4号").matter
        m = try act(m, .accept, recipient, "2025-06-06").matter
        #expect(m.state == .inProgress && m.due == nil && m.pendingDue == nil)
        #expect(throws: WorkflowError.invalidInput(.outcomeRequired([.resolved, .unresolved]))) {
            try act(m, .reply, sfj, "2025-07-01", text: "化解")
        }
        #expect(throws: WorkflowError.notAllowed(.reply, .procuratorate)) {
            try act(m, .reply, jcy, "2025-07-01", text: "化解", outcome: .resolved)
        }
        let failed = try act(m, .reply, sfj, "2025-07-01", text: "申请人不接受方案", outcome: .unresolved).matter
        #expect(throws: WorkflowError.invalidInput(.textRequired)) { try act(failed, .close, jcy, "2025-07-02") }
        #expect(try act(failed, .close, jcy, "2025-07-02", text: "已向申请人释法说理").matter.state == .closed)
        let resolved = try act(m, .reply, sfj, "2025-07-01", text: "达成和解，抄送结果", outcome: .resolved).matter
        #expect(try act(resolved, .close, jcy, "2025-07-02").matter.outcome == .resolved)
    }

    @Test func supervisionApplicationClockStartsOnAcceptance() throws {
        var m = try new(.supervisionApplication, by: hbj, to: "jcy")
        m = try act(m, .issue, hbj, "2025-06-05").matter
        #expect(m.pendingDue == nil)
        let declined = try act(m, .decline, jcy, "2025-06-06", text: "不属于监督范围").matter
        #expect(declined.state == .closed && declined.outcome == .declined)
        m = try act(m, .accept, jcy, "2025-06-06").matter
        #expect(m.state == .inProgress && m.due == d("2025-09-08"))  // 09-06 is a Saturday
        #expect(throws: WorkflowError.invalidInput(.textRequired)) {
            try act(m, .close, jcy, "2025-08-01", outcome: .notSupported)
        }
        let done = try act(m, .close, jcy, "2025-08-01", text: "已向法院提出检察建议", outcome: .supported).matter
        #expect(done.outcome == .supported && done.state == .closed)
    }

    @Test func enforcementCopyIsAcknowledged() throws {
        var m = try new(.enforcementCopy, by: hbj, to: "sfj")
        m = try act(m, .issue, hbj, "2025-06-05", text: "同步抄送强制执行申请书").matter
        #expect(throws: WorkflowError.notAllowed(.acknowledge, .department)) { try act(m, .acknowledge, hbj, "2025-06-06") }
        m = try act(m, .acknowledge, sfj, "2025-06-06").matter
        #expect(m.state == .closed && m.closedOn == d("2025-06-06"))
    }

    @Test func inspectionAndReferralAndMeeting() throws {
        var i = try new(.inspection, by: jcy, to: "hbj", number: "文检调〔2025〕1号")
        i = try act(i, .issue, jcy, "2025-09-25").matter
        i = try act(i, .serve, hbj, "2025-09-26").matter
        #expect(i.due == d("2025-10-16"))  // 10 working days by default
        var r = try new(.referral, by: jcy, to: "jw", number: "文检线〔2025〕1号")
        r = try act(r, .issue, jcy, "2025-06-05").matter
        r = try act(r, .serve, jcy, "2025-06-06").matter
        #expect(r.due == nil && r.pendingDue == nil)
        #expect(try act(r, .close, jcy, "2025-06-07").matter.state == .closed)
        var mt = try new(.meeting, by: sfj, to: "jcy", variant: .exchange)
        mt = try Workflow.apply(.issue, to: mt, by: sfj,
                                input: ActionInput(date: d("2025-06-05"), scheduledFor: d("2025-06-20")),
                                context: ctx("2025-06-05")).matter
        #expect(mt.scheduledOn == d("2025-06-20") && mt.pendingDue == nil)
        #expect(throws: WorkflowError.invalidInput(.textRequired)) { try act(mt, .close, sfj, "2025-06-20") }
        #expect(try act(mt, .close, sfj, "2025-06-20", text: "会议纪要").matter.state == .closed)
    }

    @Test func creationFollowsTheSource() throws {
        #expect(throws: WorkflowError.invalidInput(.partiesNotAllowed(from: .department, to: .department))) {
            try new(.suggestion, by: hbj, to: "scj")
        }
        #expect(throws: WorkflowError.invalidInput(.partiesNotAllowed(from: .procuratorate, to: .department))) {
            try new(.transfer, by: jcy, to: "hbj")
        }
        #expect(throws: WorkflowError.invalidInput(.variantNotAllowed(.annualPlan, .suggestion))) {
            try new(.suggestion, by: jcy, to: "hbj", variant: .annualPlan)
        }
        #expect(Workflow.creatableKinds(by: County.viewer("sys")).isEmpty)
        #expect(Workflow.creatableKinds(by: hbj) == [.referral, .enforcementCopy, .supervisionApplication, .jointInspection, .meeting, .consultation])
        #expect(Workflow.creatableKinds(by: jcy) == [.suggestion, .transfer, .inspection, .referral, .dispute, .jointInspection, .meeting, .consultation])
        #expect(Workflow.creatableKinds(by: sfj) == [.referral, .dispute, .jointInspection, .meeting])
        let t = try Workflow.create(id: 3, kind: .referral, title: "线索", domain: .land, to: County.org("jw"), by: scj,
                                    on: d("2025-06-01"), today: d("2025-06-02"))
        #expect(t.event.action == .create && t.event.stateAfter == .draft && t.matter.fromOrg == "scj")
    }
}

@Suite("Access policy")
struct AccessPolicyTests {
    static let suggestion = County.matter(.suggestion, from: "jcy", to: "hbj", subject: "hbj", state: .served)

    @Test func legalAffairsUnitSeesOnlyItsOwnDepartment() {
        #expect(AccessPolicy.canSee(hbj, Self.suggestion))
        #expect(!AccessPolicy.canSee(scj, Self.suggestion))
        #expect(!AccessPolicy.canSee(sfj, Self.suggestion))
        let about = County.matter(.transfer, from: "jcy", to: "sfj", subject: "scj", state: .served)
        #expect(AccessPolicy.canSee(scj, about) && !AccessPolicy.canSee(hbj, about))
    }

    @Test func referralIsForItsSenderOnly() {
        let r = County.matter(.referral, from: "scj", to: "jw", subject: "scj", state: .issued)
        #expect(AccessPolicy.canSee(scj, r))
        var other = County.matter(.referral, from: "jcy", to: "jw", subject: "hbj", state: .issued)
        other.copiedTo = ["hbj", "sfj"]
        #expect(AccessPolicy.canSee(jcy, other))
        for v in [hbj, sfj, scj, County.viewer("jw"), County.viewer("sys")] { #expect(!AccessPolicy.canSee(v, other)) }
    }

    /// Need to know: within its sender a referral is its heads', its author's and the named colleagues' only; any other
    /// matter is every person's of an organisation that sees it.
    @Test func aReferralIsForThePeopleWhoNeedToKnow() {
        func person(_ name: UserName, _ role: Role) -> Viewer {
            Viewer(user: User(name: name, displayName: name, org: "jcy", role: role), org: County.org("jcy"))
        }
        var r = County.matter(.referral, from: "jcy", to: "jw", subject: "hbj", state: .served)
        r.knownTo = ["u-jcy", "liuyang"]
        #expect(AccessPolicy.canSee(jcy, r) && AccessPolicy.canSee(person("liuyang", .handler), r))
        #expect(AccessPolicy.canSee(person("zhanghui", .head), r), "a head sees every referral of the organisation")
        #expect(!AccessPolicy.canSee(person("zhouqiang", .handler), r))
        #expect(Workflow.check(.note, on: r, by: person("zhouqiang", .handler)) == .failure(.notVisible))
        // Named, but no longer a person of it: not seen.
        let moved = Viewer(user: User(name: "liuyang", displayName: "刘洋", org: "sfj", role: .handler), org: County.org("sfj"))
        #expect(!AccessPolicy.canSee(moved, r))
        // Not a referral: every person of the organisation.
        #expect(AccessPolicy.canSee(person("zhouqiang", .handler), Self.suggestion))
        // The index's ranges: the heads' and each named person's, never the organisation's.
        let readers = AccessPolicy.rule.readerScopes(of: r, organisations: { id in County.orgs.first { $0.id == id } }, everyOf: { _ in [] })
        #expect(readers.map(\.scope) == [AccessScope.heads, .person("u-jcy"), .person("liuyang")])
        #expect(readers.allSatisfy { $0.org.id == "jcy" })
    }

    /// Issue 17: a matter not yet issued is its sender's own business; the addressee, the department concerned and
    /// the copies see it from the issue on. A draft withdrawn before it was issued stays its sender's.
    @Test func aDraftIsSeenByItsSenderOnlyUntilItIsIssued() {
        var m = County.matter(.suggestion, from: "jcy", to: "hbj", subject: "hbj", state: .draft)
        m.copiedTo = ["sfj", "scj"]
        let others = [hbj, sfj, scj, County.viewer("jw"), County.viewer("sys")]
        #expect(m.issuedOn == nil)
        #expect(AccessPolicy.canSee(jcy, m))
        for v in others { #expect(!AccessPolicy.canSee(v, m), "\(v.org.id) sees a draft") }
        var withdrawn = m
        withdrawn.state = .withdrawn
        #expect(AccessPolicy.canSee(jcy, withdrawn))
        for v in others { #expect(!AccessPolicy.canSee(v, withdrawn), "\(v.org.id) sees a draft withdrawn unissued") }
        var issued = m
        issued.state = .issued
        issued.issuedOn = Fixtures.date("2025-06-02")
        for v in [jcy, hbj, sfj, scj] { #expect(AccessPolicy.canSee(v, issued), "\(v.org.id) after the issue") }
        withdrawn.issuedOn = issued.issuedOn
        for v in [jcy, hbj, sfj, scj] { #expect(AccessPolicy.canSee(v, withdrawn), "\(v.org.id): withdrawn once issued") }
        // The department concerned, not addressed: from the issue on, as a legal-affairs unit.
        var about = County.matter(.transfer, from: "jcy", to: "sfj", subject: "scj", state: .draft)
        #expect(!AccessPolicy.canSee(scj, about) && !AccessPolicy.canSee(sfj, about) && AccessPolicy.canSee(jcy, about))
        about.state = .issued
        #expect(AccessPolicy.canSee(scj, about) && AccessPolicy.canSee(sfj, about))
        // Nor does a draft wait on anyone but its sender.
        #expect(Workflow.awaits(County.org("jcy"), on: m) && !Workflow.awaits(County.org("hbj"), on: m))
    }

    @Test func copiesDisabledUsersAdminsAndMismatchedOrgs() {
        var m = Self.suggestion
        m.copiedTo = ["sfj"]
        #expect(AccessPolicy.canSee(sfj, m))
        #expect(AccessPolicy.canAct(sfj, m, .note) && !AccessPolicy.canAct(sfj, m, .reply))
        #expect(!AccessPolicy.canSee(County.viewer("hbj", active: false), m))
        #expect(!AccessPolicy.canSee(County.viewer("sys"), m))
        let forged = Viewer(user: User(name: "x", displayName: "x", org: "scj", role: .handler), org: County.org("hbj"))
        #expect(!AccessPolicy.canSee(forged, m))
        #expect(AccessPolicy.visible([m, County.matter(.meeting, from: "sfj", to: "jcy", subject: nil, state: .issued)],
                                     to: hbj).count == 1)
    }
}

@Suite("Alerts and statistics")
struct AlertsAndStatisticsTests {
    static func m(_ id: MatterID, _ kind: MatterKind, _ state: MatterState, due: String?, served: String? = nil,
                  replied: String? = nil, outcome: Outcome? = nil, domain: DomainArea = .ecology, to: OrgID = "hbj")
        -> Matter
    {
        Matter(id: id, number: "n\(id)", kind: kind, title: "t", domain: domain, fromOrg: "jcy", toOrg: to,
               subjectOrg: kind == .suggestion ? to : nil, state: state, createdOn: d("2025-06-01"),
               servedOn: served.map(d), due: due.map(d), repliedOn: replied.map(d), outcome: outcome)
    }

    static let set: [Matter] = [
        m(1, .suggestion, .served, due: "2025-09-26", served: "2025-07-25"),                     // overdue 3
        m(2, .suggestion, .served, due: "2025-09-29", served: "2025-07-29"),                     // today
        m(3, .suggestion, .served, due: "2025-10-09", served: "2025-08-01"),                     // in 10 days
        m(4, .suggestion, .replied, due: "2025-08-11", served: "2025-06-10", replied: "2025-08-01", outcome: .adopted),
        m(5, .suggestion, .closed, due: "2025-08-11", served: "2025-06-10", replied: "2025-08-20", outcome: .partly),
        m(6, .suggestion, .closed, due: "2025-08-11", served: "2025-06-10", replied: "2025-08-05", outcome: .rejected,
          domain: .foodDrug, to: "scj"),
        m(7, .transfer, .served, due: "2025-10-02", served: "2025-09-02", to: "sfj"),            // in 3 days
        m(8, .meeting, .issued, due: nil, to: "sfj"),
        m(9, .suggestion, .withdrawn, due: "2025-08-11", served: "2025-06-10"),
        m(10, .suggestion, .objected, due: "2025-09-20", served: "2025-07-20"),                  // overdue 9
    ]

    @Test func urgencyOrderAndCounts() {
        let today = d("2025-09-29")
        // The procuratorate's inbox: what waits on it first (the objection, the reply to close, the meeting to
        // hold), then what waits on others, each most urgent first; closed ones last, the latest ended first.
        let jcy = County.org("jcy"), hbj = County.org("hbj")
        #expect(InboxOrder.sorted(Self.set, for: jcy).map(\.id).prefix(5) == [10, 4, 8, 1, 2])
        #expect(AlertCounts(Self.set, today: today) == AlertCounts(overdue: 2, dueToday: 1, dueSoon: 1))
        #expect(AlertCounts(Self.set, today: today, window: 10) == AlertCounts(overdue: 2, dueToday: 1, dueSoon: 2))
        #expect(AlertRules.alerting(Self.set, for: jcy, today: today).map(\.id) == [10, 1, 2, 7])
        // The department: its own overdue reply before the procuratorate's older overdue objection.
        #expect(AlertRules.alerting(AccessPolicy.visible(Self.set, to: County.viewer("hbj")), for: hbj, today: today).map(\.id) == [1, 2, 10])
        #expect(Urgency(Self.set[0], today: today) == .overdue(days: 3))
    }

    @Test func statistics() {
        let s = MatterStatistics(Self.set, today: d("2025-09-29"))
        #expect(s.total == 10)
        #expect(s.byKind[.suggestion] == 8 && s.byKind[.transfer] == 1 && s.byKind[.meeting] == 1)
        #expect(s.byState[.served] == 4 && s.byState[.closed] == 2)
        #expect(s.byDomain[.foodDrug] == 1 && s.byDomain[.ecology] == 9)
        #expect(s.byDepartment == ["hbj": 7, "scj": 1])
        // Served reply-kind matters, not withdrawn: 1 2 3 4 5 6 7 10.
        #expect(s.replyRate == Ratio(3, of: 8))
        #expect(s.onTimeReplyRate == Ratio(2, of: 3))
        #expect(s.adoptionRate == Ratio(2, of: 3))
        #expect(s.overdue == 2)
        #expect(MatterStatistics([], today: d("2025-09-29")).replyRate.value == nil)
    }
}
