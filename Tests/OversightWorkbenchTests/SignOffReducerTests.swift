import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// The sign-off block's selection (issue 20): into the block above the inbox's first row and back, the detail
/// following; what the keys offer; a reload keeps the entry selected.
@Suite struct SignOffReducerTests {
    static let store = Result { try Fixtures.demoStore(name: "SignOffReducerTests") }

    func state() throws -> AppState {
        var state = try Fixtures.state(try Self.store.get(), user: "zhanghui")
        state.awaiting = state.inbox.filter { $0.fromOrg == "jcy" }.prefix(2).enumerated().map { i, m in
            SignOffItem(submission: Submission(
                id: Int64(i + 1), matterID: m.id, action: .issue, input: ActionInput(date: Fixtures.today), org: "jcy",
                submittedBy: "wangjian", submittedOn: Fixtures.today, state: .pending), matter: m, handler: "王建国")
        }
        return state
    }

    @Test func upFromTheFirstRowGoesIntoTheBlockAndDownComesBack() throws {
        var s = try state()
        #expect(s.selection == 0 && s.awaitingSelection == nil)
        #expect(!s.offers(.approve) || s.awaiting.contains { $0.matter.id == s.selectedMatter?.id })
        var effects = reduce(&s, .key("k"))
        #expect(s.awaitingSelection == 1)
        #expect(s.selectedMatter?.id == s.awaiting[1].matter.id)
        #expect(effects.contains(.loadDetail(s.awaiting[1].matter.id)) || s.selectedInboxRow?.id == s.awaiting[1].matter.id)
        #expect(s.offers(.approve) && s.offers(.returnSubmission))
        _ = reduce(&s, .key("k"))
        _ = reduce(&s, .key("k"))
        #expect(s.awaitingSelection == 0)
        _ = reduce(&s, .key("j"))
        _ = reduce(&s, .key("j"))
        #expect(s.awaitingSelection == nil && s.selection == 0)
        _ = reduce(&s, .key("g"))
        #expect(s.awaitingSelection == 0)
        // A reload that no longer holds the entry goes back to the inbox's rows.
        effects = reduce(&s, .awaitingLoaded([]))
        #expect(s.awaitingSelection == nil && s.selectedMatter?.id == s.selectedInboxRow?.id)
        _ = effects
    }

    @Test func theKeysOfADecisionSendItsEffect() throws {
        var s = try state()
        _ = reduce(&s, .key("g"))
        let id = try #require(s.selectedMatter?.id)
        // An issue approved is asked once more; yes sends the effect.
        #expect(reduce(&s, .key("A")).isEmpty)
        guard case .confirm = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(reduce(&s, .key("y")) == [.approve(id)])
        // B begins the `:` line for the reason; Enter sends it.
        _ = reduce(&s, .key("B"))
        guard case .commandLine(let field, _, _) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(field.text == "return ")
        for c in "补充材料" { _ = reduce(&s, .key(String(c))) }
        #expect(reduce(&s, .key("<Enter>")) == [.returnSubmission(id, reason: "补充材料")])
    }

    @Test func aHandlerIsNotOfferedTheDecision() throws {
        var s = try state()
        s.viewer.user.role = .handler
        _ = reduce(&s, .key("g"))
        #expect(!s.offers(.approve) && !s.offers(.returnSubmission))
    }
}
