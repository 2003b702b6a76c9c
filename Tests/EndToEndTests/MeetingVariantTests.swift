import Foundation
import OversightTestSupport
import Testing

/// Training and case study (Art. 6: 培训, 案例研讨) as variants of a meeting, through the built binary: given by code or
/// either language's word, shown, exported; refused on another kind; kept by a database written before them.
@Suite struct MeetingVariantTests {
    @Test func aMeetingIsTrainingOrACaseStudyByCodeOrWord() throws {
        let cli = try CLI.demo()
        for (given, code, zh) in [("training", "training", "培训"), ("案例研讨", "case-study", "案例研讨"), ("case study", "case-study", "案例研讨")] {
            let id = try cli.new("zhaomin", "meeting", to: "jcy", title: "行政执法\(code)会", domain: "other", extra: ["--variant", given])
            let m = try cli.show("zhaomin", id)
            #expect(m["variant"] as? String == code, "\(given): \(m)")
            let text = try cli.run("zhaomin", ["matter", "show", "\(id)"], lang: "zh")
            #expect(text.out.contains(zh), "\(text.out)")
            // Its course is a meeting's: issued with its day, closed with the minutes.
            try cli.step("zhaomin", id, "issue", ["--scheduled", "2025-10-10"])
            try cli.step("zhaomin", id, "close", ["--text", "已开展培训并形成纪要"])
            #expect(try cli.show("zhaomin", id).state == "closed")
        }
        // Not a variant of a suggestion: refused, nothing made.
        let before = try cli.visibleIDs("wangjian")
        let r = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "培训建议", "--variant", "training", "--json"])
        #expect(r.status != 0 && r.err.contains("training"), "\(r.err)")
        #expect(try cli.visibleIDs("wangjian") == before)
        // The help lists them, from the enum.
        let help = try CLI.raw(["matter", "new", "--help"])
        #expect(help.out.contains("training") && help.out.contains("case-study"), "\(help.out)")
    }
}
