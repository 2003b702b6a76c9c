import Foundation
import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The sign-off block above the inbox's rows (issue 20): a head's 待审批, counted in the inbox's title; a handler's
/// returned submissions with the reason, drawn safe.
@Suite struct SignOffPaneTests {
    static let store = Result { try Fixtures.demoStore(name: "SignOffPaneTests") }

    /// `user`'s workbench with two of the procuratorate's matters waiting on sign-off (the first selected when
    /// `selected`), the first's reason `reason` when returned.
    func state(_ user: String, returned reason: String? = nil, selected: Bool = true) throws -> AppState {
        var state = try Fixtures.state(try Self.store.get(), user: user)
        let matters = state.inbox.filter { $0.fromOrg == "jcy" }.prefix(2)
        try #require(matters.count == 2)
        state.awaiting = matters.enumerated().map { i, m in
            var s = Submission(
                id: Int64(i + 1), matterID: m.id, action: i == 0 ? .issue : .close, input: ActionInput(date: Fixtures.today, text: "请审批"),
                org: "jcy", submittedBy: "wangjian", submittedOn: Fixtures.today, state: .pending)
            if let reason, i == 0 {
                s.state = .returned
                s.reason = reason
                s.decidedBy = "zhanghui"
                s.decidedOn = Fixtures.today
            }
            return SignOffItem(submission: s, matter: m, handler: "王建国", head: reason == nil ? nil : "张慧")
        }
        if selected {
            state.awaitingSelection = 0
            let first = state.awaiting[0]
            state.detail = MatterDetail(matter: first.matter, events: [], names: ["wangjian": "王建国", "zhanghui": "张慧"],
                                        submissions: [first.submission])
        }
        return state
    }

    func render(_ state: AppState, size: Size = Size(width: 80, height: 24)) throws -> CellGrid {
        Screen(presenter: Presenter(strings: try Fixtures.strings(.zh))).render(state, size: size)
    }

    @Test func aHeadsAwaitingBlockMatchesItsGolden() throws {
        let grid = try render(try state("zhanghui"))
        for (y, line) in grid.lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        #expect(grid.lines[1].contains("待审批 2"), "\(grid.text)")
        #expect(grid.text.contains("> 制发·王建国"), "\(grid.text)")
        try expectGolden(grid.text, "signoff-zh-80x24")
    }

    @Test func nothingAwaitingDrawsNoBlock() throws {
        var s = try state("zhanghui", selected: false)
        s.awaiting = []
        #expect(!(try render(s)).text.contains("待审批"))
    }

    @Test func aReturnedReasonIsDrawnSafe() throws {
        let hostile = "证据不足\u{1B}[2J\u{202E}反转\u{0}结束\n第二行"
        let grid = try render(try state("wangjian", returned: hostile), size: Size(width: 120, height: 40))
        let text = grid.text
        #expect(text.contains("我的报批 2"), "\(text)")
        #expect(text.contains("退回·制发"), "\(text)")
        for raw in ["\u{1B}", "\u{202E}", "\u{0}"] { #expect(!text.contains(raw), "raw \(raw.unicodeScalars.first!.value) drawn") }
        #expect(text.contains("<U+202E>"), "\(text)")
        for (y, line) in grid.lines.enumerated() { #expect(DisplayWidth.of(line) == 120, "row \(y): \(line)") }
    }
}
