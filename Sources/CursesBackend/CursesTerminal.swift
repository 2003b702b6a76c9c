import CNCurses
import Glibc
import TerminalKit

/// The real terminal, through ncursesw.
///
/// - Important: use it from one thread only (the one that opened it); ncurses is not
///   thread-safe. It installs no signal handlers: ncurses owns SIGWINCH and reports it as a
///   resize; hang-up shows as `.hangup` from `nextEvent`.
public final class CursesTerminal: TerminalBackend {
    /// False when no UTF-8 locale was available: the caller should draw with `Glyphs.ascii`,
    /// and every non-ASCII character drawn is shown as "?" ("??" when wide).
    public let isUTF8: Bool
    /// Whether cells are drawn in colour (the terminal has colours and NO_COLOR is not set).
    public let usesColor: Bool

    private var screen: OpaquePointer?
    private var previous: CellGrid?
    private var needsFullRedraw = true
    private var drawnScreenSize: Size?
    private var lastSize: Size
    private var colorPairs: ColorPairs
    /// Consecutive `wget_wch` errors that came back long before their timeout.
    private var instantErrors = 0

    /// The codes the paste markers come as (the terminal description's own, where it defines them).
    private var pasteMarkers = PasteMarkers.own
    /// A resize that came in the middle of a paste, reported after it.
    private var pendingResize = false

    /// After this many instant errors in a row the terminal is taken as gone.
    static let runawayErrorLimit = 50

    // MARK: - Opening and closing

    /// Takes over the terminal: locale, `newterm`, raw-ish input, colours.
    ///
    /// Call it once, before any other thread exists that might call `setlocale`.
    /// - Parameter asciiOnly: draw ASCII only even in a UTF-8 locale (`isUTF8` is then false).
    /// - Throws: `CursesError.notATerminal` when standard input or output is not a terminal;
    ///   `CursesError.unknownTerminal` when ncurses does not know `$TERM`;
    ///   `CursesError.cannotAddressCursor` when it cannot position the cursor (TERM=dumb).
    ///   The terminal is given back in every case.
    public static func open(asciiOnly: Bool = false) throws -> CursesTerminal {
        try checkTerminal(input: STDIN_FILENO, output: STDOUT_FILENO)
        let utf8 = selectLocale() && !asciiOnly
        guard let screen = newterm(nil, cn_stdout(), cn_stdin()) else {
            throw CursesError.unknownTerminal(getenv("TERM").map { String(cString: $0) })
        }
        guard cn_can_address_cursor() != 0 else {
            // Nothing could be drawn but the last line: say why instead of a blank screen.
            endwin()
            delscreen(screen)
            throw CursesError.cannotAddressCursor(getenv("TERM").map { String(cString: $0) })
        }
        return CursesTerminal(screen: screen, isUTF8: utf8)
    }

    private init(screen: OpaquePointer, isUTF8: Bool) {
        self.screen = screen
        self.isUTF8 = isUTF8
        let win = cn_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(win, true)
        intrflush(win, false)
        set_escdelay(Self.escapeDelay(fromEnvironment: getenv("ESCDELAY").map { String(cString: $0) }))
        curs_set(1)
        Self.defineFallbackKeys()
        pasteMarkers = Self.definePasteMarkers()
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        var defaultColors = false
        if has_colors(), !noColor, start_color() == OK {
            defaultColors = use_default_colors() == OK
            usesColor = true
        } else {
            usesColor = false
        }
        colorPairs = ColorPairs(
            defaultColors: defaultColors,
            limit: usesColor ? Int(cn_color_pairs()) : 0,
            colors: usesColor ? Int(cn_colors()) : 0
        )
        lastSize = Size(width: Int(cn_cols()), height: Int(cn_lines()))
        // Bracketed paste: the terminal frames pasted text with ESC[200~ … ESC[201~, so a paste is text, never keys.
        Self.writeToTerminal(Self.bracketedPasteOn)
    }

    /// Gives the terminal back (endwin) and frees ncurses' screen. Idempotent; call it on
    /// every exit path.
    public func close() {
        guard let s = screen else { return }
        screen = nil
        // Before endwin: the shell after us must not get its pastes framed (it would show `200~`).
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        delscreen(s)
    }

    deinit { close() }

    /// The current terminal size (COLS × LINES); the last known one after `close`.
    public var size: Size {
        if screen != nil { lastSize = Size(width: Int(cn_cols()), height: Int(cn_lines())) }
        return lastSize
    }

    // MARK: - Drawing

    /// Shows `grid`, writing only the cells that differ from the last grid drawn (everything
    /// after a resize), then rests the cursor on `grid.cursor` (else bottom left) and
    /// updates the terminal once.
    public func draw(_ grid: CellGrid) {
        guard screen != nil, let win = cn_stdscr() else { return }
        let current = size
        if needsFullRedraw || drawnScreenSize != current || previous?.size != grid.size {
            wclear(win)  // next update repaints the whole terminal
            previous = nil
        }
        for write in ScreenDiff.changes(from: previous, to: grid, screen: current) {
            put(write, in: win)
        }
        let cursor = grid.cursor.flatMap { Rect(current).contains($0) ? $0 : nil }
            ?? Point(x: 0, y: max(0, current.height - 1))
        wmove(win, Int32(cursor.y), Int32(cursor.x))
        wnoutrefresh(win)
        doupdate()
        previous = grid
        drawnScreenSize = current
        needsFullRedraw = false
    }

    private func put(_ write: CellWrite, in win: UnsafeMutablePointer<WINDOW>) {
        let (attributes, pair) = attributes(for: write.style)
        // One plain scalar (printable ASCII, Chinese) as wide as the grid says: what `GlyphPlan` would hand ncurses,
        // without building its runs (most of what is written).
        var scalars = write.text.unicodeScalars.makeIterator()
        if isUTF8, let s = scalars.next(), scalars.next() == nil, Sanitizer.isPlain(s), DisplayWidth.of(s) == write.columns {
            var chars: (wchar_t, wchar_t) = (wchar_t(bitPattern: s.value), 0)
            var cell = cchar_t()
            withUnsafeMutablePointer(to: &chars) { p in
                p.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&cell, $0, attributes, pair, nil) }
            }
            mvwadd_wch(win, Int32(write.y), Int32(write.x), &cell)
            return
        }
        let runs = GlyphPlan.runs(write.text, columns: write.columns, asciiOnly: !isUTF8) { Int(wcwidth(wchar_t($0))) }
        var x = write.x
        for run in runs {
            var chars = run.map { wchar_t(bitPattern: $0) } + [0]
            var cell = cchar_t()
            setcchar(&cell, &chars, attributes, pair, nil)
            mvwadd_wch(win, Int32(write.y), Int32(x), &cell)
            x += runs.count == 1 ? write.columns : 1  // GlyphPlan: one run spans all columns
        }
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var a = cn_a_normal()
        if style.bold { a |= cn_a_bold() }
        if style.reverse { a |= cn_a_reverse() }
        if style.underline { a |= cn_a_underline() }
        if style.dim { a |= cn_a_dim() }
        guard usesColor else { return (a, 0) }
        let (pair, new) = colorPairs.pair(foreground: style.foreground, background: style.background)
        if let new { init_pair(pair, new.foreground, new.background) }
        return (a, pair)
    }

    // MARK: - Input

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key or a resize.
    /// - Returns: the event; nil on timeout (or a key the workbench does not use);
    ///   `.hangup` when the terminal is gone (EIO, hang-up, or `wget_wch` failing instantly
    ///   again and again — what an SSH drop looks like).
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard screen != nil, let win = cn_stdscr() else { return .hangup }
        if pendingResize {
            pendingResize = false
            return .resize(size)
        }
        let timeout = Int32(clamping: timeoutMilliseconds)
        wtimeout(win, timeout)
        var code: wint_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        errno = 0
        let status = wget_wch(win, &code)
        if status == ERR {
            let failedErrno = errno
            if failedErrno == EIO || Self.inputHungUp(STDIN_FILENO) { return .hangup }
            let elapsed = clock.now - start
            // A timeout of 0 is a poll: an instant ERR is its normal answer.
            if timeout != 0, timeout < 0 || elapsed < .milliseconds(Int(timeout) / 2) {
                instantErrors += 1
                if instantErrors >= Self.runawayErrorLimit { return .hangup }
            } else {
                instantErrors = 0
            }
            return nil
        }
        instantErrors = 0
        if status == KEY_CODE_YES {
            let key = Int32(bitPattern: code)
            if key == KEY_RESIZE { needsFullRedraw = true }
            if key == pasteMarkers.start { return collectPaste(win) }
            // An end marker with no paste open: the tail of a paste that was ended early. Nothing.
            if key == pasteMarkers.end { return nil }
        }
        return Self.decode(status: status, code: code, size: size)
    }

    /// How long a paste may pause before it is taken as ended without its end marker.
    static let pasteGapMilliseconds: Int32 = 500
    /// How long after an end marker more input still counts as the same paste: a pasted text holding `ESC[201~`
    /// ends the terminal's frame early, and the rest of it comes at once, followed by the terminal's own end marker.
    static let pasteContinuationMilliseconds: Int32 = 50

    /// After a start marker: reads the paste to its end (see `readPaste`); a resize inside it is reported next.
    private func collectPaste(_ win: UnsafeMutablePointer<WINDOW>) -> TerminalEvent {
        let (text, resized) = Self.readPaste(markers: pasteMarkers) { timeout in
            wtimeout(win, timeout)
            var code: wint_t = 0
            let status = wget_wch(win, &code)
            return (status, UInt32(code))
        }
        if resized {
            needsFullRedraw = true
            pendingResize = true
        }
        return .paste(text)
    }

    /// Reads one paste, after its start marker, with `read` (`wget_wch` waiting at most the given milliseconds).
    ///
    /// Ends at the end marker once nothing more comes within `pasteContinuationMilliseconds` (what comes sooner is
    /// collected into the same paste, up to its next end marker); without an end marker, after a pause of
    /// `pasteGapMilliseconds`, still as a paste. Returns the text and whether a resize came meanwhile.
    static func readPaste(
        markers: PasteMarkers, limit: Int = PasteCollector.defaultLimit, read: (Int32) -> (status: Int32, code: UInt32)
    ) -> (text: String, resized: Bool) {
        var collector = PasteCollector(markers: markers, limit: limit)
        var resized = false
        while true {
            let (status, code) = read(collector.ended ? pasteContinuationMilliseconds : pasteGapMilliseconds)
            if status == ERR { break }  // a pause (or a lost terminal: the next read says so)
            if status == KEY_CODE_YES, Int32(bitPattern: code) == KEY_RESIZE {
                resized = true
                continue
            }
            collector.feed(status: status, code: code)
        }
        return (collector.string, resized)
    }

    /// Home/End sequences that terminals send whatever `$TERM` claims (tmux and PuTTY send
    /// ESC[1~ / ESC[4~ even under TERM=xterm*). Bound only where the terminal description
    /// left them free, so nothing it defines is overridden.
    static let fallbackKeys: [(sequence: String, code: Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END),
        ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
        ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
        ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
    ]

    private static func defineFallbackKeys() {
        for (sequence, code) in fallbackKeys where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Binds the paste markers to key codes where the terminal description left them free; returns the codes
    /// they come as.
    private static func definePasteMarkers() -> PasteMarkers {
        func bind(_ sequence: String, _ own: Int32) -> Int32 {
            let existing = key_defined(sequence)
            if existing > 0 { return existing }
            define_key(sequence, own)
            return own
        }
        return PasteMarkers(start: bind(PasteMarkers.startSequence, PasteMarkers.own.start),
                            end: bind(PasteMarkers.endSequence, PasteMarkers.own.end))
    }

    /// Writes a control sequence straight to the terminal (standard output), at once.
    private static func writeToTerminal(_ sequence: String) {
        let out = cn_stdout()
        fputs(sequence, out)
        fflush(out)
    }

    // MARK: - Pure helpers (tested)

    /// Throws unless both descriptors are terminals.
    static func checkTerminal(input: Int32, output: Int32) throws {
        let badIn = isatty(input) == 0, badOut = isatty(output) == 0
        if badIn || badOut { throw CursesError.notATerminal(stdin: badIn, stdout: badOut) }
    }

    /// The ESC delay in milliseconds: `ESCDELAY` from the environment when it is a sane
    /// number (0…10000), else 100 — snappy, yet arrow keys still arrive whole over SSH.
    static func escapeDelay(fromEnvironment value: String?) -> Int32 {
        guard let value, let ms = Int32(value.trimmingSpaces), (0...10_000).contains(ms) else { return 100 }
        return ms
    }

    /// Whether a `nl_langinfo(CODESET)` name means UTF-8 ("UTF-8", "utf8", …).
    static func isUTF8Codeset(_ name: String) -> Bool {
        let n = name.lowercased().filter { $0 != "-" && $0 != "_" }
        return n == "utf8"
    }

    /// Whether a `nl_langinfo(CODESET)` name is plain ASCII: the C/POSIX locale, which is
    /// what LANG unset (or naming a locale that is not installed) gives.
    static func isASCIICodeset(_ name: String) -> Bool {
        ["ansix3.41968", "ascii", "usascii", "646", "iso646.irv:1991"].contains(
            name.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// Sets the locale from the environment. When that leaves the C locale (LANG unset, as
    /// over SSH or sudo), switches to C.UTF-8. An explicit other codeset (GBK, Latin-1) is
    /// kept: the terminal is presumably set to it, so UTF-8 would show as mojibake; the
    /// backend then draws ASCII only. Returns whether the locale is now UTF-8.
    private static func selectLocale() -> Bool {
        let all = cn_lc_all()
        setlocale(all, "")
        let codeset = String(cString: cn_codeset())
        if isUTF8Codeset(codeset) { return true }
        guard isASCIICodeset(codeset) else { return false }
        return setlocale(all, "C.UTF-8") != nil && isUTF8Codeset(String(cString: cn_codeset()))
    }

    /// True when `fd` reports hang-up or error without blocking.
    private static func inputHungUp(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return errno != EINTR }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let s = drop { $0 == " " }
        return s[..<(s.lastIndex { $0 != " " }.map { s.index(after: $0) } ?? s.startIndex)]
    }
}
