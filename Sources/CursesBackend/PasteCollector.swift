import CNCurses
import TerminalKit

/// The key codes `wget_wch` returns (as `KEY_CODE_YES`) for the bracketed-paste markers `ESC[200~` and `ESC[201~`.
public struct PasteMarkers: Hashable, Sendable {
    public var start: Int32
    public var end: Int32

    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }

    /// The codes this backend binds the markers to (`define_key`) where the terminal description has not: far
    /// above `KEY_MAX` and the codes ncurses gives to the terminal's extended keys (allocated from `KEY_MAX + 1`).
    public static let own = PasteMarkers(start: KEY_MAX + 0x3000, end: KEY_MAX + 0x3001)

    public static let startSequence = "\u{1B}[200~"
    public static let endSequence = "\u{1B}[201~"
}

/// Collects one bracketed paste from what `wget_wch` decoded, after the start marker. Pure: fed `(status, code)`
/// pairs, no terminal, so the whole of it is tested.
///
/// - printable characters are kept; CR, CR LF and LF become one LF; tabs are kept;
/// - every other control is dropped (ESC, C0, DEL, C1), and so is every function key ncurses decoded inside the
///   paste (an arrow's `ESC[A` in pasted text is no key); a nested start marker is ignored;
/// - at most `limit` bytes (UTF-8) are kept; what comes after is read and dropped (`truncated`), up to the end marker;
/// - the end marker ends it (`feed` returns true). Text after it is collected into the same paste when fed (the
///   terminal's own end marker follows later: see `CursesTerminal.collectPaste`).
public struct PasteCollector: Sendable {
    public static let defaultLimit = 1 << 20

    public let markers: PasteMarkers
    public let limit: Int
    public private(set) var text = String.UnicodeScalarView()
    /// UTF-8 bytes of `text`.
    public private(set) var byteCount = 0
    /// Text past `limit` came and was dropped.
    public private(set) var truncated = false
    /// The last thing fed was the end marker.
    public private(set) var ended = false
    private var afterCR = false

    public init(markers: PasteMarkers = .own, limit: Int = PasteCollector.defaultLimit) {
        self.markers = markers
        self.limit = limit
    }

    /// The paste so far.
    public var string: String { String(text) }

    /// Takes one `wget_wch` result. Returns true when it was the end marker.
    @discardableResult
    public mutating func feed(status: Int32, code: UInt32) -> Bool {
        switch status {
        case KEY_CODE_YES:
            let key = Int32(truncatingIfNeeded: code)
            afterCR = false
            if key == markers.end {
                ended = true
                return true
            }
            // A nested start marker, or a function key decoded from pasted bytes: never a key, and no text.
            ended = false
            return false
        case OK:
            ended = false
            character(code)
            return false
        default:
            return false
        }
    }

    private mutating func character(_ code: UInt32) {
        switch code {
        case 13:
            append("\n")
            afterCR = true
            return
        case 10:
            if !afterCR { append("\n") }
        case 9:
            append("\t")
        case 0..<0x20, 0x7F...0x9F:
            break  // ESC and every other control: dropped
        default:
            if let scalar = Unicode.Scalar(code) { append(scalar) }  // a surrogate or > U+10FFFF: dropped
        }
        afterCR = false
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        let size = UTF8.width(scalar)
        guard byteCount + size <= limit else {
            truncated = true
            return
        }
        byteCount += size
        text.append(scalar)
    }
}
