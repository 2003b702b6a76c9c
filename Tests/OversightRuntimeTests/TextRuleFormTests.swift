import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// The text rule in the workbench: a form whose text the store refuses stays open with its text, the refusal in it.
@Suite struct TextRuleFormTests {
    @Test func aTitleOverTheLimitIsRefusedInTheFormAndTheTextKept() throws {
        let store = try Fixtures.demoStore()
        let title = String(repeating: "长", count: 201)
        let keys: [KeyEvent] = [.character(":")] + "new suggestion --to hbj".map { .character($0) } + [.enter, .tab, .tab]
            + title.map { .character($0) } + [.enter]
        // The session ends by a hang-up (a q would be typed into the form).
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: keys.map { .key($0) } + [.hangup])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        let before = try store.matters(for: try store.viewer("wangjian")).count
        #expect(try rt.run() == .hangup)
        // The form, its title kept, the refusal under it.
        let frame = try #require(terminal.frames.last).text
        #expect(frame.contains("标题过长：共 201 字，最多 200 字"), "\(frame)")
        #expect(try store.matters(for: try store.viewer("wangjian")).count == before)
        guard case .form(let form) = rt.state.mode else {
            Issue.record("the form closed: \(rt.state.mode)")
            return
        }
        #expect(form.fields.first { $0.option == "title" }?.value == title)
        #expect(form.error?.problem == .refused(.workflow(.invalidInput(.text(TextProblem(field: .title, what: .tooLong(count: 201)))))))
    }
}
