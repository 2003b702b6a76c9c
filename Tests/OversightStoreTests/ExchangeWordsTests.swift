import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightTestSupport
import Testing

/// The CSV table in the interface language's words, and imports that read codes and both languages' words.
@Suite struct ExchangeWordsTests {
    static func words(_ language: Language) throws -> ExchangeWords {
        ExchangeWords(vocabulary: try OversightResources.vocabulary(), language: language, yes: language == .zh ? "是" : "yes")
    }

    static func csv(_ store: Store, _ language: Language) throws -> String {
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        return ExchangeCSV.text(try ImportTests.exported(store), headers: language == .zh ? .zh : .en, organisations: orgs,
                                words: try words(language))
    }

    /// The table's records as cells, without the byte-order mark.
    static func records(_ csv: String) throws -> [[String]] {
        try CSVText.records(String(csv.dropFirst())).map { $0.fields.map(CSVText.unneutralised) }
    }

    /// The table without the ids a database gives: the id column's cells and the `"id":N` of the history's events.
    static func withoutIDs(_ csv: String) throws -> String {
        let events = try NSRegularExpression(pattern: #"""id"":[0-9]+,"#)
        let rows = try NSRegularExpression(pattern: #"(?m)^"[0-9]+","#)
        var text = events.stringByReplacingMatches(in: csv, range: NSRange(csv.startIndex..., in: csv), withTemplate: "")
        text = rows.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"\",")
        return text
    }

    static func column(_ records: [[String]], _ header: String) throws -> [String] {
        let i = try #require(records.first?.firstIndex(of: header))
        return records.dropFirst().map { $0[i] }
    }

    @Test func theChineseTableWritesChineseValuesAndKeepsTheHistoryInCodes() throws {
        let demo = try Fixtures.demoStore()
        let matters = try ImportTests.exported(demo)
        let records = try Self.records(try Self.csv(demo, .zh))
        let kinds = try Self.column(records, "类型"), states = try Self.column(records, "状态")
        #expect(Set(kinds).isSubset(of: ["检察建议", "移送审查", "调阅案卷", "线索移送", "争议化解", "执行抄送", "监督申请", "联合检查", "联席会议", "法律政策咨询"]), "\(Set(kinds))")
        for (m, (kind, state)) in zip(matters, zip(kinds, states)) {
            let v = try OversightResources.vocabulary()
            let k = try #require(MatterKind(rawValue: m.kind)), s = try #require(MatterState(rawValue: m.state))
            #expect(kind == v.word(k, .zh))
            #expect(state == v.word(s, of: k, .zh), "\(m.kind) \(m.state)")
        }
        // A transfer awaiting feedback says so, not 待回复.
        if let i = matters.firstIndex(where: { $0.kind == "transfer" && $0.state == "served" }) { #expect(states[i] == "待反馈") }
        let domains = try Self.column(records, "领域")
        #expect(domains.contains("生态环境") && !domains.contains("ecology"))
        let overdue = try Self.column(records, "逾期")
        #expect(Set(overdue) == ["是", ""] && overdue.filter { $0 == "是" }.count == matters.filter { $0.overdue == true }.count)
        let outcomes = try Self.column(records, "结果").filter { !$0.isEmpty }
        #expect(!outcomes.isEmpty && outcomes.allSatisfy { ["采纳", "部分采纳", "不采纳", "已化解", "未化解", "支持", "不支持", "不予受理"].contains($0) }, "\(outcomes)")
        let escalated = try Self.column(records, "升级措施").filter { !$0.isEmpty }
        #expect(!escalated.isEmpty && escalated.allSatisfy { !$0.contains { $0.isASCII && $0.isLetter } }, "\(escalated)")
        // The history is machine data: codes.
        let history = try Self.column(records, "历史记录")
        #expect(history.allSatisfy { $0.hasPrefix("[{") && $0.contains("\"action\":\"create\"") })
        #expect(!history.contains { $0.contains("检察建议") && $0.contains("\"action\":\"检察建议\"") })
    }

    @Test(arguments: [Language.zh, .en])
    func everyWordWrittenReadsBackAsItsValue(_ language: Language) throws {
        let words = try Self.words(language)
        for kind in MatterKind.allCases {
            #expect(words.value(MatterKind.self, words.word(MatterKind.self, kind.rawValue)) == kind)
            for state in MatterState.allCases {
                let word = words.state(state.rawValue, kind: kind.rawValue)
                #expect(words.state(word, kind: kind) == state, "\(kind) \(state): \(word)")
            }
        }
        func each<T: Worded>(_: T.Type) {
            for v in T.allCases { #expect(words.value(T.self, words.word(T.self, v.rawValue)) == v, "\(v)") }
        }
        each(DomainArea.self)
        each(Outcome.self)
        each(EscalationOption.self)
        each(MatterVariant.self)
    }

    @Test func theEnglishTableWritesEnglishWordsAndCodesRemainTheDefault() throws {
        let demo = try Fixtures.demoStore()
        let en = try Self.records(try Self.csv(demo, .en))
        #expect(try Self.column(en, "Kind").contains("Suggestion"))
        #expect(try Self.column(en, "State").contains("awaiting reply"))
        #expect(try Self.column(en, "Domain").contains("Ecology"))
        #expect(try Self.column(en, "Overdue").contains("yes"))
        let orgs = Dictionary(uniqueKeysWithValues: try demo.organisations().map { ($0.id, $0) })
        let codes = try Self.records(ExchangeCSV.text(try ImportTests.exported(demo), headers: .zh, organisations: orgs))
        #expect(try Self.column(codes, "类型").contains("suggestion"))
        #expect(try Self.column(codes, "状态").contains("served"))
    }

    @Test(arguments: [Language.zh, .en])
    func theDemoTableInWordsImportsIntoAFreshDatabaseAndExportsAgainTheSame(_ language: Language) throws {
        let demo = try Fixtures.demoStore(name: "words\(language)")
        let source = try Self.csv(demo, language)
        let items = ExchangeCSV.items(String(source.dropFirst()))
        #expect(items.refused == nil, "\(String(describing: items.refused))")
        let target = try ImportTests.empty("wordsTarget\(language)")
        let result = try target.importMatters(items.items, source: "csv", by: try ImportTests.admin(target), context: try Fixtures.context(),
                                              words: try Self.words(language))
        #expect(result.created == items.items.count && result.created > 30)
        #expect(ImportTests.comparable(try ImportTests.exported(target)) == ImportTests.comparable(try ImportTests.exported(demo)))
        let again = try Self.csv(target, language)
        // Byte for byte but the ids the fresh database gives: the id column, the events' ids in the history.
        let before = try Self.records(Self.withoutIDs(source)), after = try Self.records(Self.withoutIDs(again))
        #expect(after.count == before.count)
        for (a, b) in zip(after, before) where a != b {
            Issue.record("\(zip(a, b).enumerated().filter { $0.element.0 != $0.element.1 }.map { "\($0.offset): \($0.element.0) ≠ \($0.element.1)" })")
        }
        // Read with codes only (an older caller), the words are refused.
        let codes = try #require(throws: ImportRefused.self) {
            try ImportTests.empty("wordsCodes\(language)").importMatters(items.items, source: "csv", by: try ImportTests.admin(target),
                                                                        context: try Fixtures.context(), dryRun: true)
        }
        #expect(!codes.problems.isEmpty)
    }

    static let ledger = "文号,类型,标题,领域,发起单位,接收单位,创建日期,送达日期,回复日期,办结日期,结果,状态\n"

    @Test func aLedgerInChineseOrEnglishWordsWithShortOrganisationNamesImports() throws {
        let store = try ImportTests.empty()
        let text = Self.ledger
            + "文检行建〔2025〕31号,检察建议,汾河排污口,生态环境,人民检察院,生态环境局文水分局,2025-06-02,2025-06-04,,,,待回复\n"
            + "文检行建〔2025〕32号,Suggestion,Land use,land,JCY,自然资源局,2025-06-02,2025-06-04,2025-07-01,2025-07-03,Partly adopted,closed\n"
            + "文检行建〔2025〕33号,suggestion,已办结,国土资源,文水县人民检察院,文水县自然资源局,2025-06-02,2025-06-04,2025-07-01,2025-07-03,采纳,已办结\n"
        let items = ExchangeCSV.items(text)
        #expect(items.refused == nil)
        let result = try store.importMatters(items.items, source: "ledger", by: try ImportTests.admin(store), context: try Fixtures.context(),
                                             words: try Self.words(.zh))
        #expect(result.created == 3)
        let byNumber = Dictionary(uniqueKeysWithValues: try ImportTests.exported(store).map { ($0.number, $0) })
        let first = try #require(byNumber["文检行建〔2025〕31号"])
        #expect(first.kind == "suggestion" && first.domain == "ecology" && first.state == "served" && first.from == "jcy" && first.to == "hbj")
        let second = try #require(byNumber["文检行建〔2025〕32号"])
        #expect(second.domain == "land" && second.state == "closed" && second.outcome == "partly" && second.to == "zrzyj")
        #expect(byNumber["文检行建〔2025〕33号"]?.outcome == "adopted")
    }

    @Test func aStateTheHistoryDoesNotLeadToIsNamedInWords() throws {
        let store = try ImportTests.empty()
        // Served, yet the ledger says closed.
        let text = Self.ledger + "文检行建〔2025〕31号,检察建议,一,生态环境,人民检察院,生态环境局文水分局,2025-06-02,2025-06-04,,,,已办结\n"
        let refused = try #require(throws: ImportRefused.self) {
            try store.importMatters(ExchangeCSV.items(text).items, source: "ledger", by: try ImportTests.admin(store),
                                    context: try Fixtures.context(), words: try Self.words(.zh))
        }
        guard case .disagrees(let file, let history) = refused.problems.first?.reason else { Issue.record("\(refused.problems)"); return }
        #expect(refused.problems.first?.field == "state" && file == "已办结" && history == "待回复", "\(file) \(history)")
    }

    @Test func aTransferIsReadWithItsOwnStateWords() throws {
        let store = try ImportTests.empty()
        let text = Self.ledger
            + "文检移〔2025〕5号,移送审查,移送一,国有资产,人民检察院,司法局,2025-06-02,2025-06-04,,,,待反馈\n"
        let result = try store.importMatters(ExchangeCSV.items(text).items, source: "ledger", by: try ImportTests.admin(store),
                                             context: try Fixtures.context(), words: try Self.words(.zh))
        #expect(result.created == 1)
        #expect(try ImportTests.exported(store).first?.state == "served")
    }

    @Test(arguments: [(Language.zh, "检察建议、移送审查、调阅案卷"), (.en, "suggestion, transfer, inspection")])
    func aWordThatNamesNothingIsRefusedWithTheAcceptedWordsInTheInterfaceLanguage(_ language: Language, _ list: String) throws {
        let store = try ImportTests.empty("refused\(language)")
        let text = Self.ledger
            + "文检行建〔2025〕31号,检察建意,一,生态环境,人民检察院,生态环境局文水分局,2025-06-02,,,,,\n"
            + "文检行建〔2025〕32号,检察建议,二,生态环竟,人民检察院,生态环境局文水分局,2025-06-02,,,,,待回付\n"
        let refused = try #require(throws: ImportRefused.self) {
            try store.importMatters(ExchangeCSV.items(text).items, source: "ledger", by: try ImportTests.admin(store),
                                    context: try Fixtures.context(), words: try Self.words(language))
        }
        #expect(refused.problems.map(\.field) == ["kind", "domain", "state"])
        guard case .notOneOf(let v, let accepted) = refused.problems[0].reason else { Issue.record("\(refused.problems[0])"); return }
        #expect(v == "检察建意" && accepted.joined(separator: language == .zh ? "、" : ", ").hasPrefix(list), "\(accepted)")
        #expect(accepted.count == MatterKind.allCases.count)
        guard case .notOneOf(_, let states) = refused.problems[2].reason else { Issue.record("\(refused.problems[2])"); return }
        #expect(states.contains(language == .zh ? "待回复" : "served"), "\(states)")
        #expect(try ImportTests.exported(store).isEmpty)
        // Codes only: the codes are listed, as before.
        let codes = try #require(throws: ImportRefused.self) {
            try store.importMatters(ExchangeCSV.items(text).items, source: "ledger", by: try ImportTests.admin(store), context: try Fixtures.context())
        }
        guard case .notOneOf(_, let codeWords) = codes.problems[0].reason else { Issue.record("\(codes.problems[0])"); return }
        #expect(codeWords == MatterKind.allCases.map(\.rawValue))
    }

    @Test func aKindWithAnInvisibleOrLookalikeCharacterIsRefusedNotMatched() throws {
        let store = try ImportTests.empty()
        var hostile = HostileCorpus.entries.filter { if case .invisible = $0.line { return true } else { return false } }.map(\.text)
        // Each invisible character inside the word itself, and lookalikes of the code.
        for s in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{202E}", "\u{FE0F}", "\u{301}"] {
            hostile += ["检察" + s + "建议", "检察建议" + s, "sug" + s + "gestion"]
        }
        hostile += ["ｓｕｇｇｅｓｔｉｏｎ", "检察建议" + HostileCorpus.combiningMarks, "=检察建议"]
        for (i, kind) in hostile.enumerated() {
            let text = Self.ledger + "文检行建〔2025〕\(i + 1)号,\(CSVText.field(kind)),一,生态环境,人民检察院,生态环境局文水分局,2025-06-02,,,,,\n"
            let items = ExchangeCSV.items(text)
            let refused = try #require(throws: ImportRefused.self, "\(kind.unicodeScalars.map { String($0.value, radix: 16) })") {
                try store.importMatters(items.items, source: "ledger", by: try ImportTests.admin(store), context: try Fixtures.context(),
                                        words: try Self.words(.zh))
            }
            #expect(refused.problems.first?.field == "kind", "\(kind.debugDescription): \(refused.problems)")
        }
        #expect(try ImportTests.exported(store).isEmpty)
    }
}
