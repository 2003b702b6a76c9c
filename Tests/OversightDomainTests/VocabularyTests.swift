import Foundation
import OversightDomain
import OversightResources
import Testing

/// One vocabulary in two languages: a value is read from its code, its Chinese or its English word.
@Suite struct VocabularyTests {
    static let orgs = [
        Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate),
        Organisation(id: "hbj", name: "吕梁市生态环境局文水分局", party: .department, domains: [.ecology]),
        Organisation(id: "sfj", name: "文水县司法局", party: .justice),
    ]
    let words = try! OversightResources.vocabulary(organisations: VocabularyTests.orgs)

    @Test func everyValueIsReadFromItsCodeAndBothLanguagesWords() throws {
        func roundTrip<T: Worded>(_: T.Type) {
            for v in T.allCases {
                #expect(words.value(T.self, v.rawValue) == v)
                for language in Language.allCases {
                    let w = words.word(v, language)
                    #expect(w != v.rawValue || language == .en, "\(T.self).\(v.rawValue) has no \(language) word")
                    #expect(words.value(T.self, w) == v, "\(language) \(w) → \(String(describing: words.value(T.self, w))), not \(v)")
                }
            }
        }
        roundTrip(MatterKind.self)
        roundTrip(DomainArea.self)
        roundTrip(Outcome.self)
        roundTrip(EscalationOption.self)
        roundTrip(MatterVariant.self)
        roundTrip(Party.self)
        roundTrip(Role.self)
        roundTrip(MatterAction.self)
    }

    @Test func wordsAreReadAsPeopleTypeThem() {
        #expect(words.value(MatterKind.self, "检察建议") == .suggestion)
        #expect(words.value(MatterKind.self, "  suggestion ") == .suggestion)
        #expect(words.value(MatterKind.self, "SUGGESTION") == .suggestion)
        #expect(words.value(MatterKind.self, "file review") == .inspection, "a short word too")
        #expect(words.value(DomainArea.self, "生态环境") == .ecology)
        #expect(words.value(Outcome.self, "Partly  Adopted") == .partly)
        #expect(words.value(Outcome.self, "部分采纳") == .partly)
        #expect(words.value(MatterKind.self, "生态环境") == nil, "a domain is no kind")
        #expect(words.value(MatterKind.self, "") == nil)
        #expect(words.value(MatterKind.self, "检察\u{200B}建议") == nil, "an invisible character is not ignored")
        #expect(Vocabulary.codes.value(MatterKind.self, "检察建议") == nil)
        #expect(Vocabulary.codes.value(MatterKind.self, "suggestion") == .suggestion)
    }

    @Test func aStateWordNamesTheKindsThatShowIt() {
        // 待回复 is `served` as a suggestion shows it, not as a transfer (待反馈) or an inspection (待提供) does.
        let served = words.states("待回复")
        #expect(served.count == 1)
        let kinds = served[.served] ?? nil
        #expect(kinds?.contains(.suggestion) == true && kinds?.contains(.transfer) == false && kinds?.contains(.inspection) == false)
        #expect(words.states("待反馈") == [.served: [.transfer]])
        #expect(words.states("feedback due") == [.served: [.transfer]])
        #expect(words.states("served") == [.served: nil], "the code is every kind's")
        #expect(words.state("已办结") == .closed && words.state("closed") == .closed && words.state("Closed") == .closed)
        #expect(words.states("采纳").isEmpty)
        #expect(words.word(.served, of: .transfer, .zh) == "待反馈" && words.word(.served, of: .suggestion, .zh) == "待回复")
        #expect(words.word(.served, of: .suggestion, .en) == "awaiting reply")
    }

    @Test func organisationsAreReadByIdFullNameOrShortName() {
        #expect(words.organisation("hbj") == "hbj")
        #expect(words.organisation("吕梁市生态环境局文水分局") == "hbj")
        #expect(words.organisation("生态环境局文水分局") == "hbj")
        #expect(words.organisation("司法局") == "sfj")
        #expect(words.organisation("HBJ") == "hbj")
        #expect(words.organisation("生态环境") == nil, "a word inside a name is text, not an organisation")
        #expect(Organisation.shortName("文水县市场监督管理局") == "市场监督管理局")
        #expect(Organisation.find("生态环境局文水分局", in: Self.orgs)?.id == "hbj")
        #expect(Organisation.find(" HBJ ", in: Self.orgs)?.id == "hbj")
        #expect(Organisation.find("文水县司法局", in: Self.orgs)?.id == "sfj")
        #expect(Organisation.find("生态环境", in: Self.orgs) == nil && Organisation.find("", in: Self.orgs) == nil)
    }
}
