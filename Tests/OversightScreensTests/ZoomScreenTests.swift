import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The zoomed inbox (`z`) read off the grid as text: the inbox alone on the whole width and the panes' height.
@Suite struct ZoomScreenTests {
    static let store = Result { try Fixtures.demoStore(name: "ZoomScreenTests") }

    func zoomedState() throws -> AppState {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        _ = reduce(&state, .key("z"))
        #expect(state.zoomed)
        return state
    }

    func render(_ state: AppState, _ lang: Language, _ w: Int, _ h: Int) throws -> CellGrid {
        Screen(presenter: Presenter(strings: try Fixtures.strings(lang))).render(state, size: Size(width: w, height: h))
    }

    @Test(arguments: [Language.zh, .en])
    func zoomedAt80x24TheInboxIsAloneAndWide(lang: Language) throws {
        let state = try zoomedState()
        let grid = try render(state, lang, 80, 24)
        let lines = grid.lines
        for (y, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        // The title says it is zoomed; no detail and no calendar is drawn.
        let (title, detail, calendar) = lang == .zh ? ("[收件箱（全宽）", "详情", "日历") : ("[Inbox (full width)", "Detail", "Calendar")
        #expect(lines[1].contains(title), "\(lines[1])")
        #expect(!grid.text.contains(detail) && !grid.text.contains(calendar), "\(grid.text)")
        // The frame spans the width (no border where the three panes split) and the panes' height (20 rows).
        for y in 2..<22 {
            #expect(grid[0, y].text == "│" && grid[79, y].text == "│", "row \(y)")
            #expect(grid[80 * 55 / 100 - 1, y].text != "│", "row \(y): no detail pane's border")
        }
        #expect(lines[22].hasPrefix("└") && lines[22].hasSuffix("┘"))
        // As many rows as fit: 20 (against 11 beside the detail over the calendar), each its matter's.
        let shown = min(20, state.inbox.count)
        #expect(shown == 20)
        for i in 0..<shown {
            #expect(lines[2 + i].contains(String(state.inbox[i].title.prefix(4))), "row \(i): \(lines[2 + i])")
        }
        // The way back stays on the hint line, as help and quit do.
        #expect(lines[23].contains(lang == .zh ? "z 三栏" : "z three panes"), "\(lines[23])")
        try expectGolden(grid.text, "zoomed-\(lang)-80x24")
    }

    /// At 200×60 each title has room to be read whole, and the hint line says how to go back.
    @Test(arguments: [(Language.zh, "z 三栏"), (.en, "z three panes")])
    func zoomedAt200x60TitlesAreWholeAndTheHintSaysTheWayBack(lang: Language, back: String) throws {
        let state = try zoomedState()
        let grid = try render(state, lang, 200, 60)
        let lines = grid.lines
        for (y, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == 200, "row \(y): \(line)") }
        #expect(lines[58].hasPrefix("└") && lines[58].hasSuffix("┘"))
        for i in 0..<min(56, state.inbox.count) {
            #expect(lines[2 + i].contains(state.inbox[i].title), "row \(i): \(lines[2 + i])")
        }
        #expect(lines[59].contains(back), "\(lines[59])")
        // Unzoomed, the same key offers the whole width.
        var panes = state
        _ = reduce(&panes, .key("z"))
        let again = try render(panes, lang, 200, 60).lines
        #expect(again[59].contains(lang == .zh ? "z 全宽" : "z full width"), "\(again[59])")
    }

    /// The help lists the key in both languages (zoomed or not).
    @Test(arguments: [(Language.zh, "收件箱全宽显示"), (.en, "Inbox on the whole width")])
    func theHelpListsZ(lang: Language, words: String) throws {
        var state = try zoomedState()
        #expect(Keymap.standard.helpRows(state).contains { $0.keys == "z" && $0.label == "command.zoom" })
        state.showHelp = true
        let text = try render(state, lang, 200, 60).text
        #expect(text.contains(words), "\(text)")
    }

    /// On a small terminal (one pane at a time) the zoomed inbox is the body, said zoomed too.
    @Test func zoomedOnASmallTerminal() throws {
        let state = try zoomedState()
        let grid = try render(state, .zh, 40, 12)
        for line in grid.lines { #expect(DisplayWidth.of(line) == 40) }
        #expect(grid.lines[1].contains("收件箱（全宽）"), "\(grid.text)")
    }
}
