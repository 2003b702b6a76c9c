import OversightDomain
import OversightResources
import OversightTestSupport
import TerminalKit
import Testing

@testable import OversightWorkbench

/// Tab on the `:` line: what `CommandText.candidates(of:context:)` offers for each place of a line, and what the
/// reducer does with it (the word completed, the list kept in the mode, Tab again stepping through it).
@Suite struct CompletionTests {
    static let today = CivilDate(year: 2026, month: 11, day: 30)!
    static let organisations: [OrgID: String] = ["hbj": "文水县生态环境局", "sfj": "文水县司法局", "scjgj": "文水县市场监督管理局", "jcy": "文水县人民检察院"]
    let context = CompletionContext(organisations: organisations, today: today)
    let admin = CompletionContext(organisations: organisations, today: today, administrator: true, people: ["admin", "wangjian"])

    func words(_ line: String, _ context: CompletionContext? = nil) -> [String] {
        CommandText.completions(of: line, context: context ?? self.context)
    }

    @Test func anEmptyLineListsEveryCommand() {
        let all = words("")
        #expect(all == CommandText.verbs)
        for verb in ["reply", "close", "new", "filter", "goto", "doc", "quit", "help", "report"] { #expect(all.contains(verb), "\(verb)") }
        #expect(Set(all).count == all.count)
        // The administrator's commands only for an administrator.
        #expect(!all.contains("user") && !all.contains("key") && !all.contains("org"))
        #expect(words("", admin) == CommandText.verbs + ["user", "key", "org"])
        #expect(words("   ") == all)
    }

    /// Values are found by the beginning of their Chinese or English words too (issue 18), and a step or kind typed
    /// in Chinese goes on as its code does.
    @Test func wordsInEitherLanguageFindTheirValues() throws {
        let worded = CompletionContext(organisations: Self.organisations, today: Self.today, words: try OversightResources.vocabulary())
        #expect(words("回", worded) == ["reply"])
        #expect(words("办", worded) == ["close"])
        #expect(words("new 检察", worded) == ["suggestion"])
        #expect(words("close 部分", worded) == ["partly"])
        #expect(words("close Partly", worded) == ["partly"])
        #expect(words("回复 ", worded) == Outcome.allCases.map(\.rawValue), "a verb typed in Chinese goes on to its outcomes")
        #expect(words("new 检察建议 --domain 生态", worded) == ["ecology"])
        #expect(words("new 线索移送 --variant ", worded) == MatterVariant.allCases.filter { $0.kind == .referral }.map(\.rawValue))
        #expect(words("回", context).isEmpty, "without the words, codes only")
        #expect(words("回\u{200B}", worded).isEmpty)
    }

    @Test func theWordTypedNarrowsTheCandidates() {
        #expect(words("re") == ["reply", "remind", "return", "report"])
        #expect(words("esc") == ["escalate"])
        #expect(words("new") == ["new"])
        #expect(words("zz").isEmpty)
        #expect(words("new sug") == ["suggestion"])
        #expect(words("close ") == Outcome.allCases.map(\.rawValue))
        #expect(words("escalate rep") == ["report-upper", "report-committee"])
    }

    @Test func optionNamesArePerVerb() {
        #expect(words("reply --da") == ["--date"])
        #expect(words("new suggestion --t") == ["--to", "--title"])
        #expect(words("new suggestion --") == CommandText.newOptions.map { "--" + $0 })
        #expect(words("reply --") == CommandText.actionOptions.map { "--" + $0 })
        #expect(words("new suggestion --s") == ["--subject", "--summary", "--share"])
        #expect(!words("new --").contains("--outcome") && !words("close --").contains("--to"))
        // Where no word has a meaning of its own, an empty word lists the options.
        #expect(words("new suggestion ") == CommandText.newOptions.map { "--" + $0 })
        #expect(words("reply adopted ") == CommandText.actionOptions.map { "--" + $0 })
        #expect(words("issue --urgent ") == CommandText.actionOptions.map { "--" + $0 })
        // Commands that take no options offer none.
        #expect(words("goto --").isEmpty && words("quit --").isEmpty)
        #expect(words("user add zhang --", admin) == CommandText.userOptions.map { "--" + $0 })
    }

    @Test func optionValuesComeFromTheStateAndTheDomain() {
        #expect(words("new suggestion --to ") == ["hbj", "jcy", "scjgj", "sfj"])
        #expect(words("new suggestion --to s") == ["scjgj", "sfj"])
        #expect(words("new suggestion --subject h") == ["hbj"])
        #expect(words("new transfer --to sfj --copy ") == ["hbj", "jcy", "scjgj", "sfj"])
        // An organisation found by its name.
        #expect(words("new suggestion --to 生态") == ["hbj"])
        #expect(words("new suggestion --to 文水县") == ["hbj", "jcy", "scjgj", "sfj"])
        #expect(words("new suggestion --to=h") == ["--to=hbj"])
        #expect(words("new suggestion --domain ") == DomainArea.allCases.map(\.rawValue))
        #expect(words("new suggestion --domain fo") == ["food-drug"])
        // The variants of the kind given.
        #expect(words("new suggestion --variant ") == ["public-interest"])
        #expect(words("new meeting --variant ") == ["exchange", "case-notification", "information-sharing", "training", "case-study"])
        #expect(words("new --variant ") == MatterVariant.allCases.map(\.rawValue))
        #expect(words("reply --outcome pa") == ["partly"])
        #expect(words("escalate --escalation ") == EscalationOption.allCases.map(\.rawValue))
        #expect(words("reply --date ") == ["today", "+1", "+7", "2026-11-30"])
        #expect(words("new suggestion --date ") == ["today", "+1", "+7", "2026-11-30"])
        #expect(words("remind --scheduled +") == ["+1", "+7"])
        #expect(words("reply --date 2") == ["2026-11-30"])
        #expect(words("serve ") == ["today", "+1", "+7", "2026-11-30"])
        #expect(words("user add zhang --org j", admin) == ["jcy"])
        #expect(words("user add zhang --role h", admin) == ["handler", "head"])
        #expect(words("org ", admin) == ["add", "rename", "disable", "enable"])
        #expect(words("org add lyj --", admin) == CommandText.orgOptions.map { "--" + $0 })
        #expect(words("org add lyj --party ", admin) == ["department", "external", "procuratorate", "justice", "admin"])
        #expect(words("org disable j", admin) == ["jcy"])
        #expect(words("org ", nil).isEmpty, "only for an administrator")
        // Free text and numbers have nothing to offer.
        #expect(words("reply --text ").isEmpty && words("new suggestion --title ").isEmpty && words("issue --number ").isEmpty)
        // A value given, the next place is the options again.
        #expect(words("new suggestion --to hbj --ti") == ["--title"])
    }

    @Test func theNotesNameWhatAWordStandsFor() {
        let to = CommandText.candidates(of: "new suggestion --to h", context: context)
        #expect(to == [Completion("hbj", note: .organisation("文水县生态环境局"))])
        #expect(CommandText.candidates(of: "new sug", context: context) == [Completion("suggestion", note: .kind(.suggestion))])
        #expect(CommandText.candidates(of: "reply --date +7", context: context) == [Completion("+7", note: .text("2026-12-07"))])
    }

    @Test func afterTheFirstWordsOfSomeCommands() {
        #expect(words("new ") == MatterKind.allCases.map(\.rawValue))
        #expect(words("doc ") == LetterKind.allCases.map(\.rawValue))
        #expect(words("doc re") == ["reminder"])
        #expect(words("goto ").isEmpty && words("goto 2").isEmpty)
        #expect(words("filter ").isEmpty)
        #expect(words("user ", admin) == ["add", "disable", "enable"])
        #expect(words("user ").isEmpty)
        #expect(words("key ", admin) == ["add", "remove"])
        #expect(words("user disable w", admin) == ["wangjian"])
        #expect(words("key remove ", admin) == ["admin", "wangjian"])
    }

    @Test func quotesAndEscapesAreLeftAlone() {
        #expect(words("note \"ab").isEmpty)
        #expect(words("note \"re").isEmpty)
        #expect(words("reply \\re").isEmpty)
        #expect(words("reply --text \"两个 词\" --da") == ["--date"])
        #expect(words("reply --text '已 整改' ") == CommandText.actionOptions.map { "--" + $0 })
    }

    @Test func hostileTextCompletesToNothingHostile() {
        for entry in HostileCorpus.entries {
            for line in [entry.text, "re" + entry.text, "new " + entry.text, "new suggestion --to " + entry.text,
                         "reply --date " + entry.text, entry.text + " --", "new sug" + entry.text] {
                for c in CommandText.candidates(of: line, context: admin) {
                    #expect(Sanitizer.line(c.word) == c.word, "\(entry.name): \(c.word)")
                    #expect(!c.word.unicodeScalars.contains { HostileCorpus.isForbiddenRaw($0) }, "\(entry.name)")
                }
            }
        }
        // A typed word with a control or bidi character in it is no command's prefix.
        #expect(words("re\u{202E}").isEmpty)
        #expect(words("new sug\u{07}").isEmpty)
        #expect(words("new suggestion --to h\u{200B}").isEmpty)
    }

    // MARK: - The reducer

    func state() throws -> AppState {
        let org = Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate)
        let viewer = Viewer(user: User(name: "wangjian", displayName: "王建国", org: "jcy", role: .handler), org: org)
        var s = AppState(viewer: viewer, today: Self.today, organisations: Self.organisations, clock: try Fixtures.clock())
        s.mode = .commandLine(TextField())
        return s
    }

    func line(_ s: AppState) -> (String, CompletionList)? {
        if case .commandLine(let f, let list, _) = s.mode { return (f.text, list) }
        return nil
    }

    @Test func tabOnAnEmptyLineListsEveryCommandInTheMode() throws {
        var s = try state()
        _ = reduce(&s, .key("<Tab>"))
        let (text, list) = try #require(line(s))
        #expect(text == "")
        #expect(list.candidates.map(\.word) == CommandText.verbs)
        #expect(list.selected == nil)
        // The list is in the mode, not in the status message.
        #expect(s.message == nil)
        // Tab again puts the candidates on the line one by one; Shift-Tab goes back.
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == CommandText.verbs[0] && line(s)?.1.selected == 0)
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == CommandText.verbs[1] && line(s)?.1.selected == 1)
        _ = reduce(&s, .key("<S-Tab>"))
        _ = reduce(&s, .key("<S-Tab>"))
        #expect(line(s)?.0 == CommandText.verbs.last && line(s)?.1.selected == CommandText.verbs.count - 1)
        // Typing clears the list.
        _ = reduce(&s, .key("x"))
        #expect(line(s)?.1.isEmpty == true)
        // Esc hides a list first, then closes the line.
        _ = reduce(&s, .key("<C-u>"))
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.1.isEmpty == false)
        _ = reduce(&s, .key("<Esc>"))
        #expect(line(s)?.1.isEmpty == true)
        _ = reduce(&s, .key("<Esc>"))
        #expect(s.mode == .normal)
    }

    @Test func tabCompletesTheWordAndInsertsWhatTheCandidatesShare() throws {
        var s = try state()
        func type(_ text: String) { for c in text { _ = reduce(&s, .key(c == " " ? "<Space>" : String(c))) } }
        type("esc")
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "escalate " && line(s)?.1.isEmpty == true)
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.1.candidates.map(\.word) == EscalationOption.allCases.map(\.rawValue))
        type("rep")
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "escalate report-")
        #expect(line(s)?.1.candidates.map(\.word) == ["report-upper", "report-committee"])
        // Stepping replaces the whole word, not only what was typed.
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "escalate report-upper")
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "escalate report-committee")

        s.mode = .commandLine(TextField("new suggestion --to 生态"))
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "new suggestion --to hbj ")
        s.mode = .commandLine(TextField("new suggestion --to 文水县"))
        _ = reduce(&s, .key("<Tab>"))
        // Found by name: nothing shared to insert, the list shows them.
        #expect(line(s)?.0 == "new suggestion --to 文水县" && line(s)?.1.candidates.count == 4)
        _ = reduce(&s, .key("<Tab>"))
        #expect(line(s)?.0 == "new suggestion --to hbj")

        // The word before the cursor, mid-line.
        s.mode = .commandLine(TextField("reply --o --text 已整改", cursor: 9))
        _ = reduce(&s, .key("<Tab>"))
        guard case .commandLine(let f, _, _) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(f.text == "reply --outcome --text 已整改" && f.cursor == 15)
    }

    @Test func hostileTextOnTheLineIsNeverCompletedIntoIt() throws {
        for entry in HostileCorpus.entries where entry.text.count < 1000 {
            var s = try state()
            _ = reduce(&s, .paste("new sug" + entry.text))
            _ = reduce(&s, .key("<Tab>"))
            _ = reduce(&s, .key("<Tab>"))
            let (text, list) = try #require(line(s))
            #expect(!text.unicodeScalars.contains { HostileCorpus.isForbiddenRaw($0) }, "\(entry.name): \(text)")
            for c in list.candidates { #expect(Sanitizer.line(c.word) == c.word, "\(entry.name)") }
        }
    }
}
