import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Sign-off through the one write path: a handler's step that needs the head's decision is kept as a submission,
/// seen by its own organisation only, and goes out (taken by the handler, signed by the head) when approved.
@Suite struct SignOffStoreTests {
    /// The in-memory county with a head in jcy and hbj, and both organisations on their party's default.
    static func county(_ engine: Fixtures.Engine = .sqlite, _ name: String = #function) throws -> MemoryCounty {
        let c = try MemoryCounty(engine, name: name)
        let admin = try c.store.viewer("admin")
        for org in ["jcy", "hbj"] {
            try c.store.add(User(name: "head-\(org)", displayName: "\(org)负责人", org: org, role: .head), by: admin, on: c.today)
            try c.store.setSignOff(of: org, to: .partyDefault, by: admin, on: c.today)
        }
        return c
    }

    static func submissions(_ c: MemoryCounty) throws -> [Row] {
        try c.store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM submission ORDER BY id") }
    }

    @Test(arguments: Fixtures.engines)
    func aHandlersIssueWaitsForTheHeadAndTheDepartmentSeesNothingUntilItIsApproved(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcy = try c.viewer("jcy"), head = try c.store.viewer("head-jcy"), hbj = try c.viewer("hbj")
        let draft = try c.store.create(NewMatter(kind: .suggestion, title: "关于汾河排污口整治的检察建议", domain: .ecology, to: "hbj",
                                                 date: c.date("2025-09-01")), by: jcy, context: c.context)
        let events = try c.matterEventCount()
        let result = try c.store.take(draft.id, .issue, input: ActionInput(date: c.date("2025-09-02"), text: "请整改"), by: jcy, context: c.context)
        guard case .submitted(let s) = result else { Issue.record("issued without sign-off: \(result)"); return }
        #expect(s.state == .pending && s.submittedBy == "u-jcy" && s.org == "jcy" && s.input.text == "请整改")
        // Nothing of it in the matter or its log; nothing the department may read.
        let still = try #require(try c.store.matter(draft.id, for: jcy))
        #expect(still.state == .draft && still.version == draft.version && still.number.isEmpty)
        #expect(try c.matterEventCount() == events)
        #expect(try c.store.matter(draft.id, for: hbj) == nil)
        #expect(try c.store.awaiting(for: hbj).isEmpty && c.store.openSubmissions(of: draft.id, for: hbj).isEmpty)
        #expect(try c.store.matters(for: hbj, includeClosed: true).isEmpty)
        // The head's queue holds it; the handler sees it pending; the same step again waits.
        #expect(try c.store.awaiting(for: head).map(\.matter.id) == [draft.id])
        #expect(throws: Refusal.awaitingDecision(draft.id, .issue, submission: s.id)) {
            try c.store.take(draft.id, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        }
        #expect(throws: Refusal.awaitingDecision(draft.id, .issue, submission: s.id)) {
            try c.store.act(draft.id, .issue, input: ActionInput(date: c.date("2025-09-02")), by: head, context: c.context)
        }
        // Only a head of jcy decides.
        #expect(throws: Refusal.notHead("u-jcy")) { try c.store.approve(draft.id, by: jcy, context: c.context) }
        #expect(throws: Refusal.noSubmission(draft.id)) { try c.store.approve(draft.id, by: try c.store.viewer("head-hbj"), context: c.context) }
        let issued = try c.store.approve(draft.id, by: head, context: c.context)
        #expect(issued.state == .issued && issued.number == "文检行建〔2025〕1号" && issued.version == draft.version + 1)
        // The department sees it issued, taken by the handler and signed off by the head.
        let seen = try c.store.events(of: draft.id, for: hbj)
        let step = try #require(seen.last)
        #expect(step.action == .step(.issue) && step.actor == "u-jcy" && step.text == "请整改")
        #expect(try c.store.approvals(of: draft.id, for: hbj)[step.id]?.name == "head-jcy")
        #expect(try c.store.awaiting(for: head).isEmpty)
        #expect(throws: Refusal.noSubmission(draft.id)) { try c.store.approve(draft.id, by: head, context: c.context) }
        #expect(try Self.submissions(c).map { $0["state"] as String } == ["approved"])
        #expect(try c.store.verifyAudit().isIntact)
    }

    /// Each submission, return and approval is a system event of the audit chain, naming who and what; none is a
    /// matter's event, so no party reads it with the history; `audit verify` holds.
    @Test(arguments: Fixtures.engines)
    func submissionsReturnsAndApprovalsAreSystemEventsOfTheAuditChain(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcy = try c.viewer("jcy"), head = try c.store.viewer("head-jcy"), sfj = try c.viewer("sfj")
        let id = try c.store.create(NewMatter(kind: .transfer, title: "审计链中的报批", domain: .ecology, to: "sfj", date: c.date("2025-09-01")),
                                    by: jcy, context: c.context).id
        _ = try c.store.take(id, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        _ = try c.store.returnSubmission(id, reason: "请补充事实", by: head, on: c.date("2025-09-02"))
        _ = try c.store.take(id, .issue, input: ActionInput(date: c.date("2025-09-03")), by: jcy, context: c.context)
        _ = try c.store.approve(id, by: head, context: c.context)
        let system = try c.store.read { db in
            try Row.fetchAll(db, sql: "SELECT action, actor, text FROM event WHERE matter_id IS NULL AND action LIKE 'sign-off-%' ORDER BY id")
                .map { [$0["action"] as String, $0["actor"] as String, $0["text"] as String] }
        }
        #expect(system.map { $0[0] } == ["sign-off-submit", "sign-off-return", "sign-off-submit", "sign-off-approve"])
        #expect(system.map { $0[1] } == ["u-jcy", "head-jcy", "u-jcy", "head-jcy"])
        #expect(system[1][2].hasPrefix("#\(id) issue") && system[1][2].hasSuffix(": 请补充事实"))
        #expect(system[3][2].contains("→ event"))
        #expect(try c.store.verifyAudit().isIntact)
        #expect(try c.store.events(of: id, for: sfj).map(\.action.rawValue) == ["create", "issue"])
    }

    /// 签发人: who signed a step, as its letter names them — the approving head, a head's own step, no one for a handler's
    /// step that needed no decision; every party of the matter reads it, no one else.
    @Test(arguments: Fixtures.engines)
    func theSignerOfAStepIsTheApprovingHeadOrAHeadWhoTookItAndNoOneElse(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcy = try c.viewer("jcy"), head = try c.store.viewer("head-jcy"), sfj = try c.viewer("sfj"), hbj = try c.viewer("hbj")
        func transfer(_ title: String, by v: Viewer) throws -> MatterID {
            try c.store.create(NewMatter(kind: .transfer, title: title, domain: .ecology, to: "sfj", date: c.date("2025-09-01")),
                               by: v, context: c.context).id
        }
        let approved = try transfer("经负责人批准制发的移送", by: jcy)
        _ = try c.store.take(approved, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        #expect(try c.store.signer(of: approved, step: .issue, for: jcy) == nil, "not signed while it waits")
        _ = try c.store.approve(approved, by: head, context: c.context)
        #expect(try c.store.signer(of: approved, step: .issue, for: jcy) == "jcy负责人")
        #expect(try c.store.signer(of: approved, step: .issue, for: sfj) == "jcy负责人", "the recipient's letter names it too")
        #expect(try c.store.signer(of: approved, step: .issue, for: hbj) == nil, "not to one who may not see the matter")
        #expect(try c.store.signer(of: approved, step: .reply, for: jcy) == nil, "a step not taken")
        let own = try transfer("负责人自行制发的移送", by: head)
        _ = try c.store.act(own, .issue, input: ActionInput(date: c.date("2025-09-02")), by: head, context: c.context)
        #expect(try c.store.signer(of: own, step: .issue, for: sfj) == "jcy负责人")
        try c.store.setSignOff(of: "jcy", to: SignOff.none, by: try c.store.viewer("admin"), on: c.today)
        let plain = try transfer("无需审批的移送", by: jcy)
        _ = try c.store.act(plain, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        #expect(try c.store.signer(of: plain, step: .issue, for: jcy) == nil)
    }

    @Test(arguments: Fixtures.engines)
    func aReturnedReplyKeepsItsTextAndReasonForItsHandlerAndReSubmittingReplacesIt(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcyHead = try c.store.viewer("head-jcy"), hbj = try c.viewer("hbj"), head = try c.store.viewer("head-hbj")
        // The procuratorate's head issues and serves: straight out.
        let m = try c.store.create(NewMatter(kind: .suggestion, title: "建议", domain: .ecology, to: "hbj", date: c.date("2025-09-01")),
                                   by: jcyHead, context: c.context)
        guard case .taken = try c.store.take(m.id, .issue, input: ActionInput(date: c.date("2025-09-01")), by: jcyHead, context: c.context)
        else { Issue.record("a head's issue was submitted"); return }
        let served = try c.store.act(m.id, .serve, input: ActionInput(date: c.date("2025-09-02")), by: jcyHead, context: c.context)
        let reply = ActionInput(date: c.date("2025-09-20"), text: "已整改\n附整改报告", outcome: .adopted)
        guard case .submitted = try c.store.take(m.id, .reply, input: reply, by: hbj, context: c.context) else {
            Issue.record("a department handler's reply went out"); return
        }
        #expect(try c.store.matter(m.id, for: jcyHead)?.state == .served)
        #expect(try c.store.events(of: m.id, for: jcyHead).count == served.version)
        // A return needs a visible reason.
        #expect(throws: Refusal.workflow(.invalidInput(.textRequired))) {
            try c.store.returnSubmission(m.id, reason: "  ", by: head, on: c.today)
        }
        let returned = try c.store.returnSubmission(m.id, reason: "请补充整改照片", by: head, on: c.today)
        #expect(returned.state == .returned && returned.reason == "请补充整改照片" && returned.decidedBy == "head-hbj")
        let mine = try c.store.awaiting(for: hbj)
        #expect(mine.map(\.submission.state) == [.returned] && mine.first?.submission.input == reply)
        #expect(try c.store.awaiting(for: head).isEmpty)
        #expect(try c.store.openSubmissions(of: m.id, for: jcyHead).isEmpty)
        #expect(try c.store.matter(m.id, for: jcyHead)?.version == served.version)
        // Submitted again: the one row, pending once more, with the new text.
        var again = reply
        again.text = "已整改，附照片"
        guard case .submitted = try c.store.take(m.id, .reply, input: again, by: hbj, context: c.context) else {
            Issue.record("the re-submitted reply went out"); return
        }
        let rows = try Self.submissions(c)
        #expect(rows.count == 1 && rows[0]["state"] as String == "pending" && (rows[0]["reason"] as String?) == nil)
        let replied = try c.store.approve(m.id, by: head, context: c.context)
        #expect(replied.state == .replied && replied.outcome == .adopted)
        let seen = try c.store.events(of: m.id, for: jcyHead)
        #expect(seen.filter { $0.action == .step(.reply) }.map(\.text) == ["已整改，附照片"])
        #expect(try c.store.approvals(of: m.id, for: jcyHead)[seen.last!.id]?.name == "head-hbj")
    }

    @Test(arguments: Fixtures.engines)
    func aSubmissionIsCheckedAsTheStepItselfAndAStepTakenDirectlyGivesUpAReturnedOne(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcy = try c.viewer("jcy"), head = try c.store.viewer("head-jcy")
        let m = try c.store.create(NewMatter(kind: .suggestion, title: "建议", domain: .ecology, to: "hbj", date: c.date("2025-09-01")),
                                   by: jcy, context: c.context)
        // A step the workflow refuses is refused, not kept: a date in the future, a step of the wrong state.
        #expect(throws: Refusal.workflow(.invalidInput(.dateInFuture(c.date("2025-10-01"))))) {
            try c.store.take(m.id, .issue, input: ActionInput(date: c.date("2025-10-01")), by: jcy, context: c.context)
        }
        #expect(try Self.submissions(c).isEmpty)
        // Nothing was numbered by the check.
        guard case .submitted = try c.store.take(m.id, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        else { Issue.record("not submitted"); return }
        try c.store.returnSubmission(m.id, reason: "改日再发", by: head, on: c.today)
        let issued = try c.store.act(m.id, .issue, input: ActionInput(date: c.date("2025-09-03")), by: head, context: c.context)
        #expect(issued.number == "文检行建〔2025〕1号")
        #expect(try Self.submissions(c).map { $0["state"] as String } == ["withdrawn"])
        #expect(try c.store.awaiting(for: jcy).isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func onlyAnAdministratorSetsTheSignOffAndNoneLetsAHandlersStepOut(_ engine: Fixtures.Engine) throws {
        let c = try Self.county(engine)
        let jcy = try c.viewer("jcy")
        #expect(throws: Store.PeopleFailure.notAdministrator("u-jcy")) {
            try c.store.setSignOff(of: "jcy", to: .none, by: jcy, on: c.today)
        }
        #expect(try c.store.organisations().first { $0.id == "jcy" }?.signOff == .partyDefault)
        try c.store.setSignOff(of: "jcy", to: .steps([.issue, .close]), by: try c.store.viewer("admin"), on: c.today)
        #expect(try c.store.organisations().first { $0.id == "jcy" }?.signOff == .steps([.issue, .close]))
        try c.store.setSignOff(of: "jcy", to: .none, by: try c.store.viewer("admin"), on: c.today)
        let m = try c.store.create(NewMatter(kind: .suggestion, title: "建议", domain: .ecology, to: "hbj", date: c.date("2025-09-01")),
                                   by: jcy, context: c.context)
        guard case .taken(let issued) = try c.store.take(m.id, .issue, input: ActionInput(date: c.date("2025-09-02")), by: jcy, context: c.context)
        else { Issue.record("submitted under none"); return }
        #expect(issued.state == .issued)
    }
}
