import TerminalKit

/// One write the backend hands ncurses: a grid unit of one cell, or two for a wide character.
struct CellWrite: Hashable, Sendable {
    var x: Int
    var y: Int
    /// The unit's text (one grapheme cluster; may still be unsafe or unprintable: see `GlyphPlan`).
    var text: String
    /// 1, or 2 for a wide character whose continuation cell this write covers.
    var columns: Int
    var style: Style
}

/// Which grid units must be written to bring the screen from `old` to `new`. Pure.
enum ScreenDiff {
    /// - Parameters:
    ///   - old: the grid drawn last, or nil to write everything (first frame, after a resize).
    ///   - new: the grid to show.
    ///   - screen: the terminal size; cells outside it are not written, and a wide character
    ///     that would cross its right edge becomes a one-cell write (so it never wraps).
    /// - Returns: the writes, row by row, left to right.
    static func changes(from old: CellGrid?, to new: CellGrid, screen: Size) -> [CellWrite] {
        let old = old?.size == new.size ? old : nil
        let gridWidth = new.size.width
        let width = min(gridWidth, screen.width)
        let height = min(new.size.height, screen.height)
        var writes: [CellWrite] = []
        // Over both grids' buffers: a subscript copied each cell out and checked its bounds (half the diff's cost).
        new.cells.withUnsafeBufferPointer { cells in
            (old?.cells ?? []).withUnsafeBufferPointer { previous in
                for y in 0..<max(0, height) {
                    let row = y * gridWidth
                    if old != nil, rowEqual(previous, cells, from: row, count: gridWidth) { continue }
                    var x = 0
                    while x < width {
                        let cell = cells[row + x]
                        var columns = 1
                        var text = cell.text
                        if cell.isContinuation {
                            // Not covered by a wide character to its left (that case is skipped below):
                            // an orphan. Show a blank so nothing stale remains there.
                            text = " "
                        } else if x + 1 < gridWidth, cells[row + x + 1].isContinuation, let first = cell.text.first, DisplayWidth.of(first) == 2 {
                            if x + 1 < width {
                                columns = 2
                            } else {
                                text = " "  // the screen is narrower than the grid: never wrap a half
                            }
                        }
                        let changed = old == nil || (x..<x + columns).contains { i in
                            previous[row + i].isContinuation != cells[row + i].isContinuation || previous[row + i].style != cells[row + i].style
                                || previous[row + i].text != cells[row + i].text
                        }
                        if changed {
                            writes.append(CellWrite(x: x, y: y, text: text, columns: columns, style: cell.style))
                        }
                        x += columns
                    }
                }
            }
        }
        return writes
    }

    private static func rowEqual(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, from start: Int, count: Int) -> Bool {
        // Field by field in place (a cell's `==` copied both cells first).
        for i in start..<(start + count) {
            if a[i].isContinuation != b[i].isContinuation || a[i].style != b[i].style || a[i].text != b[i].text { return false }
        }
        return true
    }
}

/// What to hand ncurses for one `CellWrite`, so that ncurses' idea of each character's width
/// (libc `wcwidth`, the same function it uses) agrees with the grid's (`DisplayWidth`). Pure.
enum GlyphPlan {
    /// ncurses keeps at most this many characters in one cell (CCHARW_MAX): a spacing one
    /// and up to four combining ones.
    static let maxScalarsPerCell = 5

    /// The runs to write left to right, each one ncurses cell's characters (spacing first).
    /// The `wcwidth` of the runs' first characters always adds up to `columns`:
    /// - unprintable or (in ASCII mode) non-ASCII: "?" per column, so a wide one is "??";
    /// - the grid says 2 but `wcwidth` says 1 (e.g. ❤️ = U+2764 U+FE0F): the character
    ///   without its variation selector, then a space;
    /// - the grid says 1 but `wcwidth` says 2: "?" (it cannot fit).
    /// - Parameters:
    ///   - wcwidth: the width function to agree with (libc `wcwidth` in the real backend).
    static func runs(_ text: String, columns: Int, asciiOnly: Bool, wcwidth: (UInt32) -> Int) -> [[UInt32]] {
        let question: UInt32 = 0x3F, space: UInt32 = 0x20
        let columns = min(max(columns, 1), 2)
        let replaced = Array(repeating: [question], count: columns)
        func width(_ v: UInt32) -> Int {
            if asciiOnly { return (0x20..<0x7F).contains(v) ? 1 : -1 }
            if v < 0x20 || (0x7F...0x9F).contains(v) { return -1 }  // never trust libc here
            return wcwidth(v)
        }
        // One grapheme cluster per cell: anything after the first is ignored.
        guard let cluster = text.first?.unicodeScalars, let first = cluster.first else {
            return Array(repeating: [space], count: columns)
        }
        let base = first.value
        let baseWidth = width(base)
        guard baseWidth >= 1, baseWidth <= columns else { return replaced }
        var run = [base]
        for s in cluster.dropFirst() where run.count < maxScalarsPerCell {
            // Keep combining characters only; drop anything ncurses would treat as spacing.
            guard width(s.value) == 0 else { continue }
            // VS16 asks the terminal for the wide emoji form; keep it only when that is the
            // width ncurses also counts, or the terminal and ncurses disagree on the cursor.
            if s.value == 0xFE0F, baseWidth != columns { continue }
            run.append(s.value)
        }
        return baseWidth == columns ? [run] : [run, [space]]
    }
}
