/// One cell of the screen. A wide character occupies its cell and the next one, which is a
/// continuation cell (empty text) that backends skip.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var isContinuation: Bool

    public init(_ text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// The whole screen as cells. Every pane draws into it; tests read it as text; the terminal
/// backend only copies it out. All writes clip to the grid (and to an optional rectangle).
public struct CellGrid: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest after drawing (the focused row), for screen readers.
    public var cursor: Point?
    /// The characters the grid draws with: cut text ends in `glyphs.ellipsis`, and with
    /// `.ascii` every ambiguous-width character is drawn as its ASCII substitute.
    public let glyphs: Glyphs

    public init(size: Size, glyphs: Glyphs = .unicode) {
        self.size = size
        self.glyphs = glyphs
        self.cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Writes `text` from `at` to the right, clipped to `clip` (default: the grid). Untrusted
    /// text is sanitized here, at the last step before any terminal (and, with ASCII glyphs,
    /// ambiguous-width characters replaced one cell for one). Returns the column after
    /// the last cell written.
    @discardableResult
    public mutating func put(_ text: String, at: Point, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard at.y >= area.y, at.y < area.maxY else { return at.x }
        var x = at.x
        // Only what the row can hold is sanitized and measured (a marker is 8 cells, a cell holds a few scalars).
        let room = Sanitizer.prefix(text, scalars: max(0, area.maxX - x) * 8 + 64).text
        // Place one character of width w; false when the row is full.
        func place(_ c: Character, _ w: Int) -> Bool {
            if x + w > area.maxX { return false }
            if x >= area.x {
                set(x, at.y, Cell(String(glyphs.plain(c)), style: style))
                if w == 2 { set(x + 1, at.y, Cell("", style: style, isContinuation: true)) }
            }
            x += w
            return true
        }
        if room.unicodeScalars.allSatisfy(Sanitizer.isPlain) {
            // Printable ASCII and Chinese (most of what is drawn): a character per scalar, its width known.
            for s in room.unicodeScalars where !place(Character(s), s.value < 0x7F ? 1 : 2) { break }
            return x
        }
        for c in Sanitizer.shown(room) {
            let w = DisplayWidth.of(c)
            if w == 0 {
                // A combining mark joins the grapheme it follows; Swift already grouped those.
                continue
            }
            if !place(c, w) { break }
        }
        return x
    }

    /// Fills `rect` with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let cell = Cell(String(glyphs.plain(character)), style: style)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(x, y, cell) }
        }
    }

    /// Changes the style of the cells in `rect`, keeping their text.
    public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { transform(&cells[y * size.width + x].style) }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let i = y * size.width + x
        // Overwriting half of a wide character blanks its other half, so no ghost remains.
        if cells[i].isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        // (A wide character's next cell is always its continuation: `put` writes both, and this keeps it so.)
        if !cells[i].isContinuation, x + 1 < size.width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// The screen as text, one string per row, trailing spaces kept (what a test compares).
    public var lines: [String] {
        (0..<size.height).map { y in
            var s = ""
            for x in 0..<size.width where !self[x, y].isContinuation { s += self[x, y].text }
            return s
        }
    }

    /// The screen as one string, rows joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

extension CellGrid {
    /// The text of the cells inside `rect`, one string per row.
    public func lines(in rect: Rect) -> [String] {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return [] }
        return (r.y..<r.maxY).map { y in
            var s = ""
            for x in r.x..<r.maxX where !self[x, y].isContinuation { s += self[x, y].text }
            return s
        }
    }
}
