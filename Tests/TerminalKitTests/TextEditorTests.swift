import Testing
import TerminalKit

@Suite("TextEditor")
struct TextEditorTests {
    private func editor(_ text: String, line: Int, column: Int) -> TextEditor {
        var e = TextEditor(text)
        e.setCursor(line: line, column: column)
        return e
    }

    // MARK: - Splits and joins

    @Test func insertedLineBreaksSplitTheLine() {
        var e = editor("ab", line: 0, column: 1)
        e.insert("1\n2\r\n3")
        #expect(e.lines == ["a1", "2", "3b"])
        #expect(e.line == 2)
        #expect(e.column == 1)
        #expect(e.text == "a1\n2\n3b")
    }

    @Test func enterSplitsAtTheCursor() {
        var e = editor("答复原告", line: 0, column: 2)
        let used = e.handle("<Enter>")
        #expect(used)
        #expect(e.lines == ["答复", "原告"])
        #expect((e.line, e.column) == (1, 0))
    }

    @Test func backspaceAtALineStartJoinsThePreviousLine() {
        var e = editor("中文\nab", line: 1, column: 0)
        e.backspace()
        #expect(e.lines == ["中文ab"])
        #expect((e.line, e.column) == (0, 2))
        e.setCursor(line: 0, column: 0)
        e.backspace()  // nothing before the first line
        #expect(e.lines == ["中文ab"])
    }

    @Test func deleteAtALineEndJoinsTheNextLine() {
        var e = editor("ab\n中文\n", line: 0, column: 2)
        e.deleteForward()
        #expect(e.lines == ["ab中文", ""])
        #expect((e.line, e.column) == (0, 2))
        e.setCursor(line: 1, column: 0)
        e.deleteForward()  // nothing after the last line
        #expect(e.lines == ["ab中文", ""])
    }

    @Test func controlCharactersInInsertedTextAreRemovedLineByLine() {
        var e = TextEditor()
        e.insert("a\u{1B}[2Jb\u{7}\nc\u{202E}d\te")
        #expect(e.lines == ["ab", "cd e"])
    }

    @Test func leftAndRightCrossLineEnds() {
        var e = editor("ab\n中", line: 1, column: 0)
        e.moveLeft()
        #expect((e.line, e.column) == (0, 2))
        e.moveRight()
        #expect((e.line, e.column) == (1, 0))
        e.moveRight()
        e.moveRight()
        #expect((e.line, e.column) == (1, 1))
    }

    @Test func lineKeysWorkOnTheCursorsLine() {
        var e = editor("one two\n三 四五\nlast", line: 1, column: 4)
        e.handle("<C-w>")
        #expect(e.lines == ["one two", "三 ", "last"])
        e.handle("<C-u>")
        #expect(e.lines == ["one two", "", "last"])
        e.setCursor(line: 0, column: 3)
        e.handle("<C-k>")
        #expect(e.lines == ["one", "", "last"])
        e.handle("<C-a>")
        #expect((e.line, e.column) == (0, 0))
        e.handle("<End>")
        #expect((e.line, e.column) == (0, 3))
    }

    // MARK: - Up and down

    @Test func downFromHanToASCIIKeepsTheCell() {
        // After 中文 the cursor is at cell 4; on the ASCII line that is after "abcd".
        var e = editor("中文字\nabcdefgh", line: 0, column: 2)
        e.moveDown()
        #expect((e.line, e.column) == (1, 4))
        e.moveUp()
        #expect((e.line, e.column) == (0, 2))
    }

    @Test func upFromASCIIInsideAWideCharacterLandsOnIt() {
        // Cell 3 is the right half of 文 (cells 2-3): the cursor goes before 文.
        var e = editor("中文字\nabcdefgh", line: 1, column: 3)
        e.moveUp()
        #expect((e.line, e.column) == (0, 1))
        #expect(e.cursorColumn() == 2)
    }

    @Test func theColumnIsRememberedAcrossShortLines() {
        var e = editor("abcdefgh\n中\n一二三四五", line: 0, column: 6)
        e.moveDown()
        #expect((e.line, e.column) == (1, 1))  // end of the short line
        e.moveDown()
        #expect((e.line, e.column) == (2, 3))  // back to cell 6
        e.moveLeft()
        e.moveUp()
        e.moveUp()
        #expect((e.line, e.column) == (0, 4))  // a sideways move set a new goal: cell 4
    }

    @Test func upOnTheFirstLineAndDownOnTheLastGoToTheEnds() {
        var e = editor("ab\ncd", line: 0, column: 1)
        e.moveUp()
        #expect((e.line, e.column) == (0, 0))
        e.setCursor(line: 1, column: 1)
        e.moveDown()
        #expect((e.line, e.column) == (1, 2))
    }

    @Test func pagesMoveByThePageHeight() {
        var e = editor((0..<30).map { "line \($0)" }.joined(separator: "\n"), line: 0, column: 2)
        e.handle("<PgDn>", pageHeight: 10)
        #expect((e.line, e.column) == (10, 2))
        e.handle("<PageDown>", pageHeight: 25)
        #expect((e.line, e.column) == (29, 7))
        e.handle("<PgUp>", pageHeight: 10)
        #expect(e.line == 19)
        e.handle("<PageUp>", pageHeight: 100)
        #expect((e.line, e.column) == (0, 0))
    }

    @Test func formKeysAreLeftToTheForm() {
        var e = TextEditor("x")
        for key in ["<Tab>", "<S-Tab>", "<Esc>", "<F2>", "<C-g>"] {
            let used = e.handle(key)
            #expect(!used, "\(key)")
        }
        #expect(e.text == "x")
    }

    // MARK: - Soft wrap

    @Test func softWrapNeverSplitsAWideCharacter() {
        // 5 cells: "ab中" is 4 cells; 文 (2) does not fit in the last cell and moves down.
        let v = TextEditor("ab中文字").visible(width: 5, height: 5)
        #expect(v.lines == ["ab中", "文字"])
        for row in v.lines { #expect(DisplayWidth.of(row) <= 5) }
        #expect(v.cursor == (row: 1, column: 4))
    }

    @Test func softWrapBreaksAtASpaceRatherThanInsideAWord() {
        let v = TextEditor("hello world again").visible(width: 8, height: 5)
        #expect(v.lines == ["hello ", "world ", "again"])
        // A word longer than the window is cut where it must be.
        #expect(TextEditor("abcdefghij").visible(width: 4, height: 5).lines == ["abcd", "efgh", "ij"])
        // Han text breaks anywhere.
        #expect(TextEditor("一二三四五").visible(width: 4, height: 5).lines == ["一二", "三四", "五"])
    }

    @Test func theCursorIsFoundInItsWrappedRow() {
        var e = TextEditor("hello world again\n中文")
        e.setCursor(line: 0, column: 8)  // the r of world
        let v = e.visible(width: 8, height: 5)
        #expect(v.cursor == (row: 1, column: 2))
        e.setCursor(line: 1, column: 1)
        #expect(e.visible(width: 8, height: 5).cursor == (row: 3, column: 2))
        e.setCursor(line: 0, column: 6)  // at a row break: the start of the next row
        #expect(e.visible(width: 8, height: 5).cursor == (row: 1, column: 0))
    }

    @Test func aCursorAfterAFullRowGetsARowOfItsOwn() {
        let v = TextEditor("abcd\nx").visible(width: 4, height: 5)
        #expect(v.lines == ["abcd", "x"])
        var e = TextEditor("abcd\nx")
        e.setCursor(line: 0, column: 4)
        let w = e.visible(width: 4, height: 5)
        #expect(w.lines == ["abcd", "", "x"])
        #expect(w.cursor == (row: 1, column: 0))
    }

    @Test func scrollsToKeepTheCursorVisible() {
        var e = TextEditor((1...6).map { "l\($0)" }.joined(separator: "\n"))
        let bottom = e.visible(width: 10, height: 3)
        #expect(bottom.lines == ["l4", "l5", "l6"])
        #expect(bottom.cursor == (row: 2, column: 2))
        e.setCursor(line: 1, column: 0)
        let top = e.visible(width: 10, height: 3)
        #expect(top.lines == ["l1", "l2", "l3"])
        #expect(top.cursor == (row: 1, column: 0))
    }

    @Test func emptyEditor() {
        let e = TextEditor()
        #expect(e.lines == [""])
        #expect(e.text == "")
        let v = e.visible(width: 5, height: 2)
        #expect(v.lines == [""])
        #expect(v.cursor == (row: 0, column: 0))
    }
}
