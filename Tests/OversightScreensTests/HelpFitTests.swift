import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// `?` help at 80×24 (issue 18: cut at 80 columns): every entry's whole text can be read by scrolling, in both
/// languages, nothing cut with an ellipsis.
@Suite struct HelpFitTests {
    @Test(arguments: [Language.zh, .en])
    func everyHelpTextIsReadWholeAt80x24(lang: Language) throws {
        let strings = try Fixtures.strings(lang)
        let screen = Screen(presenter: Presenter(strings: strings))
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        state.showHelp = true
        let entries = Keymap.standard.helpRows(state).filter { !$0.label.isEmpty }
        var seen = ""
        var scrolled = false
        for scroll in 0...entries.count {
            state.helpScroll = scroll
            let grid = screen.render(state, size: Size(width: 80, height: 24))
            for line in grid.lines { #expect(DisplayWidth.of(line) == 80) }
            // The lines' text without the frames and spaces: a wrapped text continues on the next line.
            seen += grid.lines.dropFirst().dropLast().map { $0.filter { !"│┌└┐┘─ ".contains($0) } }.joined() + "\n"
            if scroll > 0, grid.text != screen.render({ var s = state; s.helpScroll = 0; return s }(), size: Size(width: 80, height: 24)).text { scrolled = true }
        }
        #expect(scrolled, "the help scrolls at 80×24")
        for e in entries {
            let text = strings(e.label, ["n": state.alertWindow]).filter { $0 != " " }
            #expect(seen.contains(text), "\(lang) \(e.label): \(text)")
        }
    }

    @Test func theHelpGoldenAt80x24() throws {
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        state.showHelp = true
        try expectGolden(screen.render(state, size: Size(width: 80, height: 24)).text, "help-zh-80x24")
    }

    /// The legend's "due soon" is the alert window of the clock settings, not a week written into the text.
    @Test(arguments: [(Language.zh, "3日内到期"), (.en, "due within 3 days")])
    func theLegendSaysTheAlertWindow(lang: Language, expected: String) throws {
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings(lang)))
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        state.clock.settings.alertWindow = 3
        state.showHelp = true
        var seen = ""
        for scroll in 0...Keymap.standard.helpRows(state).count {
            state.helpScroll = scroll
            seen += screen.render(state, size: Size(width: 100, height: 40)).text
        }
        #expect(seen.contains(expected))
        #expect(!seen.contains("7日内") && !seen.contains("7 days"))
    }
}
