import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The candidates Tab lists on the `:` line, drawn in a strip above the line (issue 18: on an empty line Tab showed
/// nothing, as the list went to the status message under the `:` line).
@Suite struct CompletionStripTests {
    static let store = Result { try Fixtures.demoStore(name: "CompletionStripTests") }

    func state(_ keys: [String], lang: Language = .zh, _ change: (inout AppState) -> Void = { _ in }) throws -> AppState {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        _ = reduce(&state, .resized(width: 80, height: 24))
        change(&state)
        for k in keys { _ = reduce(&state, .key(k)) }
        return state
    }

    func render(_ state: AppState, lang: Language = .zh) throws -> CellGrid {
        Screen(presenter: Presenter(strings: try Fixtures.strings(lang))).render(state, size: Size(width: 80, height: 24))
    }

    func keys(_ text: String) -> [String] { text.map { $0 == " " ? "<Space>" : String($0) } }

    @Test func tabOnAnEmptyLineShowsEveryCommandAboveTheLine() throws {
        let state = try state([":", "<Tab>"])
        let grid = try render(state)
        try expectGolden(grid.text, "completion-zh-80x24")
        let lines = grid.lines
        for (y, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        #expect(lines[23].hasPrefix(":"))
        // The rule names how many and how to go on, then three rows of commands, the last saying how many more.
        let n = CommandText.verbs.count
        #expect(lines[19].contains("补全 \(n) 项"), "\(lines[19])")
        let strip = lines[20...22].joined(separator: " ")
        for verb in ["issue", "serve", "accept", "reply"] { #expect(strip.contains(verb), "\(verb): \(strip)") }
        #expect(lines[22].contains("另有"))
        let shown = CommandText.verbs.filter { v in strip.split(separator: " ").contains { $0 == v } }.count
        #expect(lines[22].contains("另有 \(n - shown) 项"), "\(lines[22]) \(shown)")
    }

    @Test func organisationsAreListedWithTheirNamesInDisplayCells() throws {
        let state = try state([":"] + keys("new suggestion --to ") + ["<Tab>"])
        guard case .commandLine(_, let list, _) = state.mode else { Issue.record("\(state.mode)"); return }
        #expect(list.candidates.count == state.organisations.count)
        let grid = try render(state)
        try expectGolden(grid.text, "completion-orgs-zh-80x24")
        let lines = grid.lines
        for (y, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        let strip = lines[20...22].joined(separator: " ")
        let first = try #require(state.organisations.sorted { $0.key < $1.key }.first)
        #expect(strip.contains("\(first.key) \(Organisation.shortName(first.value))"), "\(strip)")
        #expect(lines[23].hasPrefix(":new suggestion --to "))
    }

    @Test func tabAgainShowsTheCandidateOnTheLineMarkedInTheList() throws {
        // Far enough to scroll the strip: the one on the line is still in it, reversed.
        let steps = CommandText.verbs.count - 2
        let state = try state([":", "<Tab>"] + Array(repeating: "<Tab>", count: steps))
        let word = CommandText.verbs[steps - 1]
        let grid = try render(state)
        let lines = grid.lines
        #expect(lines[23].hasPrefix(":" + word), "\(lines[23])")
        #expect(lines[19].contains("\(steps)/\(CommandText.verbs.count)"), "\(lines[19])")
        let row = try #require((20...22).first { y in lines[y].split(separator: " ").contains { $0 == word } }, "\(lines[20...22])")
        let x = try #require(lines[row].range(of: word).map { DisplayWidth.of(String(lines[row][..<$0.lowerBound])) })
        #expect(grid[x, row].style.reverse)
    }

    @Test func typingOrEscClearsTheList() throws {
        var s = try state([":", "<Tab>"])
        _ = reduce(&s, .key("r"))
        #expect(try render(s).lines[20...22].allSatisfy { !$0.contains("补全") && !$0.contains("issue") } )
        // `r` alone begins `rules` too: `re` the four steps and commands that begin so.
        _ = reduce(&s, .key("e"))
        _ = reduce(&s, .key("<Tab>"))
        #expect(try render(s).lines.contains { $0.contains("补全 4 项") })
        _ = reduce(&s, .key("<Esc>"))
        #expect(try render(s).lines.allSatisfy { !$0.contains("补全") })
        #expect(try render(s).lines[23].hasPrefix(":re"))
    }

    @Test func aHostileOrganisationNameIsShownInert() throws {
        let state = try state([":"] + keys("new suggestion --to evil") + ["<Tab>"]) {
            $0.organisations["evil1"] = "恶意\u{202E}局\u{1B}[31m"
            $0.organisations["evil2"] = "零\u{200B}宽"
        }
        let grid = try render(state, lang: .en)
        let text = grid.text
        #expect(!text.unicodeScalars.contains { HostileCorpus.isForbiddenRaw($0) })
        #expect(text.contains("evil1 恶意<U+202E>局<U+001B>[31m"), "\(text)")
        #expect(text.contains("2 completions"))
    }

    @Test func smallTerminalsKeepTheLineAndTheirWidth() throws {
        for keys in [[":", "<Tab>"], [":"] + keys("new suggestion --to ") + ["<Tab>"], [":", "<Tab>", "<Tab>", "<S-Tab>"]] {
            let state = try state(keys)
            for (w, h) in [(24, 6), (30, 8), (40, 10), (60, 15), (200, 50)] {
                let grid = Screen(presenter: Presenter(strings: try Fixtures.strings())).render(state, size: Size(width: w, height: h))
                let lines = grid.lines
                for (y, line) in lines.enumerated() { #expect(DisplayWidth.of(line) == w, "\(w)x\(h) row \(y): \(line)") }
                #expect(lines[h - 1].hasPrefix(":"), "\(w)x\(h)")
                #expect(lines[h - 5 ..< h - 1].contains { $0.contains("补全") }, "\(w)x\(h): \(lines)")
            }
        }
    }
}
