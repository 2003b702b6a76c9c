import Testing
@testable import TerminalKit

@Suite("DisplayWidth")
struct DisplayWidthTests {
    // MARK: - of(_:)

    @Test("widths of single characters", arguments: [
        ("a", 1), ("~", 1), (" ", 1),
        ("é", 1), ("ß", 1), ("Ж", 1),
        ("中", 2), ("龍", 2), ("𠀀", 2),  // Han, incl. Extension B
        ("〔", 2), ("〕", 2), ("，", 2), ("（", 2), ("：", 2), ("。", 2), ("「", 2),  // CJK / fullwidth punctuation
        ("Ａ", 2), ("０", 2), ("￥", 2), ("ｱ", 1),  // fullwidth forms; halfwidth katakana stays 1
        ("한", 2), ("あ", 2), ("ア", 2), ("ー", 2),
        ("🙂", 2), ("🚀", 2), ("✅", 2), ("⌚", 2),
        ("✓", 1), ("─", 1), ("…", 1), ("·", 1),  // ambiguous or neutral: 1 by policy
    ] as [(Character, Int)])
    func characterWidth(_ c: Character, _ expected: Int) {
        #expect(DisplayWidth.of(c) == expected)
    }

    @Test func emojiWithVariationSelector16IsWide() {
        #expect(DisplayWidth.of(Character("\u{2764}")) == 1)  // ❤ alone: text presentation
        #expect(DisplayWidth.of(Character("\u{2764}\u{FE0F}")) == 2)  // ❤️
        #expect(DisplayWidth.of("a\u{2764}\u{FE0F}b") == 4)
    }

    @Test func emojiModifierSequenceIsOneWideCluster() {
        #expect(DisplayWidth.of("👍🏽") == 2)
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("e\u{301}\u{323}") == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of("中\u{301}") == 2)
    }

    @Test func zeroWidthAndControlScalars() {
        for v: UInt32 in [0x200B, 0x200D, 0xFEFF, 0x2060, 0x0, 0x7, 0x1B, 0x7F, 0x85, 0x9B, 0x1160] {
            #expect(DisplayWidth.of(Unicode.Scalar(v)!) == 0, "U+\(String(v, radix: 16))")
        }
        // A stored string is measured as it is drawn: a hidden character as its marker.
        #expect(DisplayWidth.of("a\u{200B}b") == 10)
    }

    @Test func stringWidthsAddUp() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("中文abc") == 7)
        #expect(DisplayWidth.of("〔2025〕京01民初123号") == 21)
    }

    // MARK: - fit

    @Test func fitKeepsWhatFits() {
        #expect(DisplayWidth.fit("abc", columns: 3) == "abc")
        #expect(DisplayWidth.fit("中文", columns: 4) == "中文")
        #expect(DisplayWidth.fit("", columns: 5) == "")
    }

    @Test func fitCutsWithEllipsis() {
        #expect(DisplayWidth.fit("abcd", columns: 3) == "ab…")
        #expect(DisplayWidth.fit("中文字", columns: 5) == "中文…")
    }

    @Test func fitNeverSplitsAWideCharacter() {
        // 4 columns: "中" (2) + "…" (1) = 3; a half "文" must not appear.
        #expect(DisplayWidth.fit("中文字", columns: 4) == "中…")
        #expect(DisplayWidth.fit("中文字", columns: 3, ellipsis: false) == "中")
        #expect(DisplayWidth.fit("a中", columns: 2, ellipsis: false) == "a")
    }

    @Test func fitAtColumnsZeroAndOne() {
        #expect(DisplayWidth.fit("abc", columns: 0) == "")
        #expect(DisplayWidth.fit("abc", columns: -4) == "")
        #expect(DisplayWidth.fit("abc", columns: 1) == "…")
        #expect(DisplayWidth.fit("中", columns: 1) == "…")
        #expect(DisplayWidth.fit("中", columns: 1, ellipsis: false) == "")
        #expect(DisplayWidth.fit("a", columns: 1) == "a")
    }

    @Test func fitKeepsCombiningMarksWithTheirBase() {
        #expect(DisplayWidth.fit("e\u{301}e\u{301}e\u{301}", columns: 2) == "e\u{301}…")
    }

    @Test("fit and pad never exceed the budget", arguments: 0...12)
    func fitAndPadBudget(_ columns: Int) {
        let samples = ["", "a", "abcdefghijklmnop", "中文中文中文中文", "a中b文c字", "🙂🙂x🙂", "e\u{301}中e\u{301}", "〔2025〕京01"]
        for s in samples {
            #expect(DisplayWidth.of(DisplayWidth.fit(s, columns: columns)) <= columns, "\(s)")
            #expect(DisplayWidth.of(DisplayWidth.fit(s, columns: columns, ellipsis: false)) <= columns, "\(s)")
            #expect(DisplayWidth.of(DisplayWidth.pad(s, columns: columns)) == columns, "\(s)")
            #expect(DisplayWidth.of(DisplayWidth.pad(s, columns: columns, alignRight: true)) == columns, "\(s)")
        }
    }

    // MARK: - pad

    @Test func padFillsWithSpaces() {
        #expect(DisplayWidth.pad("中", columns: 3) == "中 ")
        #expect(DisplayWidth.pad("中", columns: 3, alignRight: true) == " 中")
        #expect(DisplayWidth.pad("ab", columns: 2) == "ab")
        #expect(DisplayWidth.pad("", columns: 2) == "  ")
    }

    @Test func padCutsAndFillsTheGapLeftByAWideCharacter() {
        #expect(DisplayWidth.pad("中文字", columns: 4) == "中… ")
        #expect(DisplayWidth.pad("abc", columns: 0) == "")
    }

    @Test func untrustedTextIsMeasuredAsItIsDrawn() {
        // Hidden characters are drawn as markers (`Sanitizer.shown`), and measured so.
        let raw = "红色\u{1B}[0m标题\u{9B}\u{202E}🙂"
        let shown = "红色<U+001B>[0m标题<U+009B><U+202E>🙂"
        #expect(DisplayWidth.of(raw) == 8 + 11 + 8 + 8 + 2)
        #expect(DisplayWidth.pad(raw, columns: 40) == shown + "   ")
        #expect(DisplayWidth.fit(raw, columns: 7) == "红色<U…")
        var grid = CellGrid(size: Size(width: 50, height: 1))
        let end = grid.put(DisplayWidth.pad(raw, columns: 40) + "|", at: Point(x: 0, y: 0))
        #expect(end == 41)
        #expect(grid.lines == [shown + "   |" + String(repeating: " ", count: 9)])
    }

    /// A text of megabytes is measured only as far as the columns reach: the same result, cut, with its mark.
    @Test func aHugeTextIsFittedFromItsStart() {
        let huge = String(repeating: "长文", count: 500_000)
        #expect(DisplayWidth.fit(huge, columns: 9) == "长文长文…")
    }
}

/// The plain scalars (`Sanitizer.isPlain`) take the short ways through `shown`, `DisplayWidth` and `CellGrid.put`:
/// every one of them, checked against what the general way says of it.
@Suite struct PlainScalarTests {
    static let plain: [Unicode.Scalar] = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }.filter(Sanitizer.isPlain)

    @Test func thereAreThePrintableASCIIAndTheCJKOnes() {
        #expect(Self.plain.count > 27_000)
        #expect(Sanitizer.isPlain("a") && Sanitizer.isPlain("文") && Sanitizer.isPlain("，") && Sanitizer.isPlain("。"))
        for s: Unicode.Scalar in ["\u{1B}", "\u{7F}", "\u{202E}", "\u{200B}", "\u{302A}", "\u{0301}", "\u{E000}", "\u{FE0F}", "é"] {
            #expect(!Sanitizer.isPlain(s), "U+\(String(s.value, radix: 16))")
        }
    }

    @Test func eachIsShownAsItIsAlone() {
        for s in Self.plain {
            let p = s.properties
            #expect(!(p.generalCategory == .format || p.isDefaultIgnorableCodePoint || p.isNoncharacterCodePoint),
                    "U+\(String(s.value, radix: 16)) would be marked")
            // It is its own character: nothing it follows or precedes joins it.
            #expect("a\(s)a".count == 3 && "\(s)\(s)".count == 2, "U+\(String(s.value, radix: 16)) joins")
        }
    }

    @Test func eachIsAsWideAsTheGeneralWaySays() {
        for s in Self.plain {
            let w = s.value < 0x7F ? 1 : 2
            #expect(DisplayWidth.generalWidth(s) == w, "U+\(String(s.value, radix: 16))")
            #expect(DisplayWidth.of(Character(s)) == w && DisplayWidth.of(s) == w, "U+\(String(s.value, radix: 16))")
        }
    }

    /// The narrow scalars measured a scalar at a time (`DisplayWidth.isNarrowAlone`): each shown as it is, its own
    /// character beside anything plain, one cell as the general way says; a text of them measures as before.
    @Test func eachNarrowAloneScalarIsOneCellOnItsOwn() {
        let narrow = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }.filter(DisplayWidth.isNarrowAlone)
        #expect(narrow.count > 800)
        for s in narrow {
            let hex = "U+\(String(s.value, radix: 16))"
            #expect(!Sanitizer.isPlain(s), "\(hex) is plain")
            #expect(Sanitizer.shown("\(s)") == "\(s)", "\(hex) would be marked")
            #expect("a\(s)a".count == 3 && "\(s)\(s)".count == 2 && "文\(s)".count == 2, "\(hex) joins")
            #expect(DisplayWidth.generalWidth(s) == 1 && DisplayWidth.of(Character(s)) == 1, "\(hex)")
        }
        for text in [" 汾河 │ 王建国 │ 2025-09-29 周一", "“引号”—破折号…省略 · 中点 → 箭头", "Ré­sumé ½ ±"] {
            #expect(DisplayWidth.of(text) == Sanitizer.shown(text).reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
        }
        // A mark after a narrow scalar joins it: the text is measured by its characters.
        #expect(DisplayWidth.of("é\u{301}x") == 2 && DisplayWidth.aloneWidth("é\u{301}x") == nil)
        #expect(!DisplayWidth.isNarrowAlone("\u{A0}") && !DisplayWidth.isNarrowAlone("\u{AD}") && !DisplayWidth.isNarrowAlone("\u{300}"))
    }

    @Test func aMixedTextIsMeasuredAndDrawnAsBefore() {
        // A plain text and the same with one scalar that is not plain: the short way and the general way agree.
        for text in ["关于汾河排污口整治的检察建议（2025）", "文检行建〔2025〕12号", "plain ASCII ~!@#", "混合 text，。"] {
            #expect(Sanitizer.shown(text) == text)
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
            let hostile = text + "\u{202E}"
            #expect(Sanitizer.shown(hostile) == text + "<U+202E>")
            #expect(DisplayWidth.of(hostile) == DisplayWidth.of(text) + 8)
            // Drawn: the same cells as the general way draws, which a marker past the row's end forces.
            var a = CellGrid(size: Size(width: 40, height: 1)), b = CellGrid(size: Size(width: 40, height: 1))
            a.put(text, at: Point(x: 1, y: 0))
            b.put(text + String(repeating: " ", count: 40) + "\u{202E}", at: Point(x: 1, y: 0))
            #expect(a.text == b.text, "\(text)")
            #expect(a.text.hasPrefix(" " + text))
        }
    }
}
