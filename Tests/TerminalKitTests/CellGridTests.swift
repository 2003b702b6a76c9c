import Testing
import TerminalKit

@Suite("CellGrid")
struct CellGridTests {
    private func grid(_ width: Int, _ height: Int) -> CellGrid {
        CellGrid(size: Size(width: width, height: height))
    }

    /// Every row is exactly as wide as the grid, and every continuation follows a wide lead.
    private func expectConsistent(_ g: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        for (y, row) in g.lines.enumerated() {
            #expect(DisplayWidth.of(row) == g.size.width, "row \(y): \(row)", sourceLocation: sourceLocation)
            for x in 0..<g.size.width where g[x, y].isContinuation {
                let lead = g[x - 1, y]
                #expect(
                    x > 0 && !lead.isContinuation && DisplayWidth.of(lead.text) == 2,
                    "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func newGridIsBlank() {
        let g = grid(3, 2)
        #expect(g.lines == ["   ", "   "])
        #expect(g.text == "   \n   ")
        #expect(g.cursor == nil)
    }

    @Test func putWritesAndReturnsNextColumn() {
        var g = grid(8, 1)
        #expect(g.put("ab中", at: Point(x: 1, y: 0)) == 5)
        #expect(g.lines == [" ab中   "])
        #expect(g[3, 0] == Cell("中"))
        #expect(g[4, 0].isContinuation)
    }

    @Test func putClipsToRect() {
        var g = grid(10, 3)
        g.put("abcdefgh", at: Point(x: 2, y: 1), clip: Rect(x: 3, y: 0, width: 3, height: 3))
        #expect(g.lines == ["          ", "   bcd    ", "          "])
        g.put("outside", at: Point(x: 0, y: 0), clip: Rect(x: 0, y: 1, width: 10, height: 1))
        #expect(g.lines[0] == "          ")
    }

    @Test func putClipsToGrid() {
        var g = grid(4, 2)
        g.put("abcdef", at: Point(x: -2, y: 0))
        g.put("xyz", at: Point(x: 0, y: 2))
        g.put("xyz", at: Point(x: 0, y: -1))
        g.put("xyz", at: Point(x: 3, y: 1))
        #expect(g.lines == ["cdef", "   x"])
    }

    @Test func wideCharacterAtLastColumnIsNotDrawnHalf() {
        var g = grid(5, 1)
        g.put("abcd中", at: Point(x: 0, y: 0))
        #expect(g.lines == ["abcd "])
        #expect(!g[4, 0].isContinuation)
        expectConsistent(g)
    }

    @Test func wideCharacterAtClipEdgeIsNotDrawnHalf() {
        var g = grid(6, 1)
        g.put("中文字", at: Point(x: 0, y: 0), clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(g.lines == ["中    "])
        g.put("中a", at: Point(x: -1, y: 0))  // straddles the left edge: dropped, not halved
        #expect(g[0, 0] == Cell(" ") || g[0, 0] == .blank)
        expectConsistent(g)
    }

    @Test func overwritingHalfOfAWideCharacterLeavesNoGhost() {
        var g = grid(6, 1)
        g.put("中文", at: Point(x: 0, y: 0))
        g.put("x", at: Point(x: 1, y: 0))  // the continuation half of 中
        #expect(g.lines == [" x文  "])
        expectConsistent(g)
        g.put("y", at: Point(x: 2, y: 0))  // the lead half of 文
        #expect(g.lines == [" xy   "])
        expectConsistent(g)
    }

    @Test func wideOverNarrowAndNarrowOverWide() {
        var g = grid(4, 1)
        g.put("abcd", at: Point(x: 0, y: 0))
        g.put("中", at: Point(x: 1, y: 0))
        #expect(g.lines == ["a中d"])
        g.put("xy", at: Point(x: 1, y: 0))
        #expect(g.lines == ["axyd"])
        expectConsistent(g)
    }

    @Test func wideCharacterShiftedByOneOverAnotherLeavesNoGhost() {
        var g = grid(6, 1)
        g.put("ab文", at: Point(x: 0, y: 0))  // 文 in cells 2–3
        g.put("中", at: Point(x: 1, y: 0))  // 中 in cells 1–2: half of 文 is gone
        #expect(g.lines == ["a中   "])
        expectConsistent(g)
    }

    @Test func combiningMarksStayWithTheirBase() {
        var g = grid(4, 1)
        g.put("e\u{301}x", at: Point(x: 0, y: 0))
        #expect(g[0, 0].text == "e\u{301}")
        #expect(g[1, 0].text == "x")
    }

    @Test func putSanitizes() {
        var g = grid(8, 1)
        g.put("a\u{1B}[2J\tb\u{202E}c", at: Point(x: 0, y: 0))
        #expect(g.lines == ["a<U+001B"])
        var wide = grid(30, 1)
        wide.put("a\u{1B}[2J\tb\u{202E}c", at: Point(x: 0, y: 0))
        #expect(wide.lines == ["a<U+001B>[2J b<U+202E>c       "])
    }

    @Test func chineseDump() {
        var g = grid(8, 2)
        g.put("当事人张三", at: Point(x: 0, y: 0))
        g.put("〔2025〕", at: Point(x: 0, y: 1))
        #expect(g.lines == ["当事人张", "〔2025〕"])
        #expect(g.text == "当事人张\n〔2025〕")
        expectConsistent(g)
    }

    @Test("tiny grids never crash", arguments: [(0, 0), (1, 1), (0, 3), (3, 0), (1, 0), (2, 1)])
    func tinyGrids(_ width: Int, _ height: Int) {
        var g = grid(width, height)
        g.put("中文abc", at: Point(x: 0, y: 0))
        g.put("x", at: Point(x: -5, y: -5))
        g.fill(Rect(x: -1, y: -1, width: 10, height: 10), with: "#")
        g.restyle(Rect(x: 0, y: 0, width: 5, height: 5)) { $0.bold = true }
        g.frame(g.bounds, title: "标题", focused: true, glyphs: .unicode)
        g.line("x", in: Rect(x: 0, y: 0, width: width, height: 1))
        #expect(g.lines.count == height)
        #expect(g[width, height] == .blank)
        #expect(g[-1, 0] == .blank)
        expectConsistent(g)
    }

    @Test func oneByOneGridTakesNarrowButNotWide() {
        var g = grid(1, 1)
        g.put("中", at: Point(x: 0, y: 0))
        #expect(g.lines == [" "])
        g.put("a", at: Point(x: 0, y: 0))
        #expect(g.lines == ["a"])
    }

    @Test func negativeSizeIsEmpty() {
        let g = CellGrid(size: Size(width: -3, height: -1))
        #expect(g.size == Size(width: 0, height: 0))
        #expect(g.lines.isEmpty)
        #expect(g.text == "")
    }

    @Test func fillClipsAndStyles() {
        var g = grid(4, 3)
        g.fill(Rect(x: 2, y: 1, width: 5, height: 5), with: "#", style: .bold)
        #expect(g.lines == ["    ", "  ##", "  ##"])
        #expect(g[3, 2].style == .bold)
        #expect(g[1, 1].style == .plain)
    }

    @Test func fillOverHalfAWideCharacterBlanksTheOtherHalf() {
        var g = grid(4, 1)
        g.put("中文", at: Point(x: 0, y: 0))
        g.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "#")
        #expect(g.lines == [" ## "])
        expectConsistent(g)
    }

    @Test func restyleKeepsText() {
        var g = grid(4, 1)
        g.put("ab中", at: Point(x: 0, y: 0), style: .bold)
        g.restyle(Rect(x: 1, y: 0, width: 10, height: 1)) { $0.reverse = true }
        #expect(g.lines == ["ab中"])
        #expect(g[0, 0].style == .bold)
        #expect(g[1, 0].style == Style(bold: true, reverse: true))
        #expect(g[2, 0].style.reverse && g[3, 0].style.reverse)
        #expect(g[3, 0].isContinuation)
    }

    @Test func equalGridsCompareEqual() {
        var a = grid(3, 1), b = grid(3, 1)
        a.put("x", at: Point(x: 0, y: 0))
        #expect(a != b)
        b.put("x", at: Point(x: 0, y: 0))
        #expect(a == b)
        b.cursor = Point(x: 0, y: 0)
        #expect(a != b)
    }

    @Test func pseudoRandomWritesKeepTheGridConsistent() {
        // A fixed-seed LCG so the run is reproducible. Wide characters written over wide characters (a
        // continuation onto another's lead, a lead onto another's continuation) are written too: that case is fixed.
        var seed: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let words = ["a", "bc", "xyz", "中", "é", "🙂", "e\u{301}", "\t", "\u{1B}[1m"]
        var g = grid(9, 4)
        var wideOverWide = 0
        for _ in 0..<2000 {
            let word = words[next(words.count)]
            let at = Point(x: next(12) - 2, y: next(5) - 1)
            if word == "中" || word == "🙂", (0..<8).contains(at.x), (0..<4).contains(at.y),
               DisplayWidth.of(g[at.x, at.y].text) == 2 || g[at.x, at.y].isContinuation
                || DisplayWidth.of(g[at.x + 1, at.y].text) == 2 {
                wideOverWide += 1
            }
            switch next(3) {
            case 0: g.put(word, at: at, style: .bold)
            case 1: g.put(word, at: at, clip: Rect(x: 1, y: 1, width: 6, height: 2))
            default: g.fill(Rect(x: at.x, y: at.y, width: next(3), height: next(3)), with: ".")
            }
            expectConsistent(g)  // after every write: a wide-over-wide write is rare enough to be undone by the next
        }
        #expect(wideOverWide > 0, "the run writes wide characters over wide characters")
    }
}
