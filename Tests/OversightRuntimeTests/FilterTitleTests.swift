import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// A filter says it is on: the inbox's title shows its words and how many of the scope's rows it lets
/// through, the title line's alerts stay the party's whole figures, an empty result says the filter found
/// nothing, and Esc clears it all.
@Suite struct FilterTitleTests {
    @Test func aFilterIsShownInTheInboxTitleAndLeavesTheTitleLineAlone() throws {
        let store = try Fixtures.demoStore(name: "FilterTitle")
        let jcy = try FlowSession(path: store.path, user: "wangjian")
        func titleLine() -> String { jcy.terminal.frames.last?.lines.first ?? "" }
        let before = titleLine(), whole = jcy.state.inboxCount, alerts = jcy.state.alerts
        #expect(before.contains("逾期") && whole > 0, "\(before)")
        #expect(!jcy.screen.contains("筛选：") && !jcy.hint.contains("Esc 清除筛选"), "\(jcy.screen)")

        jcy.type("/排污")
        jcy.press(.enter)
        let n = jcy.state.inboxCount
        #expect(jcy.state.filter == "排污" && n > 0 && n < whole)
        #expect(jcy.screen.contains("筛选：排污 · \(n)/\(whole)"), "\(jcy.screen)")
        // The filter narrows the alerts of what it shows; the title line still counts the whole inbox.
        let filtered = try store.inboxSummary(for: jcy.viewer, jcy.state.query, today: jcy.state.today, window: jcy.state.alertWindow)
        #expect(filtered.alerts != alerts, "the filter must change the alerts for this test to mean anything")
        #expect(jcy.state.alerts == alerts)
        #expect(titleLine() == before, "\(titleLine())\n\(before)")
        #expect(jcy.hint.contains("Esc 清除筛选"), "\(jcy.hint)")

        jcy.press(.escape)
        #expect(jcy.state.filter == "" && jcy.state.inboxCount == whole)
        #expect(!jcy.screen.contains("筛选："), "\(jcy.screen)")
        #expect(!jcy.hint.contains("Esc 清除筛选"), "\(jcy.hint)")
        #expect(titleLine() == before)

        jcy.type("/没有这样的事项")
        jcy.press(.enter)
        #expect(jcy.state.inboxCount == 0)
        #expect(jcy.screen.contains("没有符合筛选的事项") && !jcy.screen.contains("没有待办事项"), "\(jcy.screen)")
        #expect(jcy.screen.contains("筛选：没有这样的事项 · 0/\(whole)"), "\(jcy.screen)")
        #expect(titleLine() == before)

        jcy.press(.escape)
        #expect(jcy.state.filter == "" && jcy.state.inboxCount == whole)
        #expect(!jcy.screen.contains("没有符合筛选的事项") && !jcy.screen.contains("筛选："), "\(jcy.screen)")
    }

    /// At 80×24 a department filters by the words its screen shows (issue 18) and sees the filter with its count
    /// whole in the inbox's title; a long filter is cut, its count is not.
    @Test func aDepartmentFiltersInItsOwnWordsAt80x24() throws {
        let store = try Fixtures.demoStore(name: "FilterTitle80")
        let hbj = try FlowSession(path: store.path, user: "hbj.li", size: Size(width: 80, height: 24))
        let whole = hbj.state.inboxCount
        func inboxTitle() -> String { hbj.terminal.frames.last?.lines[1] ?? "" }
        for (words, shows) in [("待回复", "检察建议"), ("生态环境", nil), ("吕梁市生态环境局文水分局", nil), ("生态环境局文水分局", nil)] as [(String, String?)] {
            hbj.type("/" + words)
            hbj.press(.enter)
            let n = hbj.state.inboxCount
            #expect(n > 0 && n <= whole, "\(words): \(hbj.screen)")
            let count = " · \(n)/\(whole)"
            #expect(inboxTitle().contains(count), "\(words): \(inboxTitle())")
            #expect(inboxTitle().contains("筛选：" + words.prefix(4)), "\(words): \(inboxTitle())")
            if let shows { #expect(hbj.screen.contains(shows), "\(hbj.screen)") }
            hbj.press(.escape)
        }
        // 待回复 finds the served suggestion, not the served file inspection (which shows 待提供); the code finds both.
        hbj.type("/待回复")
        hbj.press(.enter)
        let chinese = hbj.state.inbox.map(\.id)
        hbj.press(.escape)
        hbj.type("/served")
        hbj.press(.enter)
        #expect(Set(hbj.state.inbox.map(\.id)).isStrictSuperset(of: chinese) && !chinese.isEmpty)
    }

    /// `:filter …` turns it on as `/` does, in English too.
    @Test func theCommandLineFilterIsShownInEnglish() throws {
        let store = try Fixtures.demoStore(name: "FilterTitleEnglish")
        let jcy = try FlowSession(path: store.path, user: "wangjian")
        let whole = jcy.state.inboxCount
        jcy.command("filter 排污")
        let n = jcy.state.inboxCount
        #expect(jcy.screen.contains("筛选：排污 · \(n)/\(whole)"), "\(jcy.screen)")
        var state = jcy.state
        state.terminalSize = (120, 40)
        let english = Screen(presenter: Presenter(strings: try Fixtures.strings(.en)))
            .render(state, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        #expect(english.contains("filter: 排污 · \(n)/\(whole)"), "\(english)")
        state.filter = "没有这样的事项"
        state.inbox = []
        state.inboxCount = 0
        let empty = Screen(presenter: Presenter(strings: try Fixtures.strings(.en)))
            .render(state, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        #expect(empty.contains("nothing matches the filter") && !empty.contains("Nothing to do"), "\(empty)")
    }
}
