import OversightDomain
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// A form's choices show in the interface language's words, not as codes (issue 18: forms offered
/// `(adopted|partly|rejected)` and `other (ecology|…)` in the Chinese interface).
@Suite struct FormWordsTests {
    func screen(_ user: String, _ keys: [String], lang: Language = .zh, select: (Matter) -> Bool) throws -> [String] {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: user)
        _ = reduce(&state, .resized(width: 80, height: 24))
        if let i = state.inbox.firstIndex(where: select) { state.selection = i } else { Issue.record("no such matter") }
        for k in keys { _ = reduce(&state, .key(k)) }
        return Screen(presenter: Presenter(strings: try Fixtures.strings(lang))).render(state, size: Size(width: 80, height: 24)).lines
    }

    @Test func aReplysOutcomeShowsItsChineseWordsAndTheChosenOne() throws {
        let served: (Matter) -> Bool = { $0.kind == .suggestion && $0.state == .served }
        let lines = try screen("hbj.li", ["r", "<Tab>", "<Space>"], select: served).joined(separator: "\n")
        #expect(lines.contains("采纳") && lines.contains("部分采纳|不采纳"), "\(lines)")
        #expect(!lines.contains("adopted") && !lines.contains("partly"), "\(lines)")
        let en = try screen("hbj.li", ["r", "<Tab>", "<Space>"], lang: .en, select: served).joined(separator: "\n")
        #expect(en.contains("partly adopted"), "\(en)")
    }

    @Test func aNewMattersDomainShowsItsWord() throws {
        let lines = try screen("wangjian", ["n"], select: { _ in true }).joined(separator: "\n")
        #expect(lines.contains("其他") && lines.contains("生态环境"), "\(lines)")
        #expect(!lines.contains("ecology") && !lines.contains("other"), "\(lines)")
    }
}

/// A matter's history names people by their display names, not their logins (issue 18).
@Suite struct HistoryNamesTests {
    @Test func theHistoryNamesPeopleByDisplayName() throws {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "hbj.li")
        _ = reduce(&state, .resized(width: 160, height: 50))
        let store = try Fixtures.demoStore()
        let m = try #require(state.inbox.first { $0.kind == .suggestion })
        let events = try store.events(of: m.id, for: state.viewer)
        #expect(events.contains { $0.actor == "wangjian" })
        state.detail = MatterDetail(matter: m, events: events, names: try store.displayNames(of: events))
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings())).render(state, size: Size(width: 160, height: 50))
            .lines.joined(separator: "\n")
        #expect(screen.contains("王建国") && !screen.contains("wangjian"), "\(screen)")
    }
}
