/// The characters used for frames, marks and cut text: box drawing and "…", or plain ASCII
/// for terminals that show ambiguous-width characters as wide, or that cannot show UTF-8 at
/// all. With `.ascii` no East Asian ambiguous-width character reaches the grid: the grid
/// draws each one as an ASCII character of the same width (`plain`).
public struct Glyphs: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    /// What ends cut text.
    public var ellipsis: String
    /// A small mark between a number and what it counts (the calendar's "·3").
    public var dot: Character
    /// Whether ambiguous-width characters are replaced when drawn.
    public var avoidsAmbiguousWidth: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", dot: "·", avoidsAmbiguousWidth: false)
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "...", dot: ".", avoidsAmbiguousWidth: true)

    /// `c` as it is drawn: itself, or (when ambiguous width is avoided) an ASCII character in
    /// its place, one cell as it was ("·" "-", "…" ".", "“" "\"", "×" "x", box drawing "-|+"; "?"
    /// for the rest).
    public func plain(_ c: Character) -> Character {
        guard avoidsAmbiguousWidth, let s = c.unicodeScalars.first, DisplayWidth.isAmbiguous(s),
              DisplayWidth.of(c) == 1 else { return c }
        if let known = Self.substitutes[s] { return known }
        switch s.value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550: return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551: return "|"
        case 0x2500...0x257F: return "+"
        default: return "?"
        }
    }

    private static let substitutes: [Unicode.Scalar: Character] = [
        "·": "-", "•": "*", "‧": "-", "…": ".", "‥": ".", "“": "\"", "”": "\"", "„": "\"", "‘": "'", "’": "'",
        "′": "'", "″": "\"", "‐": "-", "–": "-", "—": "-", "―": "-", "‖": "|", "×": "x", "÷": "/", "±": "+",
        "°": "o", "¡": "!", "¿": "?", "§": "S", "¶": "P", "※": "*", "←": "<", "→": ">", "↑": "^", "↓": "v",
        "●": "*", "○": "o", "◆": "*", "◇": "o", "■": "#", "█": "#", "□": "o", "★": "*", "☆": "*", "√": "v", "∶": ":",
    ]
}

extension CellGrid {
    /// Draws a frame around `rect` with `title` in its top edge, and returns the inside.
    /// A focused frame draws its title in bold between markers, so focus shows without colour.
    @discardableResult
    public mutating func frame(_ rect: Rect, title: String, focused: Bool, glyphs: Glyphs) -> Rect {
        let r = rect.intersection(bounds)
        guard r.width >= 2, r.height >= 2 else {
            fill(r)
            return Rect(x: r.x, y: r.y, width: 0, height: 0)
        }
        let line = focused ? Style.bold : Style.plain
        fill(Rect(x: r.x + 1, y: r.y, width: r.width - 2, height: 1), with: glyphs.horizontal, style: line)
        fill(Rect(x: r.x + 1, y: r.maxY - 1, width: r.width - 2, height: 1), with: glyphs.horizontal, style: line)
        fill(Rect(x: r.x, y: r.y + 1, width: 1, height: r.height - 2), with: glyphs.vertical, style: line)
        fill(Rect(x: r.maxX - 1, y: r.y + 1, width: 1, height: r.height - 2), with: glyphs.vertical, style: line)
        put(String(glyphs.topLeft), at: Point(x: r.x, y: r.y), style: line)
        put(String(glyphs.topRight), at: Point(x: r.maxX - 1, y: r.y), style: line)
        put(String(glyphs.bottomLeft), at: Point(x: r.x, y: r.maxY - 1), style: line)
        put(String(glyphs.bottomRight), at: Point(x: r.maxX - 1, y: r.maxY - 1), style: line)
        let clean = Sanitizer.shown(Sanitizer.prefix(title, scalars: r.width * 8 + 64).text)
        let label = focused ? "[\(clean)]" : " \(clean) "
        let room = r.width - 2
        put(DisplayWidth.fit(label, columns: room, mark: glyphs.ellipsis, words: true), at: Point(x: r.x + 1, y: r.y),
            style: focused ? Style(bold: true, reverse: true) : .bold)
        return r.inset(1)
    }

    /// Writes `text` fitted to the row's width (cut with the grid's ellipsis), padding the rest
    /// with `style`.
    /// `fitted`: `text` is already `DisplayWidth.fit` to the row's width with the grid's ellipsis (kept from an
    /// earlier frame), so it is not measured again.
    public mutating func line(_ text: String, in row: Rect, style: Style = .plain, fitted: Bool = false) {
        guard !row.isEmpty else { return }
        fill(Rect(x: row.x, y: row.y, width: row.width, height: 1), style: style)
        put(fitted ? text : DisplayWidth.fit(text, columns: row.width, mark: glyphs.ellipsis), at: Point(x: row.x, y: row.y), style: style, clip: row)
    }
}
