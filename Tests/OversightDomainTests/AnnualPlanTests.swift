import OversightDomain
import Testing

/// The annual plan (issue 20; Art. 5): a joint inspection of the variant `annual-plan`, signed by each body it was
/// sent to (`PlanStanding`), followed once in force by its planned inspections and meetings (`FollowOn`), and how
/// much of it was carried out (`PlanProgress`, `Report.plans`).
@Suite struct AnnualPlanTests {
    let day = Fixtures.date("2026-03-02")

    func plan(_ answers: [InviteeAnswer]?, state: MatterState = .issued, outcome: Outcome? = nil) -> Matter {
        var m = Matter(
            id: 1, number: "文检行联〔2026〕1号", kind: .jointInspection, title: "2026年度计划", domain: .other,
            fromOrg: "jcy", toOrg: "sfj", state: state, createdOn: day, variant: .annualPlan, issuedOn: state == .draft ? nil : day,
            outcome: outcome)
        if let answers {
            m.invitees = zip(["sfj", "hbj"], answers).map { Invitee(org: $0.0, answer: $0.1) }
            if state == .issued { m.state = Invitee.state(of: m.invitees!) }
        }
        return m
    }

    func viewer(_ party: Party, _ org: OrgID) -> Viewer {
        Viewer(user: User(name: "u", displayName: "u", org: org, role: .head), org: Organisation(id: org, name: org, party: party))
    }

    @Test func aPlanIsInForceOnlyWhenEveryBodyItWasSentToHasSigned() {
        #expect(plan([.pending, .pending]).planStanding == .awaitingSignatures)
        #expect(plan([.accepted, .pending]).planStanding == .awaitingSignatures)
        #expect(plan([.accepted, .accepted]).planStanding == .inForce)
        #expect(plan([.accepted, .accepted]).isPlanInForce)
        // One body that does not agree: not agreed, though the other signed and the matter is in progress.
        let split = plan([.accepted, .declined])
        #expect(split.state == .inProgress && split.planStanding == .notAgreed && !split.isPlanInForce)
        #expect(plan([.pending, .declined]).planStanding == .notAgreed)
        // One addressee: in force once accepted, not agreed once declined.
        #expect(plan(nil).planStanding == .awaitingSignatures)
        #expect(plan(nil, state: .inProgress).planStanding == .inForce)
        #expect(plan(nil, state: .closed, outcome: .declined).planStanding == .notAgreed)
        // A draft (its sender's alone) and a plan withdrawn stand nowhere; another joint inspection is no plan.
        #expect(plan([.pending, .pending], state: .draft).planStanding == nil)
        #expect(plan([.accepted, .accepted], state: .withdrawn).planStanding == nil)
        var other = plan([.accepted, .accepted])
        other.variant = nil
        #expect(!other.isAnnualPlan && other.planStanding == nil)
    }

    @Test func aPlanInForceIsFollowedByItsInspectionsAndMeetingsAndNothingEarlier() throws {
        let signed = plan([.accepted, .accepted])
        #expect(FollowOn.kinds(following: signed) == [.inspection, .jointInspection, .meeting])
        for kind in [MatterKind.inspection, .jointInspection, .meeting] { try FollowOn.check(kind, follows: signed) }
        #expect(throws: WorkflowError.invalidInput(.followOnNotAllowed(.suggestion, follows: .jointInspection, allowed: [.inspection, .jointInspection, .meeting]))) {
            try FollowOn.check(.suggestion, follows: signed)
        }
        // Before every body signed, and once one did not agree: refused, saying why.
        #expect(throws: WorkflowError.invalidInput(.planNotInForce(.awaitingSignatures))) {
            try FollowOn.check(.inspection, follows: plan([.accepted, .pending]))
        }
        #expect(throws: WorkflowError.invalidInput(.planNotInForce(.notAgreed))) {
            try FollowOn.check(.meeting, follows: plan([.accepted, .declined]))
        }
        #expect(FollowOn.whyNot(following: plan([.pending, .pending]), by: viewer(.procuratorate, "jcy")) == .invalidInput(.planNotInForce(.awaitingSignatures)))
        // A draft plan is not issued: the general reason.
        #expect(throws: WorkflowError.invalidInput(.followOnTooEarly(follows: .jointInspection))) {
            try FollowOn.check(.inspection, follows: plan([.pending, .pending], state: .draft))
        }
        // Each of the three starts what its kinds allow: the procuratorate an inspection too; the justice bureau and
        // a department a joint inspection or a meeting.
        #expect(FollowOn.kinds(following: signed, by: viewer(.procuratorate, "jcy")).contains(.inspection))
        #expect(!FollowOn.kinds(following: signed, by: viewer(.justice, "sfj")).isEmpty)
        #expect(!FollowOn.kinds(following: signed, by: viewer(.department, "hbj")).isEmpty)
        // Other joint inspections are followed as before.
        var other = signed
        other.variant = nil
        #expect(FollowOn.kinds(following: other) == FollowOn.kinds(following: .jointInspection))
    }

    @Test func theReportCountsWhatEachPlanOfThePeriodCarriedOut() throws {
        let p = plan([.accepted, .accepted])
        func item(_ id: MatterID, _ state: MatterState, outcome: Outcome? = nil) -> Matter {
            Matter(id: id, number: "", kind: .jointInspection, title: "检查\(id)", domain: .other, fromOrg: "jcy", toOrg: "hbj",
                   state: state, createdOn: day, issuedOn: state == .draft ? nil : day, outcome: outcome)
        }
        let items = [item(2, .closed), item(3, .inProgress), item(4, .issued), item(5, .withdrawn), item(6, .closed, outcome: .declined), item(7, .draft)]
        let unrelated = item(8, .closed)
        // Matter 9 follows the plan but the reader may not see it: not among the matters, not counted.
        let links: [(matter: MatterID, follows: MatterID)] = items.map { (matter: $0.id, follows: p.id) } + [(matter: 9, follows: p.id), (matter: 8, follows: 3)]
        let period = try #require(ReportPeriod.year(2026))
        let report = Report([p] + items + [unrelated], period: period, today: day, links: links)
        #expect(report.plans.count == 1)
        let progress = try #require(report.plans.first)
        #expect(progress.id == 1 && progress.standing == .inForce)
        #expect(progress.planned == 6 && progress.carriedOut == 1 && progress.underway == 2)
        #expect(progress.ratio == Ratio(1, of: 6))
        // A plan of another year is not this period's.
        #expect(Report([p] + items, period: try #require(ReportPeriod.year(2025)), today: day, links: links).plans.isEmpty)
        // No links: a plan with nothing planned yet.
        #expect(Report([p], period: period, today: day).plans.first?.planned == 0)
    }
}
