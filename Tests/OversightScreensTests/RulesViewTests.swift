import Foundation
import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// `:rules` in the full-text view: every rule with its value, nature, source, since when and version, and what waits
/// for agreement, fitted to the width in display cells; a hostile source drawn safely.
@Suite struct RulesViewTests {
    static let minutes = "县司法局、县检察院关于行政违法行为检察监督衔接工作的会议纪要（2026）3号，经两院负责人共同研究确定"

    /// The demo's chenjie with the list open: transfer-feedback agreed by the county (version 2, a long source),
    /// a proposal for the alert window waiting whose source carries U+202E and ESC.
    func state(_ lang: Language = .zh) throws -> AppState {
        var state = try Fixtures.state(try ScreenTests.store.get(), user: "chenjie")
        _ = reduce(&state, .resized(width: 80, height: 24))
        var clock = state.clock
        clock.settings.county[.transferFeedback] = [CountyLevel(version: 2, period: Period(20, .days), source: Self.minutes,
                                                                  since: Fixtures.today)]
        let waiting = RuleView.Proposal(value: Period(5, .days), source: "纪要\u{202E}txt.exe\u{1B}[31m红", org: "文水县人民检察院",
                                        on: Fixtures.today)
        let rules = CountyRuleKey.allCases.map { RuleView($0, clock: clock, proposal: $0 == .alertWindow ? waiting : nil) }
        _ = reduce(&state, .rulesLoaded(rules))
        return state
    }

    func screen(_ lang: Language = .zh) throws -> Screen {
        Screen(presenter: Presenter(strings: try Fixtures.strings(lang)))
    }

    @Test func theListFitsEightyColumnsAndSaysEachRulesNatureAndSource() throws {
        var state = try state()
        let screen = try screen()
        let first = screen.render(state, size: Size(width: 80, height: 24)).text
        let lines = first.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 80 }, "\(first)")
        #expect(first.contains("本县期限规则"), "\(first)")
        #expect(first.contains("检察建议回复期限（suggestion-reply）"), "\(first)")
        #expect(first.contains("法定期限"), "\(first)")
        #expect(first.contains("移送处理反馈期限（transfer-feedback）"), "\(first)")
        #expect(first.contains("20日 · 服务水平（本县商定） · \(Fixtures.today) 起（第2版）"), "\(first)")
        #expect(first.contains("第 1/9 段"), "\(first)")
        // Scrolled a rule at a time: the long source is wrapped, never cut, its end on the screen too.
        for _ in 0..<4 { _ = reduce(&state, .key("j")) }
        let fifth = screen.render(state, size: Size(width: 80, height: 24)).text
        #expect(fifth.split(separator: "\n")[2].contains("移送处理反馈期限（transfer-feedback）"), "\(fifth)")
        #expect(fifth.contains("依据：县司法局、县检察院"), "\(fifth)")
        #expect(fifth.contains("共同研究确定"), "\(fifth)")
        #expect(!fifth.contains("…"), "\(fifth)")
        // Scrolled to the end: the alert window, its proposal waiting, the hostile characters drawn as names.
        for _ in 0..<9 { _ = reduce(&state, .key("j")) }
        let last = screen.render(state, size: Size(width: 80, height: 24)).text
        #expect(last.contains("临期提醒天数（alert-window）"), "\(last)")
        #expect(last.contains("服务水平（默认值）"), "\(last)")
        #expect(last.contains("待同意：5日（文水县人民检察院，\(Fixtures.today) 提出）"), "\(last)")
        #expect(last.contains("<U+202E>"), "\(last)")
        #expect(!last.contains("\u{202E}") && !last.contains("\u{1B}"), "\(last)")
        #expect(last.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
        // Esc closes it.
        _ = reduce(&state, .key("<Esc>"))
        #expect(state.mode == .normal)
    }

    @Test func inEnglishTooTheNaturesAreWorded() throws {
        let text = try screen(.en).render(try state(.en), size: Size(width: 80, height: 24)).text
        #expect(text.contains("The county's periods (Art. 12)"), "\(text)")
        #expect(text.contains("feedback on a transfer (transfer-feedback)"), "\(text)")
        #expect(text.contains("service level (set by the county)"), "\(text)")
        #expect(text.contains("law"), "\(text)")
    }
}
