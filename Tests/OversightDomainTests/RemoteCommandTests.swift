import OversightDomain
import OversightTestSupport
import Testing

/// `SSH_ORIGINAL_COMMAND` read as words, never by a shell: hostile text stays plain words or is refused.
@Suite("RemoteCommand")
struct RemoteCommandTests {
    func command(_ text: String) throws(RemoteCommand.Problem) -> RemoteCommand {
        try RemoteCommand(bytes: Array(text.utf8))
    }

    func problem(_ text: String) -> RemoteCommand.Problem? {
        problem(Array(text.utf8))
    }

    func problem(_ bytes: [UInt8]) -> RemoteCommand.Problem? {
        do { _ = try RemoteCommand(bytes: bytes); return nil } catch { return error }
    }

    func words(_ text: String) throws(RemoteCommand.Problem) -> [String] {
        try RemoteCommand.words(Array(text.utf8))
    }

    @Test func theAllowedCommandsWithTheirWords() throws {
        #expect(try command("alerts") == RemoteCommand(verb: .alerts, arguments: []))
        #expect(try command("  alerts\t--json ") == RemoteCommand(verb: .alerts, arguments: ["--json"]))
        #expect(try command("matter list --all") == RemoteCommand(verb: .matter, arguments: ["list", "--all"]))
        #expect(try command("matter show 12") == RemoteCommand(verb: .matter, arguments: ["show", "12"]))
        #expect(try command("export --format csv") == RemoteCommand(verb: .export, arguments: ["--format", "csv"]))
        #expect(try command("report --year 2025") == RemoteCommand(verb: .report, arguments: ["--year", "2025"]))
        #expect(try command("doc reminder 12") == RemoteCommand(verb: .doc, arguments: ["reminder", "12"]))
        #expect(try command("help") == RemoteCommand(verb: .help, arguments: []))
        #expect(try command("export --filter '逾期 环境'") == RemoteCommand(verb: .export, arguments: ["--filter", "逾期 环境"]))
    }

    @Test func quotesAreReadAsAShellWouldReadPlainText() throws {
        #expect(try words(#"a 'b c' "d e" f\ g"#) == ["a", "b c", "d e", "f g"])
        #expect(try words(#"'it''s' "say \"hi\" \\ \n""#) == ["its", #"say "hi" \ \n"#])
        #expect(try words(#"x""y ''"#) == ["xy", ""])
        #expect(try words("") == [])
        #expect(problem("alerts 'open") == .unclosedQuote)
        #expect(problem(#"alerts "open"#) == .unclosedQuote)
    }

    @Test func shellSyntaxIsPlainCharactersNeverRun() throws {
        // Every one of these is a word or part of one: nothing is split at ; | & or substituted.
        #expect(try words("alerts; id") == ["alerts;", "id"])
        #expect(try words("alerts&&id|sh") == ["alerts&&id|sh"])
        #expect(try words("alerts $(id) `id` ${HOME} ~ * >x <y") == ["alerts", "$(id)", "`id`", "${HOME}", "~", "*", ">x", "<y"])
        // So the command is the first word, and it is not allowed.
        #expect(problem("alerts;id") == .notAllowed("alerts;id"))
        #expect(problem("sh -c id") == .notAllowed("sh"))
        #expect(problem("id; echo PWNED") == .notAllowed("id;"))
        #expect(problem("$(id)") == .notAllowed("$(id)"))
        #expect(problem("`id`") == .notAllowed("`id`"))
        #expect(problem("/bin/sh") == .notAllowed("/bin/sh"))
        #expect(problem("scp -t .") == .notAllowed("scp"))
        #expect(problem("git-upload-pack 'x'") == .notAllowed("git-upload-pack"))
        #expect(problem("'alerts' extra") == nil)  // a quoted word is the same word
    }

    @Test func controlAndInvisibleCharactersAreRefused() {
        #expect(problem([UInt8]("alerts".utf8) + [0] + [UInt8]("id".utf8)) == .hiddenCharacter(0))
        #expect(problem("alerts\nid") == .hiddenCharacter(0x0A))
        #expect(problem("alerts\rid") == .hiddenCharacter(0x0D))
        #expect(problem("alerts\u{1B}[2J") == .hiddenCharacter(0x1B))
        #expect(problem("alerts\u{7F}") == .hiddenCharacter(0x7F))
        #expect(problem("alerts\u{85}") == .hiddenCharacter(0x85))
        #expect(problem("doc reminder 1\u{202E}2") == .hiddenCharacter(0x202E))
        #expect(problem("matter show \u{2066}1\u{2069}") == .hiddenCharacter(0x2066))
        #expect(problem("al\u{200B}erts") == .hiddenCharacter(0x200B))
        #expect(problem("\u{FEFF}alerts") == .hiddenCharacter(0xFEFF))
        #expect(problem("alerts\u{2028}") == .hiddenCharacter(0x2028))
        // Inside quotes too: quoting does not let them through.
        #expect(problem("export --filter 'a\nb'") == .hiddenCharacter(0x0A))
    }

    @Test func theHostileCorpusIsRefusedOrStaysOneWord() {
        for entry in HostileCorpus.entries where entry.text.utf8.count <= RemoteCommand.maximumLength {
            let bytes = Array("export --filter '".utf8) + Array(entry.text.replacingOccurrences(of: "'", with: "").utf8) + Array("'".utf8)
            switch Result(catching: { () throws(RemoteCommand.Problem) in try RemoteCommand(bytes: bytes) }) {
            case .success(let c):
                #expect(c.arguments.count == 2, "\(entry)")
                #expect(!c.arguments[1].unicodeScalars.contains { HostileCorpus.isForbiddenRaw($0) }, "\(entry)")
            case .failure(let p):
                if case .hiddenCharacter = p {} else { Issue.record("\(entry): \(p)") }
            }
        }
        for (name, bytes) in HostileCorpus.invalidUTF8 {
            #expect(problem(Array("export --filter ".utf8) + bytes) == .notUTF8, "\(name)")
        }
        #expect(problem(String(repeating: "a", count: RemoteCommand.maximumLength + 1)) == .tooLong)
    }

    @Test func onlyMattersReadingSubcommands() {
        #expect(problem("matter") == .matterSubcommand(nil))
        #expect(problem("matter act 12 close") == .matterSubcommand("act"))
        #expect(problem("matter new suggestion") == .matterSubcommand("new"))
        // A notice file is loaded on the server, not over a key; the rules are the heads' to propose and agree.
        #expect(problem("calendar add 2027.csv") == .subcommand(.calendar, "add"))
        #expect(problem("calendar") == .subcommand(.calendar, nil))
        #expect(problem("rules drop x") == .subcommand(.rules, "drop"))
        #expect((try? RemoteCommand(bytes: Array("rules propose transfer-feedback 20 --source '会议纪要（2026）3号'".utf8)))
            == RemoteCommand(verb: .rules, arguments: ["propose", "transfer-feedback", "20", "--source", "会议纪要（2026）3号"]))
        #expect((try? RemoteCommand(bytes: Array("calendar show 2027".utf8)))?.verb == .calendar)
        #expect(problem("user add x") == .notAllowed("user"))
        #expect(problem("key add x k.pub") == .notAllowed("key"))
        #expect(problem("import x.csv") == .notAllowed("import"))
        #expect(problem("") == .empty)
        #expect(problem("   ") == .empty)
    }

    @Test func optionsThatChangeWhoOrWhereAreRefused() {
        for option in ["--db", "--user", "--today", "--out", "--force", "--install"] {
            #expect(problem("alerts \(option) x") == .forbiddenOption(option), "\(option)")
            #expect(problem("export \(option)=x") == .forbiddenOption(option), "\(option)=")
            #expect(problem("doc reminder 1 '\(option)' x") == .forbiddenOption(option), "quoted \(option)")
        }
        #expect(problem("matter list --user=wangjian") == .forbiddenOption("--user"))
        #expect(problem("export -- --db /tmp/x") == .forbiddenOption("--db"))
        #expect(problem("alerts --lang en") == nil)
    }
}
