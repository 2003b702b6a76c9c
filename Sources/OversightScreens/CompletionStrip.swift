import OversightDomain
import OversightWorkbench
import TerminalKit

/// The candidates Tab listed on the `:` line, drawn in a strip just above it: a rule naming how many, then the
/// candidates side by side, wrapped to the width in display cells, at most `maxRows` rows. When they need more, the
/// rows around the one Tab put on the line are shown and the last row ends with how many more there are.
struct CompletionStrip {
    let screen: Screen
    static let maxRows = 3

    var strings: Strings { screen.strings }

    /// What the list shows for a candidate: the word, and beside it what it names.
    func entry(_ c: Completion) -> String {
        let word = Sanitizer.shown(c.word)
        let note: String
        switch c.note {
        case .none: note = ""
        case .text(let t): note = Sanitizer.shown(t)
        // Without the county's name, as the title shows the viewer's own: more of them fit.
        case .organisation(let name): note = Sanitizer.shown(Organisation.shortName(name))
        case .kind(let k): note = screen.presenter.kind(k)
        case .domain(let d): note = screen.presenter.domain(d)
        case .variant(let v): note = strings.first("variant.\(v.rawValue)", v.rawValue)
        case .outcome(let o): note = strings.first("outcome.\(o.rawValue)", o.rawValue)
        case .escalation(let e): note = strings.first("escalation.\(e.rawValue)", e.rawValue)
        case .role(let r): note = screen.presenter.role(r)
        }
        return note.isEmpty || note == word ? word : word + " " + note
    }

    /// The candidates' indices laid out in rows of at most `width` cells, two cells between entries.
    static func rows(_ widths: [Int], width: Int) -> [[Int]] {
        var rows: [[Int]] = []
        var row: [Int] = []
        var used = 0
        for (i, w) in widths.enumerated() {
            let need = row.isEmpty ? w : used + 2 + w
            if !row.isEmpty && need > width {
                rows.append(row)
                row = [i]
                used = w
            } else {
                row.append(i)
                used = need
            }
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    /// Draws `list` in the rows just above `line` (within `body`).
    func draw(_ list: CompletionList, above line: Rect, body: Rect, _ grid: inout CellGrid) {
        guard !list.isEmpty, body.height >= 2, line.width >= 8 else { return }
        let width = line.width - 2
        let texts = list.candidates.map { DisplayWidth.fit(entry($0), columns: width, mark: screen.glyphs.ellipsis) }
        let widths = texts.map { DisplayWidth.of($0) }
        let room = min(Self.maxRows, body.height - 1)
        var rows = Self.rows(widths, width: width)
        var more = ""
        var shown = 0..<rows.count
        if rows.count > room {
            // Keep room for the count at the end of every row, then show the rows around the selected candidate.
            let widest = strings("completion.more", ["n": list.candidates.count])
            rows = Self.rows(widths, width: max(1, width - DisplayWidth.of(widest) - 2))
            let at = rows.firstIndex { $0.contains(list.selected ?? 0) } ?? 0
            let start = min(max(0, at - room + 1), rows.count - room)
            shown = start..<(start + room)
            let after = rows[shown.upperBound...].reduce(0) { $0 + $1.count }
            if after > 0 { more = strings("completion.more", ["n": after]) }
        }
        let strip = Rect(x: line.x, y: line.y - shown.count - 1, width: line.width, height: shown.count + 1)
        grid.fill(strip)
        // The rule: how many, and how to step through them.
        let position = list.selected.map { " \($0 + 1)/\(list.candidates.count)" } ?? ""
        let title = " " + strings("completion.title", ["n": list.candidates.count]) + position + " "
        grid.fill(Rect(x: strip.x, y: strip.y, width: strip.width, height: 1), with: screen.glyphs.horizontal, style: .dim)
        grid.put(DisplayWidth.fit(title, columns: max(1, strip.width - 2), mark: screen.glyphs.ellipsis),
                 at: Point(x: strip.x + 1, y: strip.y), style: .bold, clip: strip)
        for (r, row) in rows[shown].enumerated() {
            let y = strip.y + 1 + r
            let area = Rect(x: strip.x + 1, y: y, width: width, height: 1)
            var x = area.x
            for i in row {
                var style = Style.plain
                if i == list.selected { style.reverse = true }
                x = grid.put(texts[i], at: Point(x: x, y: y), style: style, clip: area) + 2
            }
            if r == shown.count - 1, !more.isEmpty {
                grid.put(more, at: Point(x: area.maxX - DisplayWidth.of(more), y: y), style: .dim, clip: area)
            }
        }
    }
}
