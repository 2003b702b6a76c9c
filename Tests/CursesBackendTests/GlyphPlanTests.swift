import CNCurses
import Glibc
import Testing
@testable import CursesBackend

@Suite("Glyph plan")
struct GlyphPlanTests {
    private let q: UInt32 = 0x3F, sp: UInt32 = 0x20

    private func libc(_ v: UInt32) -> Int { Int(wcwidth(wchar_t(bitPattern: v))) }

    private func plan(_ text: String, _ columns: Int, ascii: Bool = false) -> [[UInt32]] {
        GlyphPlan.runs(text, columns: columns, asciiOnly: ascii, wcwidth: libc)
    }

    @Test func plainCharacters() throws {
        try #require(utf8LocaleAvailable)
        #expect(plan("a", 1) == [[0x61]])
        #expect(plan("中", 2) == [[0x4E2D]])
        #expect(plan("🙂", 2) == [[0x1F642]])
        #expect(plan("é", 1) == [[0xE9]])
    }

    @Test func combiningMarksTravelInTheSameCell() throws {
        try #require(utf8LocaleAvailable)
        #expect(plan("e\u{301}", 1) == [[0x65, 0x301]])
        let many = "a" + String(repeating: "\u{301}", count: 8)
        #expect(plan(many, 1).count == 1)
        #expect(plan(many, 1)[0].count == GlyphPlan.maxScalarsPerCell)
    }

    @Test func gridWideButLibcNarrowDrawsTheBasePlusASpace() throws {
        try #require(utf8LocaleAvailable)
        #expect(plan("\u{2764}\u{FE0F}", 2) == [[0x2764], [sp]])  // ❤️ without VS16
        #expect(plan("🇨🇳", 2) == [[0x1F1E8], [sp]])
    }

    @Test func gridNarrowButLibcWideBecomesQuestionMark() throws {
        try #require(utf8LocaleAvailable)
        #expect(plan("中", 1) == [[q]])
    }

    @Test func unprintableBecomesQuestionMarks() {
        #expect(plan("\u{1B}", 1) == [[q]])
        #expect(plan("\u{7F}", 1) == [[q]])
        #expect(plan("\u{9B}", 1) == [[q]])
        #expect(GlyphPlan.runs("x", columns: 2, asciiOnly: false) { _ in -1 } == [[q], [q]])
    }

    @Test func emptyCellsAreSpaces() {
        #expect(plan("", 1) == [[sp]])
        #expect(plan("", 2) == [[sp], [sp]])
    }

    @Test func onlyTheFirstGraphemeIsUsed() throws {
        try #require(utf8LocaleAvailable)
        #expect(plan("ab", 1) == [[0x61]])
    }

    @Test func asciiModeReplacesEverythingElse() {
        #expect(plan("a", 1, ascii: true) == [[0x61]])
        #expect(plan("é", 1, ascii: true) == [[q]])
        #expect(plan("e\u{301}", 1, ascii: true) == [[0x65]])
        #expect(plan("中", 2, ascii: true) == [[q], [q]])
        #expect(plan("─", 1, ascii: true) == [[q]])
        #expect(plan("\u{1B}", 1, ascii: true) == [[q]])
    }

    @Test("widths always add up to the columns", arguments: [false, true])
    func widthsAddUp(_ ascii: Bool) throws {
        try #require(utf8LocaleAvailable)
        let samples = ["a", "中", "🙂", "e\u{301}", "\u{2764}\u{FE0F}", "🇨🇳", "🈐", "🌡", "\u{1B}", "", "ｱ", "─", "\u{301}", "\u{200B}"]
        for text in samples {
            for columns in 1...2 {
                let runs = plan(text, columns, ascii: ascii)
                let total = runs.map { run in ascii ? 1 : libc(run[0]) }.reduce(0, +)
                #expect(total == columns, "\(text) in \(columns)")
                #expect(runs.count == 1 || runs.allSatisfy { libc($0[0]) == 1 })
                if ascii { #expect(runs.joined().allSatisfy { (0x20..<0x7F).contains($0) }) }
            }
        }
    }
}
