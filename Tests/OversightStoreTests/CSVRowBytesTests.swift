import Foundation
import OversightDomain
@testable import OversightStore
import Testing

/// The streamed export writes a matter's CSV line as bytes into one buffer (`ExchangeCSV.row(_:…into:)`,
/// `CSVText.appendField`); these must be, byte for byte, the record of the quoted, neutralised cells the general
/// path makes (`CSVText.record` of `CSVText.field` of each column's `cell`), on hostile text.
@Suite struct CSVRowBytesTests {
    static let hostile: [String] = [
        "", "plain", "检察建议", "a,b", "say \"hi\"", "\"", "\"\"", "line\nbreak", "crlf\r\nend", "lone\rcr",
        "=1+2", "+1", "-1", "@SUM(A1)", "\t=tab", " =space first", "＝全角", "'=quoted", "''", "'plain",
        "\u{0301}=combining first", "\u{202E}bidi override", "zero\u{200B}width", "nul\u{0}inside", "\u{0}",
        "esc\u{1B}[31m", "\u{FEFF}bom", "\"\u{0301}quote with mark", "line\u{2028}sep", "astral 𝄞 😀", "\n=", "\r\n-",
    ]

    /// `CSVText.field` as it was written before the byte path: shown, apostrophe inserted, quotes doubled, LF as CRLF.
    static func reference(_ value: String) -> String {
        var text = CSVText.shown(value)
        if CSVText.needsApostrophe(text) { text.insert("'", at: text.startIndex) }
        var out: [UInt8] = [0x22]
        for b in String(text).utf8 {
            switch b {
            case 0x22: out += [0x22, 0x22]
            case 0x0A: out += [0x0D, 0x0A]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aFieldsBytesAreTheFieldAndNoCellRunsAsAFormula() {
        for value in Self.hostile {
            var bytes: [UInt8] = [0x41]
            CSVText.appendField(value, to: &bytes)
            #expect(Array(bytes.dropFirst()) == Array(Self.reference(value).utf8), "\(value.debugDescription)")
            #expect(CSVText.field(value) == Self.reference(value), "\(value.debugDescription)")
            let inner = String(Self.reference(value).dropFirst())
            #expect(!ExchangePropertyTests.runs(inner), "\(value.debugDescription)")
        }
    }

    @Test func aRowsBytesAreTheRecordOfItsCellsOnHostileText() throws {
        let orgs: [OrgID: Organisation] = [:]
        for (i, value) in Self.hostile.enumerated() {
            var m = ExchangeMatter()
            m.id = Int64(i + 1)
            m.kind = "suggestion"
            m.title = value
            m.summary = Self.hostile[(i + 7) % Self.hostile.count]
            m.number = Self.hostile[(i + 3) % Self.hostile.count]
            m.from = value
            m.to = "=to"
            m.state = "served"
            m.createdOn = "2025-06-02"
            m.copiedTo = [value, "-x", "a;b"]
            m.escalations = ["interview", value]
            m.overdue = i % 2 == 0
            let event = try JSONDecoder().decode(ExchangeEvent.self, from: Data(
                #"{"on":"2025-06-02","actor":"=actor","action":"create","text":"\#(value.unicodeScalars.map { String(format: "\\u%04x", $0.value < 0x10000 ? $0.value : 0x3f) }.joined())"}"#.utf8))
            m.events = [event]
            for words in [ExchangeWords.codes, ExchangeWords(vocabulary: .codes, language: .zh, yes: "=是")] {
                let general = CSVText.record(MatterField.csvColumns.map { CSVText.field($0.cell(m, organisations: orgs, words: words)) })
                #expect(ExchangeCSV.row(m, organisations: orgs, words: words) == general, "\(value.debugDescription)")
                var bytes: [UInt8] = Array("before".utf8)
                ExchangeCSV.row(m, organisations: orgs, words: words, into: &bytes)
                #expect(Array(bytes.dropFirst(6)) == Array(general.utf8), "\(value.debugDescription)")
                let record = try #require(try CSVText.records(general).first)
                #expect(record.fields.count == MatterField.csvColumns.count)
                #expect(record.fields.allSatisfy { !ExchangePropertyTests.runs($0) }, "\(value.debugDescription)")
            }
        }
    }
}
