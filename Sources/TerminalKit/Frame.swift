/// The characters used for frames: box drawing, or plain ASCII for terminals that show
/// ambiguous-width characters as wide, or that cannot show UTF-8 at all.
public struct Glyphs: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
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
        let clean = Sanitizer.line(title)
        let label = focused ? "[\(clean)]" : " \(clean) "
        let room = r.width - 2
        put(DisplayWidth.fit(label, columns: room), at: Point(x: r.x + 1, y: r.y),
            style: focused ? Style(bold: true, reverse: true) : .bold)
        return r.inset(1)
    }

    /// Writes `text` fitted to the row's width (cut with "…"), padding the rest with `style`.
    public mutating func line(_ text: String, in row: Rect, style: Style = .plain) {
        guard !row.isEmpty else { return }
        fill(Rect(x: row.x, y: row.y, width: row.width, height: 1), style: style)
        put(DisplayWidth.fit(Sanitizer.line(text), columns: row.width), at: Point(x: row.x, y: row.y), style: style, clip: row)
    }
}
