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
        let inner = grid.frame(body, title: view.titleKey.map { s($0) } ?? s("textview.title", ["m": view.label]), focused: true, glyphs: screen.glyphs)
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
            case .rule(let rule):
                for (i, text) in screen.lines(of: rule).enumerated() {
                    for part in Wrap.lines(text, width: max(1, inner.width - (i == 0 ? 0 : 2))) {
                        guard y < rows else { break }
                        grid.line(i == 0 ? part : "  " + part, in: inner.row(y), style: i == 0 ? .bold : .plain)
                        y += 1
                    }
                }
            }
        }
    }
}

extension Screen {
    /// A county rule as `:rules` shows it: its name and code, then its value, nature, since when and version, its
    /// source, and the value waiting for agreement (as `oversight rules list` words them).
    func lines(of rule: RuleView) -> [String] {
        let s = strings
        let key = rule.key.rawValue
        let period = { (p: Period) in s.language == .zh ? p.chinese : p.english }
        let since = rule.since.map { s("cli.rules.since", ["since": $0, "version": rule.version]) } ?? s("rules.version", ["version": rule.version])
        var lines = [s("rules.name", ["name": s("rule.\(key)"), "key": key]),
                     [period(rule.value), s("cli.rules.nature.\(rule.nature.rawValue)"), since].joined(separator: " · "),
                     s("rules.source", ["source": rule.source])]
        if let p = rule.proposal {
            lines.append(s("rules.waiting", ["value": period(p.value), "org": p.org, "on": p.on, "source": p.source]))
        }
        return lines
    }
}
