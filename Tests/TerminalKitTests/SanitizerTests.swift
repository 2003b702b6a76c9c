import Testing
import TerminalKit

@Suite("Sanitizer")
struct SanitizerTests {
    /// No scalar that a terminal could act on survives.
    private func isInert(_ s: String) -> Bool {
        !s.unicodeScalars.contains { v in
            v.value < 0x20 || (0x7F...0x9F).contains(v.value) || (0x202A...0x202E).contains(v.value)
                || (0x2066...0x2069).contains(v.value)
        }
    }

    @Test func plainAndChineseTextIsUnchanged() {
        for s in ["hello", "当事人：张三（原告）", "〔2025〕京01民初123号", "e\u{301}", "🙂 ✓"] {
            #expect(Sanitizer.line(s) == s)
        }
    }

    @Test func escapeSequencesAreRemovedWhole() {
        // ESC sequences go entirely (CSI to its final byte, OSC to BEL or ST); a C1 CSI goes
        // alone and leaves its parameters as inert text.
        let s = Sanitizer.line("a\u{1B}[31mred\u{1B}[0m\u{1B}]0;title\u{07}\u{9B}2J")
        #expect(isInert(s))
        #expect(s == "ared2J")
        #expect(Sanitizer.line("x\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "xlinky")
        #expect(Sanitizer.line("x\u{1B}(By\u{1B}7z") == "xyz")
        #expect(Sanitizer.line("x\u{1B}[?1049h\u{1B}[2Jy") == "xy")
        // An unfinished sequence at the end swallows only itself.
        #expect(Sanitizer.line("ok\u{1B}[12") == "ok")
    }

    @Test func c0C1AndDeleteAreDropped() {
        #expect(Sanitizer.line("a\u{0}b\u{7}c\u{8}d\u{7F}e\u{85}f\u{9F}g") == "abcdefg")
    }

    @Test func tabsAndLineBreaksBecomeSpaces() {
        #expect(Sanitizer.line("a\tb\nc\rd") == "a b c d")
        #expect(Sanitizer.line("a\r\nb") == "a  b")
    }

    @Test func bidiControlsAreDropped() {
        // U+202E would show "txt.exe" as "exe.txt".
        #expect(Sanitizer.line("invoice\u{202E}txt.exe") == "invoicetxt.exe")
        #expect(Sanitizer.line("\u{202A}a\u{202B}b\u{202C}c\u{202D}d") == "abcd")
        #expect(Sanitizer.line("\u{2066}a\u{2067}b\u{2068}c\u{2069}") == "abc")
        #expect(Sanitizer.line("a\u{200E}b\u{200F}c\u{061C}") == "abc")
    }

    @Test func invisibleCharactersAreDropped() {
        #expect(Sanitizer.line("a\u{200B}b\u{200C}c\u{2060}d\u{FEFF}e\u{00AD}f") == "abcdef")
    }

    @Test func zeroWidthJoinerIsDroppedSoSequencesFallApart() {
        // Deliberate: terminals disagree on ZWJ sequences, so the parts are shown separately.
        let family = Sanitizer.line("👨\u{200D}👩\u{200D}👧")
        #expect(family == "👨👩👧")
        #expect(DisplayWidth.of(family) == 6)
    }

    @Test func privateUseBecomesReplacementCharacter() {
        #expect(Sanitizer.line("a\u{E000}b\u{F8FF}c\u{F0000}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    }

    @Test func linesSplitsAndSanitizesEachLine() {
        #expect(Sanitizer.lines("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(Sanitizer.lines("一\n\n二\n") == ["一", "", "二", ""])
        #expect(Sanitizer.lines("") == [""])
        #expect(Sanitizer.lines("x\u{1B}[1m\ty\n\u{202E}z") == ["x y", "z"])
    }

    @Test func everyScalarOfAHostileStringIsInert() {
        var hostile = ""
        for v in Array(0x00...0x9F) + [0x202A, 0x202E, 0x2066, 0x2069, 0x200B, 0xFEFF] {
            hostile.unicodeScalars.append(Unicode.Scalar(UInt32(v))!)
        }
        #expect(isInert(Sanitizer.line(hostile)))
        for line in Sanitizer.lines(hostile) { #expect(isInert(line)) }
    }

    // MARK: - shown: stored text on its way out, hidden characters made visible

    @Test func shownKeepsPlainTextAndMarksWhatIsHidden() {
        for s in ["hello", "当事人：张三（原告）", "〔2025〕京01民初123号", "e\u{301}", "🙂 ✓", "❤\u{FE0F}", "葛\u{E0100}"] {
            #expect(Sanitizer.shown(s) == s)
        }
        // The lookalike of issue 17: 9<ZWSP>9号 no longer looks like 99号.
        #expect(Sanitizer.shown("文检行建〔2025〕\u{FEFF}9\u{200B}9号") == "文检行建〔2025〕<U+FEFF>9<U+200B>9号")
        #expect(Sanitizer.shown("invoice\u{202E}txt.exe") == "invoice<U+202E>txt.exe")
        #expect(Sanitizer.shown("\u{202A}a\u{202B}b\u{202C}c\u{202D}d\u{2066}e\u{2067}f\u{2068}g\u{2069}")
                == "<U+202A>a<U+202B>b<U+202C>c<U+202D>d<U+2066>e<U+2067>f<U+2068>g<U+2069>")
        #expect(Sanitizer.shown("a\u{200E}b\u{200F}c\u{061C}") == "a<U+200E>b<U+200F>c<U+061C>")
        #expect(Sanitizer.shown("a\u{200B}b\u{200C}c\u{2060}d\u{FEFF}e\u{00AD}f") == "a<U+200B>b<U+200C>c<U+2060>d<U+FEFF>e<U+00AD>f")
        // A lone variation selector (a title that showed blank), a selector on a space, a joiner outside emoji.
        #expect(Sanitizer.shown("\u{FE0F}") == "<U+FE0F>")
        #expect(Sanitizer.shown("a \u{FE0F}") == "a <U+FE0F>")
        #expect(Sanitizer.shown("a\u{200D}b") == "a<U+200D>b")
        #expect(Sanitizer.shown("\u{3164}\u{034F}\u{E0041}\u{FFFE}") == "<U+3164><U+034F><U+E0041><U+FFFE>")
    }

    @Test func shownMarksEveryControlSoEscapesAreInertAndVisible() {
        #expect(Sanitizer.shown("a\u{0}b\u{7}c\u{8}d\u{7F}e\u{85}f\u{9F}g") == "a<U+0000>b<U+0007>c<U+0008>d<U+007F>e<U+0085>f<U+009F>g")
        #expect(Sanitizer.shown("a\u{1B}[31mred\u{1B}[0m") == "a<U+001B>[31mred<U+001B>[0m")
        #expect(Sanitizer.shown("x\u{1B}]8;;http://evil\u{1B}\\link") == "x<U+001B>]8;;http://evil<U+001B>\\link")
        #expect(Sanitizer.shown("x\u{1B}P1$r\u{1B}\\ \u{1B}_apc\u{9B}2J\u{9D}0;t\u{9C}")
                == "x<U+001B>P1$r<U+001B>\\ <U+001B>_apc<U+009B>2J<U+009D>0;t<U+009C>")
        #expect(Sanitizer.shown("a\tb\nc\rd\u{2028}e\u{2029}f") == "a b c d e f")
    }

    @Test func shownDropsOnlyTheJoinersTerminalsDisagreeOn() {
        #expect(Sanitizer.shown("👨\u{200D}👩\u{200D}👧") == "👨👩👧")
        #expect(Sanitizer.shown("\u{1F3F4}\u{E0067}\u{E0062}\u{E007F}") == "\u{1F3F4}")
        #expect(Sanitizer.shown("a\u{E000}b") == "a\u{FFFD}b")
    }

    @Test func nothingShownReachesTheTerminalRaw() {
        var hostile = ""
        for v in Array(0x00...0x9F) + [0x202A, 0x202E, 0x2066, 0x2069, 0x200B, 0xFEFF, 0xFE0F, 0x180E, 0xE0001] {
            hostile.unicodeScalars.append(Unicode.Scalar(UInt32(v))!)
        }
        let shown = Sanitizer.shown(hostile)
        #expect(isInert(shown))
        #expect(!shown.unicodeScalars.contains { $0.properties.generalCategory == .format })
        for line in Sanitizer.shownLines(hostile) { #expect(isInert(line)) }
        #expect(Sanitizer.shownLines("一\r\n二\u{200B}") == ["一", "二<U+200B>"])
    }

    @Test func prefixCutsWithoutCountingTheWhole() {
        #expect(Sanitizer.prefix("abc", scalars: 5) == ("abc", false))
        #expect(Sanitizer.prefix("中文字", scalars: 3) == ("中文字", false))
        #expect(Sanitizer.prefix("中文字", scalars: 2) == ("中文", true))
    }
}
