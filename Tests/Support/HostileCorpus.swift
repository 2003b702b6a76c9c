/// Hostile strings, as an attacker or a careless paste would bring them: escape sequences of every family, 8-bit
/// C1 controls, overwrite tricks, NUL and DEL, bidi and zero-width characters, lone variation selectors, combining
/// stacks, formula prefixes behind quotes and marks, astral characters and emoji, lookalikes, over-long texts and
/// invalid UTF-8. Each entry says what the text rule (`TextRule`) does with it in a one-line field (a title) and in
/// a long text (a note): stated here by hand, not computed, so the rule is checked against it.
public enum HostileCorpus {
    public enum Family: String, CaseIterable, Sendable {
        case csi = "CSI", osc = "OSC", dcs = "DCS", apcPmSos = "APC/PM/SOS", c1 = "8-bit C1", bareEscape = "bare ESC"
        case bell = "BEL", overwrite = "BS/CR overwrite", nul = "NUL", del = "DEL", bidi = "bidi"
        case zeroWidth = "zero-width/BOM", variationSelector = "lone variation selector", combining = "combining stack"
        case formula = "formula prefix", astral = "astral/emoji", lookalike = "full/half-width lookalike"
        case invisibleNumber = "lookalike number", length = "over-long", nothingVisible = "nothing visible"
    }

    /// What the rule does with a text in one kind of field.
    public enum Verdict: Hashable, Sendable {
        /// Stored as this value (NFC, line breaks to LF, trimmed).
        case kept(String)
        /// Refused: a NUL, C0/C1 control, DEL (or a line break or tab in a one-line field).
        case control(UInt32)
        /// Refused: an invisible format character (bidi, zero-width, BOM, a lone selector).
        case invisible(UInt32)
        /// Refused: nothing a person can see.
        case nothingVisible
        /// Refused: over the field's limit.
        case tooLong

        public var isKept: Bool { if case .kept = self { return true } else { return false } }
    }

    public struct Entry: Sendable, CustomStringConvertible {
        public var name: String
        public var family: Family
        public var text: String
        /// In a one-line field (title, number, names).
        public var line: Verdict
        /// In a long text (a note, a reply, a summary).
        public var long: Verdict

        public init(_ name: String, _ family: Family, _ text: String, line: Verdict, long: Verdict? = nil) {
            self.name = name
            self.family = family
            self.text = text
            self.line = line
            self.long = long ?? line
        }

        public var description: String { name }
    }

    /// The corpus. Refused texts keep a visible character around the hostile part, so it is the hostile part that
    /// is refused, not an empty title.
    public static let entries: [Entry] = [
        // Escape sequences of every family (7-bit, ESC-introduced).
        Entry("csi-sgr-red", .csi, "a\u{1B}[31mred", line: .control(0x1B)),
        Entry("csi-clear-screen", .csi, "清屏\u{1B}[2J\u{1B}[H", line: .control(0x1B)),
        Entry("csi-cursor-moves", .csi, "a\u{1B}[10;10Hb\u{1B}[3Ac\u{1B}[s\u{1B}[u", line: .control(0x1B)),
        Entry("osc-0-window-title", .osc, "x\u{1B}]0;pwned\u{07}y", line: .control(0x1B)),
        Entry("osc-52-clipboard", .osc, "x\u{1B}]52;c;cm0gLXJmIH4K\u{07}y", line: .control(0x1B)),
        Entry("osc-8-hyperlink", .osc, "x\u{1B}]8;;http://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\", line: .control(0x1B)),
        Entry("dcs-request", .dcs, "x\u{1B}P1$r\u{1B}\\", line: .control(0x1B)),
        Entry("apc", .apcPmSos, "x\u{1B}_payload\u{1B}\\", line: .control(0x1B)),
        Entry("pm", .apcPmSos, "x\u{1B}^pm\u{1B}\\", line: .control(0x1B)),
        Entry("sos", .apcPmSos, "x\u{1B}Xsos\u{1B}\\", line: .control(0x1B)),
        // 8-bit C1 controls.
        Entry("c1-csi", .c1, "文\u{9B}2J", line: .control(0x9B)),
        Entry("c1-osc", .c1, "文\u{9D}0;pwned\u{9C}", line: .control(0x9D)),
        Entry("c1-dcs", .c1, "文\u{90}q\u{9C}", line: .control(0x90)),
        Entry("c1-apc", .c1, "文\u{9F}apc", line: .control(0x9F)),
        Entry("bare-esc", .bareEscape, "a\u{1B}b", line: .control(0x1B)),
        Entry("bel", .bell, "ding\u{07}dong", line: .control(0x07)),
        // Overwrite tricks: a CR is a line break (refused on a line, LF in a long text); a backspace is a control.
        Entry("cr-overwrite", .overwrite, "abc\rxyz", line: .control(0x0A), long: .kept("abc\nxyz")),
        Entry("backspace-overwrite", .overwrite, "a\u{08}b", line: .control(0x08)),
        Entry("nul", .nul, "文检\u{0}号", line: .control(0x00)),
        Entry("del", .del, "ab\u{7F}c", line: .control(0x7F)),
        // Bidi controls.
        Entry("bidi-rlo", .bidi, "invoice\u{202E}txt.exe", line: .invisible(0x202E)),
        Entry("bidi-isolates", .bidi, "a\u{2066}b\u{2067}c\u{2068}d\u{2069}", line: .invisible(0x2066)),
        Entry("bidi-rlm", .bidi, "a\u{200F}b", line: .invisible(0x200F)),
        // Zero-width characters and the BOM.
        Entry("zwsp", .zeroWidth, "99\u{200B}号", line: .invisible(0x200B)),
        Entry("zwnj", .zeroWidth, "a\u{200C}b", line: .invisible(0x200C)),
        Entry("zwj-outside-emoji", .zeroWidth, "a\u{200D}b", line: .invisible(0x200D)),
        Entry("word-joiner", .zeroWidth, "a\u{2060}b", line: .invisible(0x2060)),
        Entry("bom-inside", .zeroWidth, "标\u{FEFF}题", line: .invisible(0xFEFF)),
        Entry("lone-vs16", .variationSelector, "\u{FE0F}", line: .invisible(0xFE0F)),
        Entry("vs16-on-space", .variationSelector, "标题 \u{FE0F}", line: .invisible(0xFE0F)),
        Entry("nothing-but-marks", .nothingVisible, "\u{301}\u{302}", line: .nothingVisible),
        // The lookalike document number: shows as 99号.
        Entry("lookalike-99", .invisibleNumber, "文检行建〔2025〕\u{FEFF}9\u{200B}9号", line: .invisible(0xFEFF)),
        // Combining stack: e and 30 marks above (all of class 230, so NFC keeps their order); NFC composes e + U+0301.
        Entry("combining-stack", .combining, "e" + combiningMarks,
              line: .kept("\u{E9}" + String(combiningMarks.unicodeScalars.dropFirst()))),
        // Formula prefixes alone and behind a quote, a mark, a space, a tab (spaces and tabs at the ends are trimmed).
        Entry("formula-eq", .formula, "=2+5", line: .kept("=2+5")),
        Entry("formula-plus", .formula, "+2+5", line: .kept("+2+5")),
        Entry("formula-minus", .formula, "-2+5", line: .kept("-2+5")),
        Entry("formula-at", .formula, "@SUM(A1:A9)", line: .kept("@SUM(A1:A9)")),
        Entry("formula-hyperlink", .formula, "=HYPERLINK(\"http://evil.example\",\"点我\")",
              line: .kept("=HYPERLINK(\"http://evil.example\",\"点我\")")),
        Entry("formula-behind-quote", .formula, "\"=2+5", line: .kept("\"=2+5")),
        Entry("quote-mark-comma-formula", .formula, "a\"\u{301},=2+5,b", line: .kept("a\"\u{301},=2+5,b")),
        Entry("formula-behind-mark", .formula, "\u{301}=2+5", line: .kept("\u{301}=2+5")),
        Entry("formula-behind-space", .formula, " =2+5", line: .kept("=2+5")),
        Entry("formula-behind-tab", .formula, "\t@SUM(A1)", line: .kept("@SUM(A1)")),
        Entry("formula-behind-inner-tab", .formula, "x\t=2+5", line: .control(0x09), long: .kept("x\t=2+5")),
        // Astral characters and emoji sequences.
        Entry("emoji", .astral, "😀 整改", line: .kept("😀 整改")),
        Entry("astral-han", .astral, "𠀀𪚥 字", line: .kept("𠀀𪚥 字")),
        Entry("flag", .astral, "🇨🇳 国旗", line: .kept("🇨🇳 国旗")),
        Entry("zwj-family", .astral, "👨\u{200D}👩\u{200D}👧\u{200D}👦 家庭", line: .kept("👨\u{200D}👩\u{200D}👧\u{200D}👦 家庭")),
        Entry("heart-vs16", .astral, "❤\u{FE0F} 整改", line: .kept("❤\u{FE0F} 整改")),
        // Full-width and half-width lookalikes: kept as they are (NFC, not NFKC).
        Entry("fullwidth", .lookalike, "ＡＢＣ１２３＝１＋１", line: .kept("ＡＢＣ１２３＝１＋１")),
        Entry("halfwidth-katakana", .lookalike, "ｱｲｳ ﾊﾝｶｸ", line: .kept("ｱｲｳ ﾊﾝｶｸ")),
        // Over-long: a 300-character title (a long text may), a 25,000-character text (nothing may).
        Entry("title-300", .length, String(repeating: "长", count: 300), line: .tooLong,
              long: .kept(String(repeating: "长", count: 300))),
        Entry("text-25000", .length, String(repeating: "文", count: 25_000), line: .tooLong),
    ]

    /// Thirty combining marks above: U+0301 … U+0314 and U+0363 … U+036C.
    public static let combiningMarks = String(String.UnicodeScalarView(
        (Array(0x301...0x314) + Array(0x363...0x36C)).map { Unicode.Scalar(UInt32($0))! }))

    public static func entry(_ name: String) -> Entry { entries.first { $0.name == name }! }

    /// What the rule refuses in a one-line field.
    public static var refusedOnALine: [Entry] { entries.filter { !$0.line.isKept } }
    /// What the rule keeps in a one-line field.
    public static var keptOnALine: [Entry] { entries.filter { $0.line.isKept } }

    /// Invalid UTF-8, as raw bytes for the ways in that take bytes (files, arguments): a lone continuation byte, a
    /// truncated sequence, an overlong NUL, a UTF-16 surrogate, 0xFF.
    public static let invalidUTF8: [(name: String, bytes: [UInt8])] = [
        ("lone-continuation", Array("关于".utf8) + [0x80] + Array("整改".utf8)),
        ("truncated", Array("关于".utf8) + [0xE6, 0x95] + Array("整改".utf8)),
        ("overlong-nul", Array("关于".utf8) + [0xC0, 0x80] + Array("整改".utf8)),
        ("surrogate", Array("关于".utf8) + [0xED, 0xA0, 0x80] + Array("整改".utf8)),
        ("ff", Array("关于".utf8) + [0xFF] + Array("整改".utf8)),
    ]

    /// Scalars that must never leave the program raw: C0 controls but LF, CR and tab, DEL, C1, bidi controls,
    /// zero-width characters but the joiner (it belongs inside emoji sequences), the BOM (a file's leading BOM is
    /// checked separately).
    public static func isForbiddenRaw(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x0D, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B, 0x200C, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x061C: return true
        default: return false
        }
    }
}
