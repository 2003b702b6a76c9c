/// A single line of editable text with a cursor, for form fields. Pure: no terminal, no I/O.
///
/// The cursor is a grapheme index (0 … `text.count`): every move and delete steps over a whole
/// `Character`, so "é" written as e + U+0301, a flag such as 🇨🇳, a Han character and an emoji
/// with a skin tone are each one step. Columns are display cells (`DisplayWidth`): a Han
/// character takes two.
///
/// Key names are those of `KeyEvent.name` ("<BS>", "<Del>", "<C-w>", …); see `handle(_:)`.
public struct TextField: Hashable, Sendable {
    /// The text. Never holds control characters, escape sequences or line breaks when edited
    /// through `insert` (the initialiser sanitizes too).
    public private(set) var text: String
    /// Grapheme index of the cursor, 0 … `text.count`.
    public private(set) var cursor: Int

    /// A field holding `text` (sanitized to one line) with the cursor at `cursor`, or at the end.
    public init(_ text: String = "", cursor: Int? = nil) {
        self.text = TextField.clean(text)
        self.cursor = 0
        self.cursor = clamp(cursor ?? self.text.count)
    }

    /// Puts the cursor at grapheme index `index`, clamped to the text.
    public mutating func setCursor(_ index: Int) { cursor = clamp(index) }

    // MARK: - Editing

    /// Inserts `string` at the cursor and puts the cursor after it. Line breaks are dropped
    /// (this is one line); tabs become spaces; control characters and escape sequences go.
    public mutating func insert(_ string: String) {
        let clean = TextField.clean(string)
        guard !clean.isEmpty else { return }
        let before = prefix + clean
        text = before + suffix
        // A combining mark or regional indicator can join the grapheme beside it; clamp.
        cursor = clamp(before.count)
    }

    /// Deletes the grapheme before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        remove(cursor - 1..<cursor)
    }

    /// Deletes the grapheme under (after) the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        remove(cursor..<cursor + 1)
    }

    /// Ctrl-W: deletes back to the previous whitespace boundary (the spaces just before the
    /// cursor, then the run of non-spaces before them). Han text without spaces goes back to
    /// the previous space or the start.
    public mutating func deleteWordBackward() {
        let chars = Array(text)
        var i = cursor
        while i > 0, chars[i - 1].isWhitespace { i -= 1 }
        while i > 0, !chars[i - 1].isWhitespace { i -= 1 }
        remove(i..<cursor)
    }

    /// Ctrl-K: deletes from the cursor to the end.
    public mutating func killToEnd() { remove(cursor..<text.count) }

    /// Ctrl-U: deletes from the start to the cursor.
    public mutating func killToStart() { remove(0..<cursor) }

    // MARK: - Moving

    public mutating func moveLeft() { cursor = clamp(cursor - 1) }
    public mutating func moveRight() { cursor = clamp(cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Alt-B: to the start of the word before the cursor. A word is a run of letters, digits
    /// and marks (Han characters are letters), as in readline; punctuation, spaces and emoji
    /// separate words.
    public mutating func moveWordLeft() {
        let chars = Array(text)
        var i = cursor
        while i > 0, !TextField.isWordCharacter(chars[i - 1]) { i -= 1 }
        while i > 0, TextField.isWordCharacter(chars[i - 1]) { i -= 1 }
        cursor = i
    }

    /// Alt-F: to the end of the word after the cursor (same words as `moveWordLeft`).
    public mutating func moveWordRight() {
        let chars = Array(text)
        var i = cursor
        while i < chars.count, !TextField.isWordCharacter(chars[i]) { i += 1 }
        while i < chars.count, TextField.isWordCharacter(chars[i]) { i += 1 }
        cursor = i
    }

    // MARK: - Display

    /// The display-cell column of the cursor: after "中文" it is 4.
    public func cursorColumn() -> Int { DisplayWidth.of(prefix) }

    /// The part of the text shown in a window `width` cells wide, scrolled horizontally so the
    /// cursor (and the whole character under it) is visible, and the cursor's column in it.
    ///
    /// The window starts at the left while the cursor fits, else it puts the cursor at the
    /// right edge. A wide character cut by either edge is shown as a space, never as half a
    /// character. The text is not padded past its end; its width is at most `width`.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let chars = Array(text)
        let column = cursorColumn()
        let under = cursor < chars.count ? max(1, DisplayWidth.of(chars[cursor])) : 1
        let start = max(0, column + min(under, width) - width)
        return (TextField.window(chars, from: start, width: width), column - start)
    }

    /// The cells `start ..< start + width` of `chars` as text; a wide character that straddles
    /// either edge becomes a space.
    static func window(_ chars: [Character], from start: Int, width: Int) -> String {
        var out = "", x = 0
        let end = start + width
        for c in chars {
            let w = DisplayWidth.of(c)
            defer { x += w }
            if x + w <= start { continue }
            if x >= end { break }
            if x < start || x + w > end {
                // Straddles an edge: show the cells that are inside as spaces.
                out += String(repeating: " ", count: min(x + w, end) - max(x, start))
            } else {
                out.append(c)
            }
        }
        return out
    }

    // MARK: - Keys

    /// Applies the key named `key` (as `KeyEvent.name` names it) and returns whether the field
    /// used it. Handled:
    /// - "<Left>", "<C-b>"; "<Right>", "<C-f>"; "<Home>", "<C-a>"; "<End>", "<C-e>"
    /// - "<BS>" (also "<Backspace>"); "<Del>" (also "<Delete>")
    /// - "<C-k>", "<C-u>", "<C-w>"; "<M-b>", "<M-f>" (word moves)
    /// - "<Space>" and any key name that is one grapheme (e.g. "a", "中", "<"): inserted.
    ///
    /// Not handled (false): "<Enter>", "<Tab>", "<Esc>", "<Up>", "<Down>", other control keys,
    /// so a form can use them.
    @discardableResult
    public mutating func handle(_ key: String) -> Bool {
        switch key {
        case "<Left>", "<C-b>": moveLeft()
        case "<Right>", "<C-f>": moveRight()
        case "<Home>", "<C-a>": moveHome()
        case "<End>", "<C-e>": moveEnd()
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

    /// The text a key name types, if it is a printable character: one grapheme that survives
    /// sanitizing. ("<" itself is one grapheme; named keys such as "<Up>" are longer.)
    static func typedCharacter(_ key: String) -> String? {
        guard key.count == 1, let c = key.first, !c.isNewline else { return nil }
        let clean = Sanitizer.line(key)
        return clean.isEmpty || clean != key ? nil : clean
    }

    // MARK: - Internals

    private var prefix: String { String(text.prefix(cursor)) }
    private var suffix: String { String(text.dropFirst(cursor)) }

    private func clamp(_ i: Int) -> Int { min(max(0, i), text.count) }

    /// Removes the graphemes in `range` and puts the cursor at its start.
    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(lower, offsetBy: range.count)
        text.removeSubrange(lower..<upper)
        cursor = clamp(range.lowerBound)
    }

    /// One line of safe text: line breaks dropped, then `Sanitizer.line`.
    static func clean(_ string: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in string.unicodeScalars {
            switch s.value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: continue
            default: scalars.append(s)
            }
        }
        return Sanitizer.line(String(scalars))
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
