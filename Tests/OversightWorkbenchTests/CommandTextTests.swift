import OversightDomain
import Testing

@testable import OversightWorkbench

@Suite struct CommandTextTests {
    @Test func bareWordsTakeTheMeaningTheStepGivesThem() throws {
        #expect(try CommandText.parse("serve 2025-09-29") == .act(.serve, ActionOptions(date: "2025-09-29")))
        #expect(try CommandText.parse("reply 已按建议整改 并回复") == .act(.reply, ActionOptions(text: "已按建议整改 并回复")))
        #expect(try CommandText.parse("reply adopted 已整改") == .act(.reply, ActionOptions(text: "已整改", outcome: "adopted")))
        #expect(try CommandText.parse("close adopted") == .act(.close, ActionOptions(outcome: "adopted")))
        #expect(try CommandText.parse("escalate notify-superior 逾期") == .act(.escalate, ActionOptions(text: "逾期", escalation: "notify-superior")))
        #expect(try CommandText.parse("note '两个 空格'") == .act(.note, ActionOptions(text: "两个 空格")))
    }

    @Test func optionsAreTheCommandLines() throws {
        #expect(try CommandText.parse("reply --text \"已 整改\" --date=2025-09-28 --outcome partly")
                == .act(.reply, ActionOptions(text: "已 整改", date: "2025-09-28", outcome: "partly")))
        #expect(try CommandText.parse("issue --urgent --period 10d")
                == .act(.issue, ActionOptions(urgent: true, period: "10d")))
        #expect(try CommandText.parse("new suggestion --to hbj --title 关于排污 --copy sfj --copy scjgj")
                == .new(.suggestion, NewMatterOptions(to: "hbj", title: "关于排污", copy: ["sfj", "scjgj"])))
        #expect(try CommandText.parse("new") == .new(nil, NewMatterOptions()))
        // `--to` repeated: a joint inspection's or meeting's invitees, the first its addressee (issue 20).
        #expect(try CommandText.parse("new joint-inspection --to hbj --to zrzyj --to scjgj --title 联合检查")
                == .new(.jointInspection, NewMatterOptions(to: "hbj", alsoTo: ["zrzyj", "scjgj"], title: "联合检查")))
        // `new plan` / `new 年度计划`: the annual plan, a joint inspection of the variant annual-plan.
        for word in ["plan", "年度计划"] {
            #expect(try CommandText.parse("new \(word) --to sfj --to hbj --title 年度计划")
                    == .new(.jointInspection, NewMatterOptions(to: "sfj", alsoTo: ["hbj"], title: "年度计划", variant: "annual-plan")))
        }
        #expect(throws: OptionError.self) { try CommandText.parse("new 计划书 --to sfj") }
        // The new-matter form's 收文单位 field takes them one after another, and shows them so.
        var form = NewMatterOptions(title: "联合检查")
        form.setTo(Form.organisations("hbj、zrzyj；scjgj"))
        #expect(form == NewMatterOptions(to: "hbj", alsoTo: ["zrzyj", "scjgj"], title: "联合检查"))
        #expect(Form.fields(forNew: form, kind: .jointInspection).first { $0.option == "to" }?.value == "hbj、zrzyj、scjgj")
        #expect(try CommandText.parse("goto 2025-10") == .goto(CivilDate("2025-10-01")!))
        #expect(try CommandText.parse("goto 2025-10-09") == .goto(CivilDate("2025-10-09")!))
        #expect(try CommandText.parse("quit") == .command(.quit))
        #expect(try CommandText.parse("filter 排污 overdue") == .filter("排污 overdue"))
    }

    /// Sign-off's decisions (issue 20): the CLI's `matter approve`, `matter return --text`, in both languages.
    @Test func approveAndReturnAreTheDecisionsOnTheSelectedMattersSubmission() throws {
        #expect(try CommandText.parse("approve") == .approve)
        #expect(try CommandText.parse("批准") == .approve)
        #expect(try CommandText.parse("return 证据不足 请补充") == .returnSubmission("证据不足 请补充"))
        #expect(try CommandText.parse("退回 --text 请补充照片") == .returnSubmission("请补充照片"))
        // Bare, the key's command: the `:` line begun for the reason.
        #expect(try CommandText.parse("return") == .command(.returnSubmission))
        #expect(try CommandText.parse("退回") == .command(.returnSubmission))
        #expect(throws: OptionError.self) { try CommandText.parse("approve 12") }
        #expect(throws: OptionError.self) { try CommandText.parse("return 理由 --text 又一个") }
    }

    @Test func badLinesSayWhatIsWrong() {
        for (line, words) in [("frobnicate", "unknown command"), ("reply --bogus x", "unknown option --bogus"),
                              ("reply --text", "needs a value"), ("note \"open", "not closed"), ("new planet", "not one of"),
                              ("goto soon", "goto takes"), ("", "type a command"), ("note x --text y", "once")] {
            #expect(throws: OptionError.self, "\(line)") { try CommandText.parse(line) }
            do { _ = try CommandText.parse(line) } catch { #expect(error.description.contains(words), "\(line): \(error)") }
        }
    }

    @Test func completionOffersWhatFitsTheWordBeingTyped() {
        #expect(CommandText.completions(of: "re") == ["reply", "remind", "return", "report"])
        #expect(CommandText.completions(of: "new sug") == ["suggestion"])
        #expect(CommandText.completions(of: "close ").contains("adopted"))
        #expect(CommandText.completions(of: "reply --da") == ["--date"])
        #expect(CommandText.completions(of: "new suggestion --t") == ["--to", "--title"])
        #expect(CommandText.completions(of: "escalate rep") == ["report-upper", "report-committee"])
    }
}
