import Testing
import TerminalKit

@Suite("TextField")
struct TextFieldTests {
    /// A field after typing each key name in turn.
    private func typed(_ keys: [String], into start: TextField = TextField()) -> TextField {
        var f = start
        for k in keys { f.handle(k) }
        return f
    }

    // MARK: - Graphemes

    @Test func movesAndDeletesStepOverWholeGraphemes() {
        // e + U+0301, a flag, a Han character, an emoji with a skin tone: one step each.
        let mixed = "ae\u{301}🇨🇳中👍🏽b"
        var f = TextField(mixed)
        #expect(f.cursor == 6)
        f.moveLeft()  // before b
        f.moveLeft()  // before 👍🏽
        #expect(f.cursorColumn() == 1 + 1 + 2 + 2)
        f.backspace()  // removes 中
        #expect(f.text == "ae\u{301}🇨🇳👍🏽b")
        f.backspace()  // removes the whole flag, not one regional indicator
        #expect(f.text == "ae\u{301}👍🏽b")
        f.backspace()  // removes e and its accent together
        #expect(f.text == "a👍🏽b")
        f.deleteForward()  // removes the emoji and its skin tone together
        #expect(f.text == "ab")
        #expect(f.cursor == 1)
    }

    @Test func combiningMarkTypedAfterALetterJoinsIt() {
        var f = TextField("e")
        f.insert("\u{301}")
        #expect(f.text == "e\u{301}")
        #expect(f.text.count == 1)
        #expect(f.cursor == 1)
    }

    @Test func movesStopAtTheEnds() {
        var f = TextField("中a", cursor: 0)
        f.moveLeft()
        #expect(f.cursor == 0)
        f.backspace()
        #expect(f.text == "中a")
        f.moveEnd()
        f.moveRight()
        #expect(f.cursor == 2)
        f.deleteForward()
        #expect(f.text == "中a")
        f.moveHome()
        #expect(f.cursor == 0)
    }

    // MARK: - Columns

    @Test func cursorColumnCountsCells() {
        #expect(TextField("中文").cursorColumn() == 4)
        #expect(TextField("a中b").cursorColumn() == 4)
        #expect(TextField("e\u{301}x").cursorColumn() == 2)
        #expect(TextField("🇨🇳", cursor: 1).cursorColumn() == 2)
        #expect(TextField("中文", cursor: 1).cursorColumn() == 2)
        #expect(TextField("abc", cursor: 0).cursorColumn() == 0)
    }

    // MARK: - Sanitizing

    @Test func controlCharactersInInsertedTextAreRemoved() {
        var f = TextField()
        f.insert("a\u{1B}[31mb\u{7}c\u{0}d\u{202E}e")
        #expect(f.text == "abcde")
        f.insert("\tx")
        #expect(f.text == "abcde x")
    }

    @Test func pastedLineBreaksAreDroppedInOneLine() {
        var f = TextField("[]", cursor: 1)
        f.insert("one\ntwo\r\nthree\rfour")
        #expect(f.text == "[onetwothreefour]")
        #expect(f.cursor == 16)
        #expect(TextField("x\ny").text == "xy")
    }

    @Test func controlKeyNamesAreNotTyped() {
        var f = TextField("a")
        for key in ["\u{1B}", "\n", "\u{7F}", "<Enter>", "<Tab>", "<Esc>", "<Up>", "<Down>", "<C-g>", "<F1>"] {
            let used = f.handle(key)
            #expect(!used, "\(key)")
        }
        #expect(f.text == "a")
    }

    // MARK: - Words and kills

    @Test func ctrlWDeletesBackToWhitespace() {
        var f = TextField("hello big  world")
        f.deleteWordBackward()
        #expect(f.text == "hello big  ")
        f.deleteWordBackward()  // the spaces and the word before them
        #expect(f.text == "hello ")
        f.deleteWordBackward()
        #expect(f.text == "")
        f.deleteWordBackward()
        #expect(f.text == "")
    }

    @Test func ctrlWOnHanTextGoesBackToTheSpaceOrStart() {
        var f = TextField("答复 原告提交的证据")
        f.deleteWordBackward()
        #expect(f.text == "答复 ")
        var g = TextField("原告提交的证据", cursor: 4)
        g.deleteWordBackward()
        #expect(g.text == "的证据")
        #expect(g.cursor == 0)
    }

    @Test func wordMovesSkipPunctuationAndSpaces() {
        var f = TextField("foo, bar 中文。baz")
        f.moveWordLeft()
        #expect(f.cursor == 12)  // before baz
        f.moveWordLeft()
        #expect(f.cursor == 9)  // before 中文
        f.moveWordLeft()
        #expect(f.cursor == 5)  // before bar
        f.moveWordRight()
        #expect(f.cursor == 8)  // after bar
        f.moveWordRight()
        #expect(f.cursor == 11)  // after 中文
        f.moveHome()
        f.moveWordRight()
        #expect(f.cursor == 3)
    }

    @Test func killToEndAndStart() {
        var f = TextField("前半after", cursor: 2)
        f.killToEnd()
        #expect(f.text == "前半")
        var g = TextField("前半after", cursor: 2)
        g.killToStart()
        #expect(g.text == "after")
        #expect(g.cursor == 0)
    }

    // MARK: - Keys

    @Test func keyNamesMapToOperations() {
        let f = typed(["a", "中", "<Space>", "b", "<Left>", "<Left>", "<BS>", "<End>", "<C-a>", "<Del>"])
        #expect(f.text == " b")
        #expect(f.cursor == 0)
        let g = typed(["<C-e>", "<C-b>", "<C-b>", "<C-f>", "<C-k>"], into: TextField("abcd"))
        #expect(g.text == "abc")
        let h = typed(["<Home>", "<M-f>", "<C-u>"], into: TextField("one two"))
        #expect(h.text == " two")
        let i = typed(["<M-b>", "<C-w>", "x"], into: TextField("one two three"))
        #expect(i.text == "one xthree")
        let j = typed(["<", ">", "<Backspace>", "<Home>", "<Delete>"], into: TextField())
        #expect(j.text == "")
        #expect(typed(["<Right>", "<", "<BS>"], into: TextField("a")).text == "a")
    }

    @Test func everyEditingKeyIsConsumed() {
        for key in ["<Left>", "<Right>", "<Home>", "<End>", "<BS>", "<Del>", "<C-a>", "<C-e>", "<C-b>",
                    "<C-f>", "<C-k>", "<C-u>", "<C-w>", "<M-b>", "<M-f>", "<Space>", "x", "中", "🇨🇳"] {
            var f = TextField("ab")
            let used = f.handle(key)
            #expect(used, "\(key)")
        }
    }

    // MARK: - Scrolling

    @Test func shortTextIsShownWhole() {
        let v = TextField("中文ab", cursor: 1).visible(width: 10)
        #expect(v.text == "中文ab")
        #expect(v.cursorColumn == 2)
    }

    @Test func scrollsToKeepTheCursorAtTheRightEdge() {
        let f = TextField("abcdefghij")  // cursor at the end, column 10
        let v = f.visible(width: 4)
        #expect(v.text == "hij")
        #expect(v.cursorColumn == 3)
        let g = TextField("abcdefghij", cursor: 5)
        #expect(g.visible(width: 4) == (text: "cdef", cursorColumn: 3))
    }

    @Test func aWideCharacterCutByTheLeftEdgeBecomesASpace() {
        // 中 at cells 0-1, 文 at 2-3, a at 4, b at 5; cursor at the end (6): a 4-cell window
        // starts at cell 3, inside 文.
        let v = TextField("中文ab").visible(width: 4)
        #expect(v.text == " ab")
        #expect(v.cursorColumn == 3)
        #expect(DisplayWidth.of(v.text) <= 4)
    }

    @Test func aWideCharacterCutByTheRightEdgeBecomesASpace() {
        // Cursor on a (cell 0): the 3-cell window ends inside 中 (cells 2-3).
        let v = TextField("ab中文", cursor: 0).visible(width: 3)
        #expect(v.text == "ab ")
        #expect(v.cursorColumn == 0)
    }

    @Test func theWideCharacterUnderTheCursorIsShownWhole() {
        // Cursor before 文 (cells 4-5): the window must reach cell 5.
        let v = TextField("ab中文cd", cursor: 3).visible(width: 4)
        #expect(v.text == "中文")
        #expect(v.cursorColumn == 2)
    }

    @Test func degenerateWidths() {
        #expect(TextField("中").visible(width: 0) == (text: "", cursorColumn: 0))
        let v = TextField("中", cursor: 0).visible(width: 1)
        #expect(v.text == " ")
        #expect(v.cursorColumn == 0)
    }
}
