import Testing
import TerminalKit

@Suite("Frame")
struct FrameTests {
    private func framed(_ w: Int, _ h: Int, title: String = "案件", focused: Bool, glyphs: Glyphs) -> (CellGrid, Rect) {
        var g = CellGrid(size: Size(width: w, height: h))
        let inner = g.frame(g.bounds, title: title, focused: focused, glyphs: glyphs)
        return (g, inner)
    }

    @Test("tiny frames never crash and return an empty inside",
          arguments: [(0, 0), (1, 1), (1, 3), (3, 1), (2, 2), (2, 3), (3, 2), (3, 3)])
    func tinyFrames(_ w: Int, _ h: Int) {
        for glyphs in [Glyphs.unicode, .ascii] {
            for focused in [false, true] {
                let (g, inner) = framed(w, h, focused: focused, glyphs: glyphs)
                #expect(g.lines.count == h)
                #expect(inner.width <= max(0, w - 2) && inner.height <= max(0, h - 2))
                if w < 3 || h < 3 { #expect(inner.isEmpty) }
                for row in g.lines { #expect(DisplayWidth.of(row) == w) }
            }
        }
    }

    @Test func twoByTwoIsJustCorners() {
        #expect(framed(2, 2, focused: false, glyphs: .unicode).0.lines == ["┌┐", "└┘"])
        #expect(framed(2, 2, focused: true, glyphs: .ascii).0.lines == ["++", "++"])
    }

    @Test func threeByThreeCutsTheTitleToAnEllipsis() {
        let (g, inner) = framed(3, 3, title: "Inbox", focused: false, glyphs: .unicode)
        #expect(g.lines == ["┌…┐", "│ │", "└─┘"])
        #expect(inner == Rect(x: 1, y: 1, width: 1, height: 1))
    }

    @Test func unfocusedUnicodeFrame() {
        let (g, inner) = framed(12, 4, focused: false, glyphs: .unicode)
        #expect(g.lines == [
            "┌ 案件 ────┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(g[2, 0].style == .bold)
    }

    @Test func focusedFrameShowsMarkersAsText() {
        let (g, _) = framed(12, 3, focused: true, glyphs: .unicode)
        #expect(g.lines[0] == "┌[案件]────┐")
        #expect(g[1, 0].text == "[")
        #expect(g[1, 0].style == Style(bold: true, reverse: true))
        #expect(g[0, 1].style == .bold)  // the focused frame's lines are bold too
    }

    @Test func asciiFrame() {
        let (g, _) = framed(10, 3, title: "Inbox", focused: true, glyphs: .ascii)
        #expect(g.lines == ["+[Inbox]-+", "|        |", "+--------+"])
        for row in g.lines { #expect(row.unicodeScalars.allSatisfy { $0.isASCII }) }
    }

    @Test func longTitleIsCutInsideTheCorners() {
        let (g, _) = framed(8, 3, title: "很长的案件标题", focused: true, glyphs: .unicode)
        #expect(g.lines[0] == "┌[很长…┐")
        #expect(g.lines[0].hasSuffix("┐"))
        #expect(DisplayWidth.of(g.lines[0]) == 8)
    }

    @Test func titleWithControlCharactersStaysInsideTheCorners() {
        // DisplayWidth counts a tab as 0 but put() shows it as a space: the title must be
        // sanitized before it is fitted, or it overwrites the top-right corner.
        let (g, _) = framed(5, 3, title: "a\tb", focused: false, glyphs: .unicode)
        #expect(g.lines[0].hasSuffix("┐"))
    }

    @Test func frameReturnsItsInsideForAnOffsetRect() {
        var g = CellGrid(size: Size(width: 20, height: 10))
        let inner = g.frame(Rect(x: 5, y: 2, width: 30, height: 4), title: "x", focused: false, glyphs: .ascii)
        #expect(inner == Rect(x: 6, y: 3, width: 13, height: 2))  // clipped to the grid first
        #expect(g.lines[2].hasPrefix("     + x -"))
        #expect(g.lines[5] == "     +-------------+")
    }

    // MARK: - line

    @Test func lineFitsAndPads() {
        var g = CellGrid(size: Size(width: 7, height: 2))
        g.line("中文字abc", in: Rect(x: 1, y: 0, width: 5, height: 1), style: .reverse)
        #expect(g.lines[0] == " 中文… ")
        #expect(g[5, 0].style == .reverse)
        #expect(g[6, 0].style == .plain)
        g.line("a\tb", in: Rect(x: 0, y: 1, width: 7, height: 1))
        #expect(g.lines[1] == "a b    ")
    }

    @Test func lineInAnEmptyRowDoesNothing() {
        var g = CellGrid(size: Size(width: 3, height: 1))
        g.line("abc", in: Rect(x: 0, y: 0, width: 0, height: 1))
        #expect(g.lines == ["   "])
    }
}
