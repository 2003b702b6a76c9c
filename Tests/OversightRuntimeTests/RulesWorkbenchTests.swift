import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// The county's rules from the workbench's `:` line (Art. 12): the head of the justice bureau proposes, the head of
/// the procuratorate agrees in a second session on the same file, a handler is refused in words; through the runtime,
/// its interpreter and a real SQLite file.
@Suite struct RulesWorkbenchTests {
    static let minutes = "县司法局、县检察院会议纪要（2026）3号"

    /// The texts of the system events `action`, read by the sqlite3 shell (another program than ours).
    func systemEvents(_ store: Store, _ action: String) throws -> [String] {
        let r = try Subprocess.run(["sqlite3", store.path, "SELECT text FROM event WHERE action = '\(action)' ORDER BY id"])
        return r.out.split(separator: "\n").map(String.init)
    }

    @Test func theTwoHeadsSetAServiceLevelFromTheirWorkbenchesAndAHandlerIsRefused() throws {
        let store = try Fixtures.demoStore()
        let chen = try FlowSession(path: store.path, user: "chenjie")
        let zhang = try FlowSession(path: store.path, user: "zhanghui")
        let wang = try FlowSession(path: store.path, user: "wangjian")

        // A handler proposing: refused in words on the status line, nothing written.
        wang.command("rules propose transfer-feedback 30 --source 某某纪要")
        #expect(wang.hint.contains("wangjian 不能设定本县规则：只有县司法局或县检察院的负责人可以提出或同意"), "\(wang.hint)")
        #expect(try store.countyRules().isEmpty)
        #expect(try systemEvents(store, "rules-propose").isEmpty)

        chen.command("rules propose transfer-feedback 20 --source \"\(Self.minutes)\"")
        #expect(chen.hint.contains("已提出：移送处理反馈期限（transfer-feedback）为 20日"), "\(chen.hint)")
        let proposed = try store.countyRules()
        #expect(proposed.count == 1 && proposed[0].state == .proposed && proposed[0].source == Self.minutes
                && proposed[0].proposedOrg == "sfj", "\(proposed)")

        // The proposing party cannot agree its own proposal.
        chen.command("rules agree transfer-feedback")
        #expect(chen.hint.contains("须由县司法局和县检察院中的另一方同意"), "\(chen.hint)")

        // The list shows it waiting, to anyone.
        wang.command("rules")
        if case .text = wang.state.mode {} else { Issue.record("no list: \(wang.state.mode)") }
        #expect(wang.screen.contains("待同意：20日（文水县司法局，\(Fixtures.today) 提出）"), "\(wang.screen)")
        wang.press(.escape)

        // The procuratorate's head agrees it by its Chinese name.
        #expect(zhang.state.clock.settings.currentVersion(.transferFeedback) == nil)
        zhang.command("rules agree 移送处理反馈期限")
        #expect(zhang.hint.contains("已同意：移送处理反馈期限（transfer-feedback）第2版为 20日"), "\(zhang.hint)")
        let agreed = try #require(try store.countyRules().last)
        #expect(agreed.key == .clock(.transferFeedback) && agreed.state == .agreed && agreed.version == 2
                && agreed.agreedOrg == "jcy" && agreed.period == Period(20, .days), "\(agreed)")
        // The session's clock was read again after its own write, not waiting for a poll.
        #expect(zhang.state.clock.settings.currentVersion(.transferFeedback) == 2)

        zhang.command("rules")
        #expect(zhang.screen.contains("移送处理反馈期限（transfer-feedback）"), "\(zhang.screen)")
        #expect(zhang.screen.contains("20日 · 服务水平（本县商定） · \(Fixtures.today) 起（第2版）"), "\(zhang.screen)")
        #expect(zhang.screen.contains("依据：\(Self.minutes)"), "\(zhang.screen)")
        #expect(!zhang.screen.contains("待同意：20日"), "\(zhang.screen)")

        // The other session follows within a poll.
        #expect(chen.state.clock.settings.currentVersion(.transferFeedback) == nil)
        chen.poll()
        #expect(chen.state.clock.settings.currentVersion(.transferFeedback) == 2)

        #expect(try systemEvents(store, "rules-propose").count == 1)
        #expect(try systemEvents(store, "rules-agree").count == 1)
        #expect(try store.verifyAudit().isIntact)
    }

    @Test func aHostileSourceIsRefusedAndAStoredOneShownSafely() throws {
        let store = try Fixtures.demoStore()
        // The `:` line's editor never lets an ESC or U+202E in; the store's text rule refuses one all the same.
        var state = try Fixtures.state(store, user: "chenjie")
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        EffectInterpreter(store: store, words: screen.presenter)
            .perform([.proposeRule(.alertWindow, Period(5, .days), source: "纪要\u{202E}3号")], on: &state) { reduce(&$0, $1) }
        let said = screen.render(state, size: Size(width: 120, height: 30)).text
        #expect(said.contains("U+202E"), "\(said)")
        #expect(!said.contains("\u{202E}"))
        #expect(try store.countyRules().isEmpty)
        // No source: the store says what to give.
        EffectInterpreter(store: store, words: screen.presenter)
            .perform([.proposeRule(.alertWindow, Period(5, .days), source: "")], on: &state) { reduce(&$0, $1) }
        #expect(screen.render(state, size: Size(width: 120, height: 30)).text.contains("请用 --source 注明依据"))

        // A row an older version stored with hidden characters is listed with them named.
        _ = try Subprocess.run(["sqlite3", store.path, """
            INSERT INTO county_rule (county, key, amount, unit, source, state, proposed_by, proposed_org, proposed_on)
            VALUES ('wenshui', 'alert-window', 5, 'days', '纪要' || char(8238) || 'exe' || char(27) || '[31m', 'proposed', 'zhanghui', 'jcy', '2026-11-30')
            """])
        let session = try FlowSession(path: store.path, user: "chenjie", size: Size(width: 80, height: 24))
        session.command("rules")
        session.press(.character("G"))
        #expect(session.screen.contains("依据：纪要") && session.screen.contains("<U+202E>exe<U+001B>[31m"), "\(session.screen)")
        #expect(!session.screen.contains("\u{202E}") && !session.screen.contains("\u{1B}"))
    }
}
