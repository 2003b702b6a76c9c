import Foundation
import OversightTestSupport
import Testing

/// The text rule through the import, as an administrator runs it: a JSON file whose title holds `\u0000` is refused
/// whole (exit 2) with FILE:LINE: column: why in the rule's words, and `audit verify` stays intact.
@Suite struct TextRuleEndToEndTests {
    @Test func anImportedTitleWithANulIsRefusedNamingItAndTheAuditStaysIntact() throws {
        let cli = try CLI.demo()
        let admin = PeopleFixtures.loginName
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("in.json").path
        let json = #"[{"number": "", "kind": "suggestion", "title": "关于\u0000排污口整治的检察建议", "from": "jcy", "to": "hbj", "createdOn": "2026-11-02"}]"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let before = try cli.list("wangjian").count
        let zh = try cli.run(admin, ["import", path], lang: "zh")
        #expect(zh.status == 2, "\(zh.err)")
        #expect(zh.err.contains("in.json:1: 标题 (title): "), "\(zh.err)")
        #expect(zh.err.contains("标题含控制字符或换行 U+0000 NULL（第 3 个字符）"), "\(zh.err)")
        let en = try cli.run(admin, ["import", path], lang: "en")
        #expect(en.status == 2)
        #expect(en.err.contains("the title holds a control character or line break, U+0000 NULL, at character 3"), "\(en.err)")
        #expect(try cli.list("wangjian").count == before)
        let audit = try cli.run(admin, ["audit", "verify"])
        #expect(audit.status == 0, "\(audit.out)\(audit.err)")
    }
}
