/// Several lines of editable text with a cursor, for replies and feedback. Pure: no terminal,
/// no I/O. Each line is edited as a `TextField` is (grapheme steps, sanitized input); line
/// breaks split and join lines.
///
/// The cursor is (line, grapheme index in that line). Up, Down, PageUp and PageDown move by
/// logical lines and keep the cursor's display column (in cells, so from a Han line to an
/// ASCII line it lands under the same cell); the column wanted is remembered across short
/// lines until the cursor moves sideways or the text changes.
public struct TextEditor: Hashable, Sendable {
    /// The lines, without line breaks; never empty (an empty editor has one empty line).
    public private(set) var lines: [String]
    /// The cursor's line, 0 ..< `lines.count`.
    public private(set) var line: Int
    /// The cursor's grapheme index in its line, 0 … `lines[line].count`.
    public private(set) var column: Int
    /// The display column Up and Down aim for, while they are pressed in a row.
    private var goalColumn: Int?

    /// An editor holding `text` (sanitized; CR LF and CR count as line breaks), cursor at the end.
    public init(_ text: String = "") {
        lines = [""]
        line = 0
        column = 0
        goalColumn = nil
        insert(text)
    }

    /// The text: the lines joined by "\n".
    public var text: String { lines.joined(separator: "\n") }

    /// Puts the cursor at (`line`, `column`), clamped to the text.
    public mutating func setCursor(line: Int, column: Int) {
        self.line = min(max(0, line), lines.count - 1)
        self.column = min(max(0, column), lines[self.line].count)
        goalColumn = nil
    }

    /// The cursor's display column in its (unwrapped) line.
    public func cursorColumn() -> Int { field.cursorColumn() }

    // MARK: - Editing

    /// Inserts `string` at the cursor; its line breaks split the line. Each line is sanitized
    /// (tabs become spaces; control characters and escape sequences go).
    public mutating func insert(_ string: String) {
        let pieces = Sanitizer.lines(string)
        var f = field
        f.insert(pieces[0])
        guard pieces.count > 1 else { return store(f) }
        let tail = String(f.text.dropFirst(f.cursor))
        lines[line] = String(f.text.prefix(f.cursor))
        var added = Array(pieces.dropFirst())
        let last = TextField(added.removeLast(), cursor: nil)
        lines.insert(contentsOf: added.map { TextField($0).text } + [last.text + tail], at: line + 1)
        line += pieces.count - 1
        column = last.text.count
        goalColumn = nil
    }

    /// Enter: splits the line at the cursor.
    public mutating func insertNewline() { insert("\n") }

    /// Deletes the grapheme before the cursor; at the start of a line, joins it to the previous.
    public mutating func backspace() {
        if column > 0 { return edit { $0.backspace() } }
        guard line > 0 else { return }
        let current = lines.remove(at: line)
        line -= 1
        column = lines[line].count
        lines[line] += current
        goalColumn = nil
    }

    /// Deletes the grapheme after the cursor; at the end of a line, joins the next line to it.
    public mutating func deleteForward() {
        if column < lines[line].count { return edit { $0.deleteForward() } }
        guard line + 1 < lines.count else { return }
        lines[line] += lines.remove(at: line + 1)
        goalColumn = nil
    }

    /// Ctrl-W within the line (see `TextField.deleteWordBackward`).
    public mutating func deleteWordBackward() { edit { $0.deleteWordBackward() } }
    /// Ctrl-K: to the end of the line (the line break stays).
    public mutating func killToEnd() { edit { $0.killToEnd() } }
    /// Ctrl-U: to the start of the line.
    public mutating func killToStart() { edit { $0.killToStart() } }

    // MARK: - Moving

    /// One grapheme left; from a line's start to the end of the previous line.
    public mutating func moveLeft() {
        if column > 0 { return edit { $0.moveLeft() } }
        guard line > 0 else { return }
        setCursor(line: line - 1, column: .max)
    }

    /// One grapheme right; from a line's end to the start of the next line.
    public mutating func moveRight() {
        if column < lines[line].count { return edit { $0.moveRight() } }
        guard line + 1 < lines.count else { return }
        setCursor(line: line + 1, column: 0)
    }

    public mutating func moveHome() { edit { $0.moveHome() } }
    public mutating func moveEnd() { edit { $0.moveEnd() } }

    /// To the start of the previous word; from a line's start to the end of the previous line.
    public mutating func moveWordLeft() {
        if column == 0 { return moveLeft() }
        edit { $0.moveWordLeft() }
    }

    /// To the end of the next word; from a line's end to the start of the next line.
    public mutating func moveWordRight() {
        if column == lines[line].count { return moveRight() }
        edit { $0.moveWordRight() }
    }

    /// Up one line, keeping the display column; on the first line, to its start.
    public mutating func moveUp() { moveVertically(by: -1) }
    /// Down one line, keeping the display column; on the last line, to its end.
    public mutating func moveDown() { moveVertically(by: 1) }
    /// Up `pageHeight` lines (at least one), keeping the display column.
    public mutating func pageUp(by pageHeight: Int) { moveVertically(by: -max(1, pageHeight)) }
    /// Down `pageHeight` lines (at least one), keeping the display column.
    public mutating func pageDown(by pageHeight: Int) { moveVertically(by: max(1, pageHeight)) }

    private mutating func moveVertically(by delta: Int) {
        let target = line + delta
        if target < 0 { return setCursor(line: 0, column: 0) }
        if target >= lines.count { return setCursor(line: lines.count - 1, column: .max) }
        let goal = goalColumn ?? cursorColumn()
        line = target
        column = TextEditor.index(in: lines[target], atColumn: goal)
        goalColumn = goal
    }

    /// The grapheme index in `text` whose cell is at display column `goal`: the last grapheme
    /// starting at or before it (a wide character covering `goal` is landed on, not passed).
    static func index(in text: String, atColumn goal: Int) -> Int {
        var x = 0, i = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if x + w > goal { break }
            x += w
            i += 1
        }
        return i
    }

    // MARK: - Keys

    /// Applies the key named `key` (as `KeyEvent.name` names it); returns whether it was used.
    /// Handled: everything `TextField.handle` handles (C-a/C-e/C-k/C-u/C-w work on the cursor's
    /// line; Left/Right, C-b/C-f, M-b/M-f cross line ends; BS at a line's start and Del at its
    /// end join lines), plus "<Enter>" (new line), "<Up>", "<Down>", and "<PgUp>"/"<PgDn>"
    /// (also "<PageUp>"/"<PageDown>") moving by `pageHeight` lines.
    /// Not handled (false): "<Tab>", "<S-Tab>", "<Esc>", function keys, other control keys.
    @discardableResult
    public mutating func handle(_ key: String, pageHeight: Int = 10) -> Bool {
        switch key {
        case "<Left>", "<C-b>": moveLeft()
        case "<Right>", "<C-f>": moveRight()
        case "<Home>", "<C-a>": moveHome()
        case "<End>", "<C-e>": moveEnd()
        case "<Up>": moveUp()
        case "<Down>": moveDown()
        case "<PgUp>", "<PageUp>": pageUp(by: pageHeight)
        case "<PgDn>", "<PageDown>": pageDown(by: pageHeight)
        case "<Enter>": insertNewline()
        case "<BS>", "<Backspace>": backspace()
        case "<Del>", "<Delete>": deleteForward()
        case "<C-k>": killToEnd()
        case "<C-u>": killToStart()
        case "<C-w>": deleteWordBackward()
        case "<M-b>": moveWordLeft()
        case "<M-f>": moveWordRight()
        case "<Space>": insert(" ")
        default:
            guard let typed = TextField.typedCharacter(key) else { return false }
            insert(typed)
        }
        return true
    }

    // MARK: - Display

    /// The rows shown in a window `width` × `height` cells and the cursor's cell in it.
    ///
    /// Long lines wrap softly at `width` cells: a wide character never splits (it moves to the
    /// next row); a break inside a run of narrow non-space characters (an ASCII word) moves back
    /// to the last space or wide character of the row when there is one. When the cursor stands
    /// at the end of a line whose last row is full, an empty row follows for it. The window
    /// scrolls so the cursor's row is visible (as low as it needs to be, no lower). Rows are not
    /// padded; at most `height` are returned.
    public func visible(width: Int, height: Int) -> (lines: [String], cursor: (row: Int, column: Int)) {
        guard width > 0, height > 0 else { return ([], (0, 0)) }
        var rows: [String] = []
        var cursorRow = 0, cursorCell = 0
        for (n, text) in lines.enumerated() {
            let chars = Array(text)
            let breaks = TextEditor.wrap(chars, width: width)
            for (k, range) in breaks.enumerated() {
                let isLast = k == breaks.count - 1
                if n == line, column >= range.lowerBound, column < range.upperBound || isLast {
                    cursorRow = rows.count
                    cursorCell = DisplayWidth.of(String(chars[range.lowerBound..<column]))
                }
                rows.append(TextEditor.render(chars[range], width: width))
            }
            if n == line, column == chars.count, cursorCell >= width {
                rows.append("")
                cursorRow = rows.count - 1
                cursorCell = 0
            }
        }
        let top = max(0, cursorRow - height + 1)
        return (Array(rows[top..<min(rows.count, top + height)]), (cursorRow - top, cursorCell))
    }

    /// The rows of one line as grapheme ranges; at least one (empty) range.
    static func wrap(_ chars: [Character], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        while start < chars.count {
            var end = start, used = 0
            while end < chars.count, used + DisplayWidth.of(chars[end]) <= width {
                used += DisplayWidth.of(chars[end])
                end += 1
            }
            if end == start { end = start + 1 }  // wider than the window: alone on its row
            if end < chars.count, splitsWord(chars, at: end) {
                var k = end - 1
                while k > start, splitsWord(chars, at: k) { k -= 1 }
                if k > start { end = k }
            }
            rows.append(start..<end)
            start = end
        }
        return rows.isEmpty ? [0..<0] : rows
    }

    /// Whether breaking before `chars[i]` cuts a run of narrow non-space characters.
    private static func splitsWord(_ chars: [Character], at i: Int) -> Bool {
        func narrowWord(_ c: Character) -> Bool { !c.isWhitespace && DisplayWidth.of(c) == 1 }
        return i > 0 && i < chars.count && narrowWord(chars[i - 1]) && narrowWord(chars[i])
    }

    /// A row's text; a character wider than the whole window shows as spaces.
    private static func render(_ chars: ArraySlice<Character>, width: Int) -> String {
        if chars.count == 1, let c = chars.first, DisplayWidth.of(c) > width {
            return String(repeating: " ", count: width)
        }
        return String(chars)
    }

    // MARK: - Internals

    /// The cursor's line as a field.
    private var field: TextField { TextField(lines[line], cursor: column) }

    private mutating func store(_ f: TextField) {
        lines[line] = f.text
        column = f.cursor
        goalColumn = nil
    }

    private mutating func edit(_ change: (inout TextField) -> Void) {
        var f = field
        change(&f)
        store(f)
    }
}
