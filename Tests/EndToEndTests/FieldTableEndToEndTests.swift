import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

/// `matter show` as people and scripts read it, walked from the field table (`MatterField.all`): the JSON has every
/// field's key and no other but the links (`follows`, `followedBy`); the text has a line for each field the table shows when it has a value, labelled from
/// the string table, and no line the table does not declare.
@Suite struct FieldTableEndToEndTests {
    @Test(arguments: ["zh", "en"])
    func matterShowListsTheTablesFieldsAndNothingElse(lang: String) throws {
        let cli = try CLI.demo(#function + lang)
        // Copied to another organisation: a list among the fields.
        let made = try cli.run("wangjian", ["matter", "new", "transfer", "--to", "sfj", "--title", "字段", "--subject", "hbj",
                                            "--copy", "zrzyj", "--copy", "nyj", "--json"])
        #expect(made.status == 0, "\(made.err)")
        // And one served with its manner and receipt (no demo matter records them).
        let served = try cli.new("wangjian", "suggestion", to: "hbj", title: "送达字段", domain: "ecology")
        try cli.step("wangjian", served, "issue")
        try cli.step("hbj.li", served, "serve", ["--service", "post", "--receipt", CLI.today])
        let all = try CLI.array(try cli.run("wangjian", ["matter", "list", "--all", "--json"]), "matter list")
        #expect(all.allSatisfy { Set($0.keys) == Set(MatterField.all.map(\.key)).subtracting(["events"]) })
        let strings = try Fixtures.strings(lang == "zh" ? .zh : .en)
        // The table's labels, and 知悉人 (who a need-to-know referral is open to: not a field, its own table).
        let labels = Set(MatterField.shownInText.compactMap { $0.shown.map { strings($0.label) } } + [strings("detail.known-to")])
        var seen = Set<String>()
        for item in all {
            let id = try #require(item["id"] as? Int)
            let json = try CLI.object(try cli.run("wangjian", ["matter", "show", "\(id)", "--json"], lang: lang), "matter show --json")
            // The table's fields, and beside them the matter's links as this viewer may see them (not fields: links
            // live in their own table and are not exchanged).
            // A referral's people besides its heads too (need to know), and only a referral's.
            var extra: Set<String> = json["kind"] as? String == "referral" ? ["follows", "followedBy", "knownTo"] : ["follows", "followedBy"]
            // And the rule a served matter's clock counted under (not a field: the rule book's, or the county's).
            if json["servedOn"] as? String != nil, ["suggestion", "transfer", "inspection", "supervision-application", "consultation"].contains(json["kind"] as? String ?? "") {
                extra.insert("deadlineRule")
            }
            #expect(Set(json.keys) == Set(MatterField.all.map(\.key)).union(extra))
            let text = try cli.run("wangjian", ["matter", "show", "\(id)"], lang: lang)
            #expect(text.status == 0)
            // The field lines: after the header, up to the history.
            let lines = text.out.components(separatedBy: "\n\n")[0].components(separatedBy: "\n").dropFirst()
            let shown = lines.map { line in
                labels.first { line.hasPrefix($0 + " ") } ?? line
            }
            #expect(shown.allSatisfy(labels.contains), "\(id): \(shown.filter { !labels.contains($0) })")
            seen.formUnion(shown)
            // Each shown field with a value in the JSON has its line.
            for field in MatterField.shownInText {
                guard let s = field.shown, s.when == .given else { continue }
                let value = json[field.key]
                let given = (value as? String).map { !$0.isEmpty } ?? (value as? [Any]).map { !$0.isEmpty } ?? false
                if given { #expect(shown.contains(strings(s.label)), "\(id): \(field.key)") }
            }
        }
        // Over the demo's matters, most fields the table shows appear somewhere (not all: no demo matter is rectified).
        #expect(seen.contains(strings("cli.field.copied-to")) && seen.count >= labels.count - 4, "never shown: \(labels.subtracting(seen))")
    }
}
