/// Display width in terminal cells: the one place that counts columns.
///
/// Policy: East Asian Wide and Fullwidth characters and emoji presentation take 2 cells
/// (pictographs with text presentation, such as 🌡 without VS16, take 1, as in glibc);
/// combining marks, zero-width and format characters 0; everything else 1 (East Asian
/// *ambiguous* characters count 1, which is why an ASCII frame mode exists).
public enum DisplayWidth {
    /// Cells taken by one grapheme cluster.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        return of(first)
    }

    /// Cells taken by one scalar.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }
        if isWide(v) || s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Cells taken by a string as it is drawn: `CellGrid.put` sanitizes, so the width is the
    /// sanitized text's (an escape sequence in untrusted text takes no cells, not its bytes').
    public static func of(_ text: String) -> Int {
        Sanitizer.line(text).reduce(0) { $0 + of($1) }
    }

    /// Cells taken by text that is already sanitized.
    private static func measure(_ clean: String) -> Int {
        clean.reduce(0) { $0 + of($1) }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// The longest prefix of the sanitized `text` that fits in `columns` cells (sanitized once,
    /// then measured and returned: what is measured is what is drawn). When `text` is cut and
    /// `ellipsis` is set, the last cell holds "…" so the reader knows.
    public static func fit(_ text: String, columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        let text = Sanitizer.line(text)
        if measure(text) <= columns { return text }
        let budget = ellipsis ? columns - 1 : columns
        var out = "", used = 0
        for c in text {
            let w = of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// `text` fitted to exactly `columns` cells: cut (with "…") or padded with spaces.
    public static func pad(_ text: String, columns: Int, alignRight: Bool = false) -> String {
        let fitted = fit(text, columns: columns)
        let gap = String(repeating: " ", count: max(0, columns - measure(fitted)))
        return alignRight ? gap + fitted : fitted + gap
    }
}
