import CNCurses
import Testing
import TerminalKit
@testable import CursesBackend

/// Bracketed paste, fed with what `wget_wch` decodes: a paste is text, never keys.
@Suite("Paste collection")
struct PasteCollectorTests {
    typealias Read = (status: Int32, code: UInt32)
    let markers = PasteMarkers.own

    /// The characters of `text` as `wget_wch` gives them (one scalar each).
    func chars(_ text: String) -> [Read] { text.unicodeScalars.map { (OK, $0.value) } }
    func key(_ code: Int32) -> Read { (KEY_CODE_YES, UInt32(bitPattern: code)) }
    var end: Read { key(markers.end) }
    var start: Read { key(markers.start) }

    /// Collects `reads` (what follows a start marker); `pauses` marks where the input pauses (an ERR comes).
    /// Returns the text, the timeouts each read was given, and how many reads were left unread.
    func collect(_ reads: [Read?], limit: Int = PasteCollector.defaultLimit) -> (text: String, timeouts: [Int32], left: Int, resized: Bool) {
        var queue = reads
        var timeouts: [Int32] = []
        let (text, resized) = CursesTerminal.readPaste(markers: markers, limit: limit) { timeout in
            timeouts.append(timeout)
            guard !queue.isEmpty, let next = queue.removeFirst() else { return (ERR, 0) }
            return next
        }
        return (text, timeouts, queue.count, resized)
    }

    @Test func printableTextIsKeptAndTheEndMarkerEndsIt() {
        let r = collect(chars("abc 中文 🙂 é") + [end, nil] + chars("q"))
        #expect(r.text == "abc 中文 🙂 é")
        // It stops at the pause after the end marker: what comes later is keys again.
        #expect(r.left == 1)
    }

    @Test func anEscapeAndTheKeysInAPasteAreOnlyText() {
        // "abc ESC n :quit CR q": the ESC goes, the rest is text; ncurses decoded an arrow (ESC[A) and F1 inside.
        let r = collect(chars("abc\u{1B}n:quit\rq") + [key(KEY_UP), key(cn_key_f(1)), key(KEY_BACKSPACE)] + chars("x") + [end])
        #expect(r.text == "abcn:quit\nqx")
    }

    @Test func lineBreaksBecomeLFAndTabsStay() {
        #expect(collect(chars("a\r\nb\rc\nd\te\r\r\nf") + [end]).text == "a\nb\nc\nd\te\n\nf")
    }

    @Test func everyOtherControlIsDropped() {
        let controls = (0..<0x20).filter { ![9, 10, 13].contains($0) } + Array(0x7F...0x9F)
        let r = collect(controls.map { (OK, UInt32($0)) } + chars("ok") + [(OK, 0xD800), (OK, 0x110000), end])
        #expect(r.text == "ok")
    }

    @Test func aNestedStartMarkerIsIgnored() {
        #expect(collect(chars("a") + [start] + chars("b") + [end]).text == "ab")
    }

    @Test func theSizeIsBoundedButTheRestIsReadToTheEnd() {
        let r = collect(chars("12345中6789") + [end] + chars("x"), limit: 8)
        #expect(r.text == "12345中")  // 5 + 3 bytes; what follows does not fit and is read and dropped
        var c = PasteCollector(markers: markers, limit: 8)
        for (s, code) in chars("12345中6789") { c.feed(status: s, code: code) }
        #expect(c.truncated && c.byteCount == 8)
    }

    @Test func aPasteWithoutItsEndMarkerEndsAtAPauseAsAPaste() {
        let r = collect(chars("ab\u{1B}[") + [nil] + chars("n"))
        #expect(r.text == "ab[")
        #expect(r.left == 1, "the key after the pause is not taken")
        #expect(r.timeouts.allSatisfy { $0 == CursesTerminal.pasteGapMilliseconds })
    }

    /// A pasted text holding the end marker ends the terminal's frame early (tmux 3.3 and xterm pass it through):
    /// what follows it at once is still the paste, up to the terminal's own end marker.
    @Test func anEndMarkerInsideThePasteDoesNotEndItEarly() {
        let r = collect(chars("abc") + [end] + chars("\u{1B}n:quit\rq") + [end, nil] + chars("j"))
        #expect(r.text == "abcn:quit\nq")
        #expect(r.left == 1)
        // After each end marker it waits only the short continuation window; inside, the longer gap.
        #expect(r.timeouts[4] == CursesTerminal.pasteContinuationMilliseconds)
        #expect(r.timeouts[5] == CursesTerminal.pasteGapMilliseconds)
        #expect(r.timeouts.last == CursesTerminal.pasteContinuationMilliseconds)
    }

    @Test func aResizeInsideAPasteIsReportedNotLost() {
        let r = collect(chars("a") + [key(KEY_RESIZE)] + chars("b") + [end])
        #expect(r.text == "ab" && r.resized)
    }

    @Test func theMarkersAreBoundAboveEveryKeyCode() {
        #expect(markers.start > KEY_MAX && markers.end > KEY_MAX && markers.start != markers.end)
        #expect(CursesTerminal.decode(status: KEY_CODE_YES, code: UInt32(markers.start), size: Size(width: 1, height: 1)) == nil)
        #expect(CursesTerminal.bracketedPasteOn == "\u{1B}[?2004h" && CursesTerminal.bracketedPasteOff == "\u{1B}[?2004l")
    }
}
