import Foundation
import TerminalKit
import Testing

@Suite("JSON text")
struct JSONTextTests {
    /// As the CLI encodes: JSONEncoder's text, then the invisibles escaped.
    private func encode(_ s: String) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return JSONText.escapeInvisibles(String(decoding: try e.encode(["v": s]), as: UTF8.self))
    }

    private func decode(_ json: String) throws -> String? {
        try JSONDecoder().decode([String: String].self, from: Data(json.utf8))["v"]
    }

    @Test(arguments: [
        ("a\u{202E}b", "a\\u202eb"),  // right-to-left override
        ("a\u{0085}b", "a\\u0085b"),  // NEL, a C1 control
        ("a\u{200B}b", "a\\u200bb"),  // zero-width space
        ("\u{2028}\u{2029}", "\\u2028\\u2029"),
        ("\u{00AD}\u{061C}\u{180E}\u{FEFF}\u{7F}\u{9F}", "\\u00ad\\u061c\\u180e\\ufeff\\u007f\\u009f"),
        ("\u{2066}x\u{2069}\u{2060}\u{2064}", "\\u2066x\\u2069\\u2060\\u2064"),
        ("\u{E0001}\u{E007F}", "\\udb40\\udc01\\udb40\\udc7f"),  // tag characters: surrogate pairs
    ])
    func invisiblesAreEscapedAndParseBack(input: String, escaped: String) throws {
        let json = try encode(input)
        #expect(json.contains("\"\(escaped)\""), "\(json)")
        #expect(!json.unicodeScalars.contains { JSONText.needsEscape($0) }, "\(json.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(try decode(json) == input)
    }

    @Test func everyFormatAndControlScalarIsEscaped() throws {
        let all = (0x20...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        }
        #expect(all.count > 150)
        let input = String(String.UnicodeScalarView(all))
        let json = try encode(input)
        #expect(json.unicodeScalars.allSatisfy { $0.isASCII }, "a scalar stayed raw")
        #expect(try decode(json) == input)
    }

    @Test(arguments: ["🙂", "当事人：张三（原告）", "〔2025〕京01民初123号", "e\u{301}", "a/b"])
    func visibleTextStaysRaw(input: String) throws {
        let json = try encode(input)
        #expect(json.contains("\"\(input)\""), "\(json)")
        #expect(try decode(json) == input)
    }

    @Test func layoutAndEncoderEscapesAreKept() throws {
        let json = try encode("line\nbreak\t\u{1}")
        #expect(json == "{\n  \"v\" : \"line\\nbreak\\t\\u0001\"\n}")
    }
}
