import OversightDomain
import OversightWorkbench
import TerminalKit

extension Screen {
    /// "A、B、C 等 5 件": as many of `names` as fit in `columns` cells (each name cut to a share of them), then how
    /// many more. Untrusted text is made safe first.
    func listing(_ names: [String], columns: Int) -> String {
        let sep = strings("list.separator")
        let each = max(8, columns / 3)
        var shown: [String] = []
        for (i, raw) in names.enumerated() {
            let name = DisplayWidth.fit(Sanitizer.shown(raw), columns: each, mark: glyphs.ellipsis)
            let rest = names.count - i - 1
            let more = rest > 0 ? " " + strings("batch.more", ["n": rest]) : ""
            let candidate = (shown + [name]).joined(separator: sep)
            if DisplayWidth.of(candidate + more) > columns {
                return shown.joined(separator: sep) + " " + strings("batch.more", ["n": names.count - shown.count])
            }
            shown.append(name)
        }
        return shown.joined(separator: sep)
    }

    /// The hint line after a batch: how many were done, then each refused one with why.
    func text(ofBatch o: BatchOutcome) -> String {
        var text = strings("batch.done", ["action": presenter.step(o.action), "n": o.done.count])
        if !o.refused.isEmpty {
            let list = o.refused.map { r in
                (r.label.isEmpty ? strings("message.matter-id", ["id": r.id]) : Sanitizer.shown(r.label))
                    + strings("batch.because", ["reason": presenter.reason(r.refusal)])
            }.joined(separator: strings("list.separator"))
            text += strings("batch.refused", ["n": o.refused.count, "list": list])
        }
        return text
    }
}
