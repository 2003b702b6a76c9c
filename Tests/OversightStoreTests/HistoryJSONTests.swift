import Foundation
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The CSV's history cell is written without `JSONEncoder` (issue 22: it was a quarter of an export's time), byte for
/// byte as the encoder wrote it: the demo's histories, every ASCII character, the hostile corpus.
@Suite struct HistoryJSONTests {
    static func encoded(_ events: [ExchangeEvent]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(events), as: UTF8.self)
    }

    static func event(_ text: String, id: Int64? = 7, serve: Bool = false) -> ExchangeEvent {
        var e = ExchangeEvent(MatterEvent(
            id: id ?? 0, matterID: 1, on: CivilDate(year: 2026, month: 12, day: 1)!, actor: text.isEmpty ? "wangjian" : text,
            action: serve ? .step(.serve) : .create, text: text, documentNumber: serve ? nil : "文检行建〔2026〕1号",
            stateAfter: .served, dueAfter: serve ? CivilDate(year: 2027, month: 1, day: 24)! : nil,
            service: serve ? .post : nil, receivedOn: serve ? CivilDate(year: 2026, month: 12, day: 2)! : nil))
        if id == nil { e.id = nil }
        return e
    }

    @Test(arguments: Fixtures.engines)
    func theDemosHistoriesAreWrittenAsTheEncoderWroteThem(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "theDemosHistoriesAreWrittenAsTheEncoderWroteThem-\(engine)")
        let all = try store.exchange(for: try store.viewer("admin"))
        #expect(all.count > 30)
        for (_, events) in all {
            let history = events.map(ExchangeEvent.init)
            #expect(ExchangeCSV.historyJSON(history) == (try Self.encoded(history)))
        }
    }

    @Test func everyASCIICharacterAndTheHostileCorpusAreEscapedAsTheEncoderEscapesThem() throws {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += HostileCorpus.entries.map(\.text) + [HostileCorpus.combiningMarks, "\"\u{301}引号", "a/b\\c", "\u{2028}\u{2029}\u{FEFF}😀", ""]
        for text in texts {
            let history = [Self.event(text), Self.event(text, id: nil, serve: true)]
            #expect(ExchangeCSV.historyJSON(history) == (try Self.encoded(history)), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(ExchangeCSV.historyJSON([]) == (try Self.encoded([])))
    }
}
