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
        // Printable ASCII and Chinese, most of what is drawn: known without a look-up of Unicode properties.
        if Sanitizer.isPlain(s) { return s.value < 0x7F ? 1 : 2 }
        return generalWidth(s)
    }

    /// A scalar's width by its Unicode properties (what `of` says of any scalar but a plain one, whose width
    /// `PlainScalarTests` checks against this).
    static func generalWidth(_ s: Unicode.Scalar) -> Int {
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
        if let width = plainWidth(text) { return width }
        return measure(Sanitizer.shown(text))
    }

    /// Cells taken by text that is already sanitized.
    private static func measure(_ clean: String) -> Int {
        if let width = aloneWidth(clean) { return width }
        return clean.reduce(0) { $0 + of($1) }
    }

    /// The width of a text whose every scalar stands alone (`Sanitizer.isPlain`, or `isNarrowAlone`), counted a scalar
    /// at a time without breaking the text into characters (which costs more than the rest of a measure); nil for
    /// any other text.
    public static func aloneWidth(_ text: String) -> Int? {
        var width = 0
        for s in text.unicodeScalars {
            if Sanitizer.isPlain(s) {
                width += s.value < 0x7F ? 1 : 2
            } else if isNarrowAlone(s) {
                width += 1
            } else {
                return nil
            }
        }
        return width
    }

    /// The width of a scalar that stands alone (plain or narrow alone), known without its properties; nil for others.
    @inline(__always)
    public static func alone(_ s: Unicode.Scalar) -> Int? {
        if Sanitizer.isPlain(s) { return s.value < 0x7F ? 1 : 2 }
        return isNarrowAlone(s) ? 1 : nil
    }

    /// A scalar one cell wide that is its own character whatever its neighbours are (no mark, joiner or selector),
    /// shown as it is: the Latin letters and signs (but the no-break space and the soft hyphen), the general
    /// punctuation's dashes, quotes, bullets and ellipsis, arrows, box drawing and blocks — the frames' and title
    /// line's separators among them. (`PlainScalarTests` checks each against the general way.)
    @inline(__always)
    static func isNarrowAlone(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0xA1...0xAC).contains(v) || (0xAE...0x2FF).contains(v) || (0x2010...0x2027).contains(v)
            || (0x2030...0x205E).contains(v) || (0x2190...0x21FF).contains(v) || (0x2500...0x259F).contains(v)
    }

    /// The width of a text made only of plain scalars (`Sanitizer.isPlain`: each its own character, shown as it is),
    /// counted a scalar at a time (ASCII one cell, the rest two) without breaking it into characters; nil for any
    /// other text.
    public static func plainWidth(_ text: String) -> Int? {
        var width = 0
        for s in text.unicodeScalars {
            guard Sanitizer.isPlain(s) else { return nil }
            width += s.value < 0x7F ? 1 : 2
        }
        return width
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

    /// Whether `s` is East Asian Width "A" (ambiguous: one cell in Western terminals, two in
    /// many CJK ones), from Unicode's EastAsianWidth.txt (14.0; private use, variation
    /// selectors and combining marks left out: they never stand alone on screen).
    public static func isAmbiguous(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        guard v >= 0xA1 else { return false }
        var lo = 0, hi = ambiguousRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = ambiguousRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    private static let ambiguousRanges: [ClosedRange<UInt32>] = [
        0x00A1...0x00A1, 0x00A4...0x00A4, 0x00A7...0x00A8, 0x00AA...0x00AA, 0x00AD...0x00AE,
        0x00B0...0x00B4, 0x00B6...0x00BA, 0x00BC...0x00BF, 0x00C6...0x00C6, 0x00D0...0x00D0,
        0x00D7...0x00D8, 0x00DE...0x00E1, 0x00E6...0x00E6, 0x00E8...0x00EA, 0x00EC...0x00ED,
        0x00F0...0x00F0, 0x00F2...0x00F3, 0x00F7...0x00FA, 0x00FC...0x00FC, 0x00FE...0x00FE,
        0x0101...0x0101, 0x0111...0x0111, 0x0113...0x0113, 0x011B...0x011B, 0x0126...0x0127,
        0x012B...0x012B, 0x0131...0x0133, 0x0138...0x0138, 0x013F...0x0142, 0x0144...0x0144,
        0x0148...0x014B, 0x014D...0x014D, 0x0152...0x0153, 0x0166...0x0167, 0x016B...0x016B,
        0x01CE...0x01CE, 0x01D0...0x01D0, 0x01D2...0x01D2, 0x01D4...0x01D4, 0x01D6...0x01D6,
        0x01D8...0x01D8, 0x01DA...0x01DA, 0x01DC...0x01DC, 0x0251...0x0251, 0x0261...0x0261,
        0x02C4...0x02C4, 0x02C7...0x02C7, 0x02C9...0x02CB, 0x02CD...0x02CD, 0x02D0...0x02D0,
        0x02D8...0x02DB, 0x02DD...0x02DD, 0x02DF...0x02DF, 0x0391...0x03A1, 0x03A3...0x03A9,
        0x03B1...0x03C1, 0x03C3...0x03C9, 0x0401...0x0401, 0x0410...0x044F, 0x0451...0x0451,
        0x2010...0x2010, 0x2013...0x2016, 0x2018...0x2019, 0x201C...0x201D, 0x2020...0x2022,
        0x2024...0x2027, 0x2030...0x2030, 0x2032...0x2033, 0x2035...0x2035, 0x203B...0x203B,
        0x203E...0x203E, 0x2074...0x2074, 0x207F...0x207F, 0x2081...0x2084, 0x20AC...0x20AC,
        0x2103...0x2103, 0x2105...0x2105, 0x2109...0x2109, 0x2113...0x2113, 0x2116...0x2116,
        0x2121...0x2122, 0x2126...0x2126, 0x212B...0x212B, 0x2153...0x2154, 0x215B...0x215E,
        0x2160...0x216B, 0x2170...0x2179, 0x2189...0x2189, 0x2190...0x2199, 0x21B8...0x21B9,
        0x21D2...0x21D2, 0x21D4...0x21D4, 0x21E7...0x21E7, 0x2200...0x2200, 0x2202...0x2203,
        0x2207...0x2208, 0x220B...0x220B, 0x220F...0x220F, 0x2211...0x2211, 0x2215...0x2215,
        0x221A...0x221A, 0x221D...0x2220, 0x2223...0x2223, 0x2225...0x2225, 0x2227...0x222C,
        0x222E...0x222E, 0x2234...0x2237, 0x223C...0x223D, 0x2248...0x2248, 0x224C...0x224C,
        0x2252...0x2252, 0x2260...0x2261, 0x2264...0x2267, 0x226A...0x226B, 0x226E...0x226F,
        0x2282...0x2283, 0x2286...0x2287, 0x2295...0x2295, 0x2299...0x2299, 0x22A5...0x22A5,
        0x22BF...0x22BF, 0x2312...0x2312, 0x2460...0x24E9, 0x24EB...0x254B, 0x2550...0x2573,
        0x2580...0x258F, 0x2592...0x2595, 0x25A0...0x25A1, 0x25A3...0x25A9, 0x25B2...0x25B3,
        0x25B6...0x25B7, 0x25BC...0x25BD, 0x25C0...0x25C1, 0x25C6...0x25C8, 0x25CB...0x25CB,
        0x25CE...0x25D1, 0x25E2...0x25E5, 0x25EF...0x25EF, 0x2605...0x2606, 0x2609...0x2609,
        0x260E...0x260F, 0x261C...0x261C, 0x261E...0x261E, 0x2640...0x2640, 0x2642...0x2642,
        0x2660...0x2661, 0x2663...0x2665, 0x2667...0x266A, 0x266C...0x266D, 0x266F...0x266F,
        0x269E...0x269F, 0x26BF...0x26BF, 0x26C6...0x26CD, 0x26CF...0x26D3, 0x26D5...0x26E1,
        0x26E3...0x26E3, 0x26E8...0x26E9, 0x26EB...0x26F1, 0x26F4...0x26F4, 0x26F6...0x26F9,
        0x26FB...0x26FC, 0x26FE...0x26FF, 0x273D...0x273D, 0x2776...0x277F, 0x2B56...0x2B59,
        0x3248...0x324F, 0xFFFD...0xFFFD, 0x1F100...0x1F10A, 0x1F110...0x1F12D, 0x1F130...0x1F169,
        0x1F170...0x1F18D, 0x1F18F...0x1F190, 0x1F19B...0x1F1AC,
    ]

    /// The longest prefix of the sanitized `text` that fits in `columns` cells (sanitized once,
    /// then measured and returned: what is measured is what is drawn). When `text` is cut and
    /// `ellipsis` is set, the last cells hold `mark` ("…", or "..." where ambiguous-width
    /// characters must not appear) so the reader knows.
    /// `words`: cut only between words (at a space, or next to a wide character), so an
    /// English word is never split; a first word too long for `columns` is still cut.
    public static func fit(_ text: String, columns: Int, ellipsis: Bool = true, mark: String = "…", words: Bool = false) -> String {
        guard columns > 0 else { return "" }
        // Only what `columns` cells can show is sanitized and measured, so a text of megabytes costs no more.
        let (head, cut) = Sanitizer.prefix(text, scalars: columns * 8 + 64)
        let text = Sanitizer.shown(head)
        if !cut, measure(text) <= columns { return text }
        let markWidth = ellipsis ? measure(mark) : 0
        if markWidth > columns { return String(mark.prefix(columns)) }
        let budget = columns - markWidth
        var out: [Character] = [], used = 0, next: Character?
        for c in text {
            let w = of(c)
            if used + w > budget { next = c; break }
            out.append(c)
            used += w
        }
        if words, let next, isWordPart(next), let last = out.last, isWordPart(last),
           let i = out.lastIndex(where: { !isWordPart($0) }) {
            out = Array(out[...i])
        }
        // Whole words dropped at a space are dropped without a mark (a mark after a whole
        // word reads as a word cut short); a cut next to a wide character keeps it.
        let atSpace = words && (next == " " || out.last == " ")
        while out.last == " " { out.removeLast() }
        return String(out) + (ellipsis && !(atSpace && !out.isEmpty) ? mark : "")
    }

    /// A narrow, non-space character: part of a word that must not be split.
    private static func isWordPart(_ c: Character) -> Bool { c != " " && of(c) == 1 }

    /// `text` fitted to exactly `columns` cells: cut (with "…") or padded with spaces.
    public static func pad(_ text: String, columns: Int, alignRight: Bool = false, mark: String = "…") -> String {
        let fitted = fit(text, columns: columns, mark: mark)
        let gap = String(repeating: " ", count: max(0, columns - measure(fitted)))
        return alignRight ? gap + fitted : fitted + gap
    }
}
