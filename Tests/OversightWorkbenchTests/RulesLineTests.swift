import OversightDomain
import OversightResources
import OversightTestSupport
import TerminalKit
import Testing

@testable import OversightWorkbench

/// `:rules`, `:rules propose KEY VALUE --source TEXT`, `:rules agree KEY` read as the other `:` lines are (Art. 12).
@Suite struct RulesLineTests {
    @Test func theLinesFormsReadAsTheCLIs() throws {
        #expect(try CommandText.parse("rules") == .rules(.list))
        #expect(try CommandText.parse("rules list") == .rules(.list))
        #expect(try CommandText.parse("规则") == .rules(.list))
        #expect(try CommandText.parse("rules propose transfer-feedback 20 --source \"县司法局、县检察院会议纪要（2026）3号\"")
                == .rules(.propose(key: "transfer-feedback", value: "20", source: "县司法局、县检察院会议纪要（2026）3号")))
        // A source with spaces in quotes, `--source=`, a key by its name, a value with its unit.
        #expect(try CommandText.parse("rules propose 移送处理反馈期限 20日 --source='纪要 第 3 号'")
                == .rules(.propose(key: "移送处理反馈期限", value: "20日", source: "纪要 第 3 号")))
        #expect(try CommandText.parse("rules propose \"feedback on a transfer\" '10 workdays' --source X")
                == .rules(.propose(key: "feedback on a transfer", value: "10 workdays", source: "X")))
        // No source: the store names what is missing (its words).
        #expect(try CommandText.parse("rules propose alert-window 5") == .rules(.propose(key: "alert-window", value: "5", source: nil)))
        #expect(try CommandText.parse("rules agree 移送处理反馈期限") == .rules(.agree(key: "移送处理反馈期限")))
        for bad in ["rules agree", "rules agree a b", "rules propose transfer-feedback", "rules propose a 1 --text x",
                    "rules frob", "rules list all", "rules agree x --source y", "rules propose a 1 --source \"open"] {
            #expect(throws: OptionError.self, "\(bad)") { try CommandText.parse(bad) }
        }
    }

    func state(user: String = "chenjie", org: Organisation = Organisation(id: "sfj", name: "文水县司法局", party: .justice)) throws -> AppState {
        let viewer = Viewer(user: User(name: user, displayName: user, org: org.id, role: .head), org: org)
        var s = AppState(viewer: viewer, today: Fixtures.today, organisations: [org.id: org.name], clock: try Fixtures.clock())
        s.ruleNames = try OversightResources.ruleNames()
        return s
    }

    /// Types `:` and `line` (pasted), then Enter: the effects asked for.
    func typed(_ line: String, _ s: inout AppState) -> [Effect] {
        _ = reduce(&s, .key(":"))
        _ = reduce(&s, .paste(line))
        return reduce(&s, .key("<Enter>"))
    }

    @Test func aKeyIsReadByCodeOrNameInEitherLanguageAndAValueInTheRulesUnit() throws {
        var s = try state()
        let unit = s.clock.settings.rules.clock(.transferFeedback).period.unit
        #expect(typed("rules propose transfer-feedback 20 --source 纪要", &s) == [.proposeRule(.clock(.transferFeedback), Period(20, unit), source: "纪要")])
        #expect(typed("rules propose 移送处理反馈期限 20日 --source 纪要", &s) == [.proposeRule(.clock(.transferFeedback), Period(20, .days), source: "纪要")])
        #expect(typed("rules propose \"feedback on a transfer\" '3 months' --source 纪要", &s)
                == [.proposeRule(.clock(.transferFeedback), Period(3, .months), source: "纪要")])
        // The alert window counts days.
        #expect(typed("rules propose 临期提醒天数 5 --source 纪要", &s) == [.proposeRule(.alertWindow, Period(5, .days), source: "纪要")])
        #expect(typed("rules propose alert-window 5 ", &s) == [.proposeRule(.alertWindow, Period(5, .days), source: "")])
        #expect(typed("rules agree 移送处理反馈期限", &s) == [.agreeRule(.clock(.transferFeedback))])
        #expect(typed("rules agree feedback\\ on\\ a\\ transfer", &s) == [.agreeRule(.clock(.transferFeedback))])
        #expect(typed("rules", &s) == [.loadRules])
        #expect(typed("规则 list", &s) == [.loadRules])

        // What does not read is said at once, nothing asked of the store.
        #expect(typed("rules propose 不存在的规则 20 --source 纪要", &s).isEmpty)
        #expect(s.status.map { Presenter(strings: try! Fixtures.strings()).text($0) }?.contains("不是本县可以设定的规则") == true, "\(String(describing: s.status))")
        #expect(typed("rules propose transfer-feedback 二十 --source 纪要", &s).isEmpty)
        #expect(s.status.map { Presenter(strings: try! Fixtures.strings(.en)).text($0) }?.contains("is no period") == true, "\(String(describing: s.status))")
        #expect(typed("rules agree nothing-such", &s).isEmpty)
        if case .option = s.status {} else { Issue.record("no refusal: \(String(describing: s.status))") }
    }

    @Test func tabCompletesTheSubcommandsKeysAndSource() throws {
        #expect(CommandText.completions(of: "rul") == ["rules"])
        #expect(CommandText.completions(of: "rules ") == ["list", "propose", "agree"])
        #expect(CommandText.completions(of: "rules p") == ["propose"])
        #expect(CommandText.completions(of: "rules agree tr") == ["transfer-feedback"])
        #expect(CommandText.completions(of: "rules propose al") == ["alert-window"])
        #expect(CommandText.completions(of: "rules propose transfer-feedback 20 --s") == ["--source"])
        #expect(CommandText.completions(of: "rules list ").isEmpty)
    }

    @Test func theHelpListsTheCommandsAndTheirMakersMore() throws {
        let head = try state()
        let labels = Keymap.standard.helpRows(head).map(\.label)
        #expect(labels.contains("help.rules") && labels.contains("help.rules-propose") && labels.contains("help.rules-agree"))
        var handler = try state(user: "wangjian", org: Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate))
        handler.viewer.user.role = .handler
        let theirs = Keymap.standard.helpRows(handler).map(\.label)
        #expect(theirs.contains("help.rules") && !theirs.contains("help.rules-propose"))
        let department = try state(user: "liuyang", org: Organisation(id: "hbj", name: "市生态环境局文水分局", party: .department))
        #expect(!Keymap.standard.helpRows(department).map(\.label).contains("help.rules-agree"))
    }
}
