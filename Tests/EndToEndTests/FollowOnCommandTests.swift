import Foundation
import OversightTestSupport
import Testing

/// `oversight matter new KIND --follows ID` (issue 20), through the built binary: the link both ways in `matter show`
/// (text and `--json`'s `follows` and `followedBy`), each party seeing only the linked matters it may see; what
/// cannot be followed refused; bad ids said as such; an escalation that announces a referral names the command.
@Suite(.serialized) struct FollowOnCommandTests {
    let w = Person.wangjian, j = Person.zhaomin, d = Person.hbjLi, other = Person.scjgjRen

    func ids(_ matter: [String: Any], _ key: String) -> [Int]? { matter[key] as? [Int] }

    @Test func aReferralFollowingAnInspectionIsShownToItsSenderAndNotToTheDepartmentInspected() throws {
        let cli = try CLI.demo()
        let inspection = try cli.new(w.name, "inspection", to: "hbj", title: "调阅排污许可案卷")
        try cli.step(w.name, inspection, "issue")
        let referral = try cli.new(w.name, "referral", to: "jw", title: "调阅发现的违纪线索", extra: ["--follows", "\(inspection)"])
        let suggestion = try cli.new(w.name, "suggestion", to: "hbj", title: "调阅后的检察建议", extra: ["--follows", "\(inspection)"])
        try cli.step(w.name, suggestion, "issue")

        // The procuratorate: both ways, in JSON and in words.
        let shown = try cli.show(w.name, inspection)
        #expect(ids(shown, "follows") == [] && ids(shown, "followedBy") == [referral, suggestion])
        #expect(shown["number"] is String && shown["events"] is [Any], "the exchange fields are all still there")
        #expect(ids(try cli.show(w.name, referral), "follows") == [inspection])
        let text = try cli.run(w.name, ["matter", "show", "\(inspection)"], lang: "zh")
        #expect(text.status == 0)
        #expect(text.out.contains("后续事项") && text.out.contains("#\(referral) 线索移送 调阅发现的违纪线索"), "\(text.out)")
        let back = try cli.run(w.name, ["matter", "show", "\(referral)"])
        #expect(back.out.contains("Follows") && back.out.contains("#\(inspection) File inspection"), "\(back.out)")

        // The department inspected sees the suggestion that followed, never the referral: no id, no title.
        let seen = try cli.show(d.name, inspection)
        #expect(ids(seen, "followedBy") == [suggestion])
        let words = try cli.run(d.name, ["matter", "show", "\(inspection)"], lang: "zh")
        #expect(!words.out.contains("违纪线索") && !words.out.contains("#\(referral)"), "\(words.out)")
        #expect(words.out.contains("#\(suggestion)"))
        #expect(ids(try cli.show(d.name, suggestion), "follows") == [inspection])
        // Another department sees neither end.
        #expect(try cli.run(other.name, ["matter", "show", "\(inspection)", "--json"]).status == 1)
    }

    @Test func aSupervisionApplicationNamesItsEnforcementCopyAndTheCopyShowsIt() throws {
        let cli = try CLI.demo()
        let copy = try cli.new(d.name, "enforcement-copy", to: "sfj", title: "申请法院强制执行的抄送")
        try cli.step(d.name, copy, "issue")
        let application = try cli.new(d.name, "supervision-application", to: "jcy", title: "对不准予执行裁定的监督申请",
                                      extra: ["--follows", "\(copy)"])
        try cli.step(d.name, application, "issue")
        #expect(ids(try cli.show(d.name, copy), "followedBy") == [application])
        #expect(ids(try cli.show(d.name, application), "follows") == [copy])
        // The justice bureau (the copy's) and the procuratorate (the application's) each see their own end only.
        #expect(ids(try cli.show(j.name, copy), "followedBy") == [])
        #expect(ids(try cli.show(w.name, application), "follows") == [])
        #expect(!(try cli.run(w.name, ["matter", "show", "\(application)"])).out.contains("#\(copy)"))
    }

    /// `--follows` takes a matter's id: anything else is bad usage (exit 2) naming the option; an id the person may
    /// not see is refused exactly as one that does not exist (exit 1, the same words); nothing is written.
    @Test func badAndHiddenIdsAreSaidAndWriteNothing() throws {
        let cli = try CLI.demo()
        let inspection = try cli.new(w.name, "inspection", to: "hbj", title: "调阅案卷")
        try cli.step(w.name, inspection, "issue")
        let before = try cli.visibleIDs(w.name)
        for bad in ["0", "-1", "abc", "99999999999999999999999", "1.5", "", "#", "１２", "12abc"]
            + HostileCorpus.entries.map(\.text).filter { !$0.contains("\u{0}") }.prefix(12) {
            let r = try cli.run(w.name, ["matter", "new", "referral", "--to", "jw", "--title", "线索", "--follows", bad])
            #expect(r.status == 2, "--follows \(bad.debugDescription) exited \(r.status): \(r.err)")
            #expect(r.err.contains("--follows") && r.err.contains("matter's id"), "\(r.err)")
            #expect(!r.err.contains("\u{1B}"), "an escape reached the terminal")
        }
        let huge = "9223372036854775807"
        let missing = try cli.run(w.name, ["matter", "new", "referral", "--to", "jw", "--title", "线索", "--follows", huge])
        #expect(missing.status == 1 && missing.err.contains(huge), "\(missing.err)")
        // 环保局's inspection, to another department: the same words as for a matter that does not exist.
        let hidden = try cli.run(other.name, ["matter", "new", "referral", "--to", "jw", "--title", "线索", "--follows", "\(inspection)"])
        let absent = try cli.run(other.name, ["matter", "new", "referral", "--to", "jw", "--title", "线索", "--follows", "9000000"])
        #expect(hidden.status == 1 && absent.status == 1)
        #expect(hidden.err.replacingOccurrences(of: "\(inspection)", with: "N") == absent.err.replacingOccurrences(of: "9000000", with: "N"))
        #expect(!hidden.err.contains("调阅"))
        // Not what follows an inspection; a refused creation leaves no link.
        let dispute = try cli.run(j.name, ["matter", "new", "dispute", "--to", "jcy", "--title", "争议", "--follows", "\(inspection)"])
        #expect(dispute.status == 1)
        let taken = try cli.show(w.name, inspection)["number"] as? String ?? ""
        let refused = try cli.run(w.name, ["matter", "new", "suggestion", "--to", "hbj", "--title", "建议", "--number", taken, "--follows", "\(inspection)"])
        #expect(refused.status == 1, "\(refused.err)")
        #expect(ids(try cli.show(w.name, inspection), "followedBy") == [])
        #expect(try cli.visibleIDs(w.name) == before)
    }

    @Test func anEscalationThatRefersAClueNamesTheCommandThatOpensIt() throws {
        let cli = try CLI.demo()
        let s = try cli.new(w.name, "suggestion", to: "hbj", title: "逾期未回复的检察建议", today: "2025-05-06")
        try cli.step(w.name, s, "issue", ["--date", "2025-05-06"])
        try cli.step(w.name, s, "serve", ["--date", "2025-05-07"])
        let tooEarly = try cli.run(w.name, ["matter", "new", "referral", "--to", "jw", "--title", "线索", "--follows", "\(s)"])
        #expect(tooEarly.status == 1 && tooEarly.err.contains("escalated"), "\(tooEarly.err)")
        let upward = try cli.step(w.name, s, "escalate", ["--escalation", "report-upper", "--text", "逾期未回复"])
        #expect(!upward.err.contains("--follows"), "a report upward opens nothing here: \(upward.err)")
        let r = try cli.step(w.name, s, "escalate", ["--escalation", "refer-clue", "--text", "移送线索"])
        #expect(r.err.contains("oversight matter new referral --follows \(s)"), "\(r.err)")
        let referral = try cli.new(w.name, "referral", to: "jw", title: "检察建议逾期的违纪线索", extra: ["--follows", "\(s)"])
        #expect(ids(try cli.show(w.name, s), "followedBy") == [referral])
    }
}
