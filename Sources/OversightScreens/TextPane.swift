import OversightDomain
import OversightWorkbench
import TerminalKit

/// The full-text view (`v`) over the whole body: the selected matter's summary and each step's text, uncut, from
/// the piece it is scrolled to. Only the pieces that fit are wrapped, so a frame costs the same for a text of a
/// page or of megabytes.
struct TextPane {
    let screen: Screen

    func draw(_ view: TextView, in body: Rect, _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        grid.fill(body)
        let inner = grid.frame(body, title: s("textview.title", ["m": view.label]), focused: true, glyphs: screen.glyphs)
        guard inner.height >= 2, inner.width >= 1 else { return }
        let rows = inner.height - 1
        // A letter is recorded (s, Enter); a matter's texts say which piece is on top.
        let footer = view.letter == nil
            ? screen.footer(.view, separator: " · ") { $0 != "hint.record" } + " · " + s("textview.position", ["at": min(view.pieces.count, view.scroll + 1), "n": view.pieces.count])
            : screen.footer(.view, separator: " · ") { $0 != "hint.top" }
        grid.line(footer, in: inner.row(rows), style: .dim)
        var y = 0
        for piece in view.pieces.dropFirst(view.scroll) {
            guard y < rows else { break }
            switch piece {
            case .summary:
                grid.line(s("field.summary"), in: inner.row(y), style: .bold)
                y += 1
            case .event(let e):
                var what = p.event(e.action)
                if let doc = e.documentNumber { what += " " + doc }
                grid.line("\(e.on) \(e.actor) \(what)", in: inner.row(y), style: .bold)
                y += 1
            case .text(let text):
                for part in Wrap.lines(text, width: max(1, inner.width - 2)) {
                    guard y < rows else { break }
                    grid.line("  " + part, in: inner.row(y))
                    y += 1
                }
            }
        }
    }
}
