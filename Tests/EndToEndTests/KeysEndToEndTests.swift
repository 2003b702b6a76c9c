import Foundation
import OversightTestSupport
import Testing

/// `oversight keys` (issue 19): the keys in force per section, after the person's binds.conf, through the binary.
@Suite struct KeysEndToEndTests {
    func config(_ name: String, _ binds: String?) throws -> String {
        let dir = try Fixtures.temporaryDirectory(name)
        if let binds {
            let sub = dir.appendingPathComponent("oversight")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try binds.write(to: sub.appendingPathComponent("binds.conf"), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func withoutBindsConfTheStandardKeysInChinese() throws {
        let r = try CLI.raw(["keys"], env: ["XDG_CONFIG_HOME": try config("keys-none", nil)])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "[inbox]")
        #expect(lines.contains { $0.hasPrefix("  r ") && $0.contains(":reply") && $0.hasSuffix("回复所选事项") })
        for section in ["[inbox]", "[detail]", "[calendar]", "[menu]", "[form]", "[confirm]", "[help]", "[view]", "[report]"] {
            #expect(lines.contains(section), "\(section)")
        }
        #expect(!r.out.contains("binds.conf"))
    }

    @Test func bindsConfIsAppliedAndItsBadLinesNamed() throws {
        let dir = try config("keys-mine", "# mine\n[inbox]\nN = :note 已阅\n<Nope> = :help\nr = :quit\n[menu]\nl = :submit\n")
        let file = dir + "/oversight/binds.conf"
        let r = try CLI.raw(["keys"], env: ["XDG_CONFIG_HOME": dir])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "oversight: \(file):4：没有按键“<Nope>”（写作 x、N、<Enter>、<C-d>、<F2> 等），已跳过\n")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "按键设置：\(file)")
        #expect(lines.contains { $0.hasPrefix("  N ") && $0.contains(":note 已阅") })
        #expect(lines.contains { $0.hasPrefix("  r ") && $0.contains(":quit") })
        #expect(!lines.contains { $0.contains(":reply") }, "r no longer replies and nothing else does")

        let j = try CLI.raw(["keys", "--json", "--lang", "en"], env: ["XDG_CONFIG_HOME": dir])
        let o = try CLI.object(j, "keys --json")
        #expect(o["file"] as? String == file)
        #expect(o["problems"] as? [String] == ["\(file):4: no key \"<Nope>\" (write x, N, <Enter>, <C-d>, <F2> …); skipped"])
        let sections = try #require(o["sections"] as? [String: [[String: String]]])
        #expect(sections["inbox"]?.contains { $0 == ["key": "N", "command": ":note 已阅"] } == true)
        #expect(sections["menu"]?.contains { $0 == ["key": "l", "command": ":submit"] } == true)
        #expect(sections["detail"] == [])
    }

    @Test func withoutXDGConfigHomeTheHomeConfigIsRead() throws {
        let home = try Fixtures.temporaryDirectory("keys-home")
        let sub = home.appendingPathComponent(".config/oversight")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "[view]\nx = :cancel\n".write(to: sub.appendingPathComponent("binds.conf"), atomically: true, encoding: .utf8)
        let r = try CLI.raw(["keys", "--lang", "en"], env: ["XDG_CONFIG_HOME": "", "HOME": home.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("bindings from \(sub.path)/binds.conf\n"))
        let view = r.out.components(separatedBy: "[view]\n").last ?? ""
        #expect(view.contains("  x ") && view.contains(":cancel"))
    }
}
