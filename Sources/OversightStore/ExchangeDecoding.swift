import Foundation

/// The text of a file to import: UTF-8 with or without a byte-order mark, or GB18030 (which contains GBK and
/// GB2312, what WPS and Excel save as "ANSI" on Chinese Windows), told apart by the bytes themselves.
public enum ExchangeDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case gb18030 = "GB18030"
    }

    public enum Failure: Error, Hashable, Sendable {
        /// Bytes that are neither UTF-8 nor GB18030; the first bad byte's line and offset (0-based).
        case notText(line: Int, offset: Int)
        /// A UTF-8 file with a byte that is not UTF-8 (a file damaged, or joined from two encodings).
        case invalidUTF8(line: Int, offset: Int)
    }

    /// The text of `data` and the encoding it was read in.
    ///
    /// - UTF-8 (a leading byte-order mark is dropped) when every byte sequence is UTF-8.
    /// - GB18030 when some are not and the file has few three-byte UTF-8 characters (Chinese in UTF-8) beside its
    ///   bad bytes: fewer than eight for each. GBK text is never valid UTF-8 for long (a pair of its bytes may
    ///   pass as a two-byte UTF-8 character, rarely as three), while a UTF-8 file damaged in a few places is
    ///   still mostly Chinese in three-byte characters; read as GBK it would become plausible nonsense. NUL bytes
    ///   refuse a file either way.
    public static func text(of data: Data) throws(Failure) -> (text: String, encoding: Encoding) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = data.starts(with: bom)
        let body = hasBOM ? data.dropFirst(3) : data[...]
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = 0, line = 1, chinese = 0, bad = 0
        var firstBad: (line: Int, offset: Int)?
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let e):
                if e.count == 3 { chinese += 1 } else if e.first == 0x0A { line += 1 } else if e.first == 0 {
                    throw .notText(line: line, offset: offset + (hasBOM ? 3 : 0))
                }
                offset += e.count
            case .error(let length):
                // Read on: the characters after the bad byte still tell damaged UTF-8 from GBK.
                if firstBad == nil { firstBad = (line, offset + (hasBOM ? 3 : 0)) }
                bad += 1
                offset += length
            case .emptyInput:
                break scan
            }
        }
        guard let firstBad else {
            return (String(decoding: body, as: UTF8.self), hasBOM ? .utf8WithBOM : .utf8)
        }
        if hasBOM || chinese >= 8 * bad { throw .invalidUTF8(line: firstBad.line, offset: firstBad.offset) }
        // kCFStringEncodingGB_18030_2000 as Foundation numbers it; swift-corelibs-foundation converts it with ICU.
        guard let text = String(data: Data(body), encoding: String.Encoding(rawValue: 0x8000_0632)),
              !text.unicodeScalars.contains(where: { $0 == "\u{FFFD}" || $0 == "\0" }) else {
            throw .notText(line: firstBad.line, offset: firstBad.offset)
        }
        return (text, .gb18030)
    }
}
