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
}
