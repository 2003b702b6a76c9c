import OversightDomain
import OversightResources
import OversightRuntime
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// Whatever the screen shows in Chinese (or English), a person may type back (issue 18): steps, kinds, outcomes,
/// escalations and domains on the `:` line and in forms, organisations by name.
@Suite struct WordsInTests {
    func state(_ user: String) throws -> AppState {
        try Fixtures.state(try Fixtures.demoStore(), user: user)
    }

    func type(_ text: String, _ s: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for ch in text { effects += reduce(&s, .key(ch == " " ? "<Space>" : String(ch))) }
        return effects
    }

    @Test func theLineReadsStepsKindsAndOutcomesInEitherLanguage() throws {
        let words = try OversightResources.vocabulary()
        #expect(try CommandText.parse("回复 采纳 已按建议整改", words: words) == .act(.reply, ActionOptions(text: "已按建议整改", outcome: "采纳")))
        #expect(try CommandText.parse("办结 部分采纳", words: words) == .act(.close, ActionOptions(outcome: "部分采纳")))
        #expect(try CommandText.parse("送达 2025-09-29", words: words) == .act(.serve, ActionOptions(date: "2025-09-29")))
        guard case .new(let kind, let o) = try CommandText.parse("new 检察建议 --to 司法局 --domain 生态环境", words: words) else {
            Issue.record("not new"); return
        }
        #expect(kind == .suggestion && o.to == "司法局" && o.domain == "生态环境")
        #expect(throws: OptionError.self) { try CommandText.parse("回复 x") }
        // A refused kind lists the Chinese words.
        do {
            _ = try CommandText.parse("new 建议书", words: words)
            Issue.record("建议书 is no kind")
        } catch {
            #expect(error.zh.contains("检察建议") && error.zh.contains("争议化解"), "\(error.zh)")
        }
        // The options read the words into values.
        let input = try ActionOptions(outcome: "部分采纳").input(today: Fixtures.today, words: words)
        #expect(input.outcome == .partly)
        #expect(try ActionOptions(escalation: "移送线索").input(today: Fixtures.today, words: words).escalation == .referClue)
        #expect(try ActionOptions(outcome: "Partly Adopted").input(today: Fixtures.today, words: words).outcome == .partly)
        #expect(throws: OptionError.self) { try ActionOptions(outcome: "部分采纳").input(today: Fixtures.today) }
    }

    @Test func aStepTypedInChineseRunsAsItsCode() throws {
        var s = try state("hbj.li")
        let found = s.inbox.firstIndex { $0.kind == .suggestion && $0.state == .served }
        s.selection = try #require(found)
        let m = s.inbox[s.selection]
        _ = reduce(&s, .key(":"))
        _ = type("回复 部分采纳 已按建议整改", &s)
        let effects = reduce(&s, .key("<Enter>"))
        #expect(effects == [.act([m.id], .reply, ActionInput(date: s.today, text: "已按建议整改", outcome: .partly), expecting: m.version)])
    }

    @Test func aNewMatterTypedInWordsIsMadeWithTheirValues() throws {
        var s = try state("wangjian")
        _ = reduce(&s, .key(":"))
        _ = type("new 检察建议 --to 生态环境局文水分局 --title 关于某事 --domain 生态环境", &s)
        let effects = reduce(&s, .key("<Enter>"))
        guard case .create(let new)? = effects.first else { Issue.record("\(effects) \(String(describing: s.status))"); return }
        #expect(new.kind == .suggestion && new.to == "hbj" && new.domain == .ecology)
    }

    @Test func aFormsChoiceShowsItsWordAndReadsAWordTyped() throws {
        var s = try state("hbj.li")
        let found = s.inbox.firstIndex { $0.kind == .suggestion && $0.state == .served }
        s.selection = try #require(found)
        let m = s.inbox[s.selection]
        _ = reduce(&s, .key("r"))
        _ = type("已整改", &s)
        _ = reduce(&s, .key("<Tab>"))
        // Space picks the first choice: the code is held, its word is what the screen shows.
        _ = reduce(&s, .key("<Space>"))
        guard case .form(let form) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(form.focused.value == "adopted" && form.focused.wordKey == "outcome")
        #expect(form.focused.choice(s.words) == "adopted")
        // Typing replaces the choice (what shows is its word, not the code), and a word typed is read back.
        _ = type("部分采纳", &s)
        guard case .form(let typed) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(typed.focused.value == "部分采纳" && typed.focused.choice(s.words) == "partly")
        // Space from a word goes on to the next choice.
        _ = reduce(&s, .key("<Space>"))
        guard case .form(let cycled) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(cycled.focused.value == "rejected")
        _ = reduce(&s, .key("<Left>"))
        _ = reduce(&s, .key("<Left>"))
        _ = reduce(&s, .key("<Right>"))
        let effects = reduce(&s, .key("<C-d>"))
        #expect(effects == [.act([m.id], .reply, ActionInput(date: s.today, text: "已整改", outcome: .partly), expecting: m.version)])
    }
}
