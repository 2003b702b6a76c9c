import OversightDomain
import Testing

private let d = Fixtures.date

/// Several invited bodies (issue 20, Arts. 5 and 6): each answers for itself, the state follows all answers.
@Suite struct InviteeTests {
    static let orgs: [Organisation] = County.orgs + [
        Organisation(id: "zrj", name: "文水县自然资源局", party: .department, domains: [.land]),
    ]
    static func viewer(_ id: OrgID) -> Viewer {
        Viewer(user: User(name: "u-\(id)", displayName: id, org: id, role: .handler), org: orgs.first { $0.id == id }!)
    }
    static let ctx = WorkflowContext(today: d("2025-07-01"), calculator: Fixtures.calculator)

    /// A matter of `kind` from the procuratorate to hbj, scj and zrj, issued.
    static func issued(_ kind: MatterKind) throws -> Matter {
        let org = { (id: OrgID) in orgs.first { $0.id == id }! }
        var m = try Workflow.create(
            id: 7, kind: kind, title: "联合检查", domain: .ecology, to: org("hbj"), by: viewer("jcy"), on: d("2025-06-01"),
            today: d("2025-07-01"), alsoTo: [org("scj"), org("zrj")]).matter
        m = try Workflow.apply(.issue, to: m, by: viewer("jcy"), input: ActionInput(date: d("2025-06-02")), context: ctx).matter
        return m
    }

    static func answer(_ m: Matter, _ action: MatterAction, by org: OrgID, text: String = "理由") throws -> Matter {
        try Workflow.apply(action, to: m, by: viewer(org), input: ActionInput(date: d("2025-06-03"), text: text), context: ctx).matter
    }

    @Test func theStateIsIssuedWhileAnyAnswerIsPendingInProgressOnceAllAnsweredAndClosedWhenAllDeclined() throws {
        #expect(Invitee.state(of: [Invitee(org: "a"), Invitee(org: "b", answer: .accepted)]) == .issued)
        #expect(Invitee.state(of: [Invitee(org: "a", answer: .declined), Invitee(org: "b", answer: .accepted)]) == .inProgress)
        #expect(Invitee.state(of: [Invitee(org: "a", answer: .declined), Invitee(org: "b", answer: .declined)]) == .closed)
        for kind in [MatterKind.jointInspection, .meeting] {
            var m = try Self.issued(kind)
            #expect(m.toOrg == "hbj")
            #expect(m.invitees?.map(\.org) == ["hbj", "scj", "zrj"])
            #expect(m.invitees?.allSatisfy { $0.answer == .pending } == true)
            // Every invitee's answer waits on it; the sender's close too.
            for org in ["hbj", "scj", "zrj"] { #expect(Workflow.awaits(Self.viewer(org), on: m), "\(kind) \(org)") }
            m = try Self.answer(m, .accept, by: "hbj", text: "王某、李某")
            #expect(m.state == .issued, "\(kind): two still pending")
            #expect(m.invitee("hbj")?.answer == .accepted)
            #expect(m.invitee("hbj")?.answeredBy == "u-hbj")
            #expect(m.invitee("hbj")?.attendance == (kind == .meeting ? "王某、李某" : nil))
            #expect(!Workflow.awaits(Self.viewer("hbj"), on: m), "answered: no longer in its 待办")
            #expect(Workflow.awaits(Self.viewer("scj"), on: m))
            // Not twice.
            #expect(throws: WorkflowError.invalidInput(.alreadyAnswered(.accepted))) {
                try Self.answer(m, .decline, by: "hbj")
            }
            #expect(Workflow.stepStatus(for: Self.viewer("hbj"), on: m, today: d("2025-07-01"))
                .first { $0.action == .accept }?.reason == .invalidInput(.alreadyAnswered(.accepted)))
            m = try Self.answer(m, .decline, by: "scj")
            #expect(m.state == .issued)
            #expect(m.outcome == nil && m.closedOn == nil, "one decline closes nothing")
            m = try Self.answer(m, .accept, by: "zrj")
            #expect(m.state == .inProgress, "\(kind): all answered, two accepted")
            #expect(m.invitees?.map(\.answer) == [.accepted, .declined, .accepted])
            for org in ["hbj", "scj", "zrj"] { #expect(!Workflow.awaits(Self.viewer(org), on: m)) }
            m = try Workflow.apply(.close, to: m, by: Self.viewer("jcy"), input: ActionInput(date: d("2025-06-20"), text: "检查发现的问题"), context: Self.ctx).matter
            #expect(m.state == .closed)

            var all = try Self.issued(kind)
            for org in ["hbj", "scj", "zrj"] { all = try Self.answer(all, .decline, by: org) }
            #expect(all.state == .closed)
            #expect(all.outcome == .declined)
            #expect(all.closedOn == d("2025-06-03"))
        }
    }

    @Test func anInviteeAnswersOnlyForItselfAndOthersMayNotAnswer() throws {
        let m = try Self.issued(.jointInspection)
        // The justice bureau, not invited, neither sees it nor answers; the sender does not answer for an invitee.
        #expect(throws: WorkflowError.notVisible) { try Self.answer(m, .accept, by: "sfj") }
        #expect(throws: WorkflowError.notAllowed(.accept, .procuratorate)) { try Self.answer(m, .accept, by: "jcy") }
        // Every invitee sees it as the addressee does; a copy-less outsider does not.
        for org in ["hbj", "scj", "zrj"] { #expect(AccessPolicy.canSee(Self.viewer(org), m)) }
        #expect(!AccessPolicy.canSee(Self.viewer("sfj"), m))
        // The answer is scj's own: the other entries stay pending.
        let after = try Self.answer(m, .accept, by: "scj")
        #expect(after.invitees?.map(\.answer) == [.pending, .accepted, .pending])
        // Readers: every invitee.
        let readers = AccessPolicy.rule.readers(of: after, organisations: { id in Self.orgs.first { $0.id == id } }, everyOf: { _ in [] })
        #expect(Set(readers.map(\.id)) == ["jcy", "hbj", "scj", "zrj"])
    }

    @Test func whoAttendsIsHeldToTheTextRule() throws {
        let m = try Self.issued(.meeting)
        // An invisible character or a control in who attends is refused, and nothing is answered.
        for hostile in ["王某\u{200B}李某", "王某\u{1B}[2J", "\u{202E}某某"] {
            #expect(throws: WorkflowError.self) { try Self.answer(m, .accept, by: "hbj", text: hostile) }
        }
        // What is kept is the normalised text (NFC, trimmed).
        let after = try Self.answer(m, .accept, by: "hbj", text: "  e\u{301}王某  ")
        #expect(after.invitee("hbj")?.attendance == "\u{E9}王某")
    }

    @Test func severalInviteesOnlyForJointInspectionsAndMeetingsEachOnceAndOneToKeepsTheOldSteps() throws {
        let org = { (id: OrgID) in Self.orgs.first { $0.id == id }! }
        #expect(throws: WorkflowError.invalidInput(.inviteesNotAllowed(.suggestion))) {
            try Workflow.create(id: 1, kind: .suggestion, title: "t", domain: .ecology, to: org("hbj"), by: Self.viewer("jcy"),
                                on: d("2025-06-01"), today: d("2025-07-01"), alsoTo: [org("scj")])
        }
        #expect(throws: WorkflowError.invalidInput(.invitedTwice("hbj"))) {
            try Workflow.create(id: 1, kind: .meeting, title: "t", domain: .ecology, to: org("hbj"), by: Self.viewer("jcy"),
                                on: d("2025-06-01"), today: d("2025-07-01"), alsoTo: [org("scj"), org("hbj")])
        }
        #expect(throws: WorkflowError.invalidInput(.partiesNotAllowed(from: .procuratorate, to: .external))) {
            try Workflow.create(id: 1, kind: .meeting, title: "t", domain: .ecology, to: org("hbj"), by: Self.viewer("jcy"),
                                on: d("2025-06-01"), today: d("2025-07-01"), alsoTo: [org("jw")])
        }
        // One addressee: no invitees, and a meeting has no answering step.
        let one = try Workflow.create(id: 1, kind: .meeting, title: "t", domain: .ecology, to: org("hbj"), by: Self.viewer("jcy"),
                                      on: d("2025-06-01"), today: d("2025-07-01")).matter
        #expect(one.invitees == nil)
        #expect(Workflow.steps(for: one) == Workflow.steps(of: .meeting))
        #expect(!Workflow.steps(for: try Self.issued(.meeting)).filter { $0.action == .accept }.isEmpty)
    }
}
