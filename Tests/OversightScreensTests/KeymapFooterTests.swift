import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// Footers, the hint line and the help are drawn from the keymap (issue 19): a key rebound in binds.conf shows where
/// the key it replaced showed.
@Suite struct KeymapFooterTests {
    static let store = Result { try Fixtures.demoStore(name: "KeymapFooterTests") }

    func screen(_ binds: String, lang: Language = .zh) throws -> (Screen, AppState) {
        let keymap = Keymap.standard.applying(Binds.parse(binds))
        let state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        return (Screen(presenter: Presenter(strings: try Fixtures.strings(lang)), keymap: keymap), state)
    }

    func text(_ screen: Screen, _ state: AppState) -> String {
        screen.render(state, size: Size(width: 80, height: 24)).text
    }

    @Test func theStandardFootersKeepTheirWords() throws {
        let (screen, state) = try screen("")
        var s = state
        s.mode = .menu(selection: 0)
        #expect(text(screen, s).contains("j/k 选择  Enter 执行  f 由此立案  Esc 返回"))
        s.mode = .report(nil, scroll: 0)
        #expect(text(screen, s).contains("j/k 滚动  Esc/q 关闭"))
        s = state
        _ = reduce(&s, .key("n"))
        guard case .form = s.mode else { Issue.record("n opened no form: \(s.mode)"); return }
        #expect(text(screen, s).contains("Tab 下一项  Enter 提交  Ctrl-D 多行中提交  Esc 取消"))
        s = state
        let detail = try #require(s.detail)
        s.mode = .text(TextView(detail))
        #expect(text(screen, s).contains("j/k 滚动 · g/G 首/尾 · Esc 关闭 · 第 1/"))
    }

    @Test func aReboundKeyShowsInTheFootersHintLineAndHelp() throws {
        let (screen, state) = try screen("""
            [menu]
            <Esc> = :move-up
            x = :submit
            [report]
            <Esc> = :move-down
            [inbox]
            N = :note 已阅
            ? = :quit
            <F1> = :help
            """)
        var s = state
        s.mode = .menu(selection: 0)
        // Esc moves up now (its label with the other keys that do), x runs, and q is what goes back.
        #expect(text(screen, s).contains("j/k/Esc 选择  Enter/x 执行  f 由此立案  q 返回"))
        s.mode = .report(nil, scroll: 0)
        #expect(text(screen, s).contains("j/k/Esc 滚动  q 关闭"))
        s = state
        // The hint line: help is F1 now, and ? quits beside q.
        let hint = text(screen, s).split(separator: "\n").last.map(String.init) ?? ""
        #expect(hint.contains("F1 帮助") && hint.contains("?/q 退出"), "\(hint)")
        s.showHelp = true
        let help = text(screen, s)
        #expect(help.contains("<F1>          帮助") && help.contains("? q           退出"), "\(help)")
        // Scrolled to its end, the help lists the line N runs.
        s.helpScroll = 100
        #expect(text(screen, s).contains("N             :note 已阅"))
    }

    /// The overdue summary's footer comes from `[summary]`: the standard keys only put it away ("按任意键继续"); a key
    /// bound there to a command shows with that command's label.
    @Test func theSummaryFooterShowsItsBoundKeys() throws {
        let (plain, _) = try screen("")
        let (bound, _) = try screen("[summary]\n? = :help\n")
        let state = try Fixtures.state(try Self.store.get(), user: "wangjian", keepEntrySummary: true)
        #expect(state.showOverdueSummary)
        let standard = text(plain, state)
        #expect(standard.contains("│按任意键继续") || standard.contains(" 按任意键继续"), "\(standard)")
        #expect(!standard.contains("帮助  按任意键继续"))
        #expect(text(bound, state).contains("? 帮助  按任意键继续"))
    }
}
