import OversightDomain
import OversightResources
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// binds.conf, as aerc writes it (issue 19): sections, `KEY = :command` lines, comments; bad lines named and skipped.
@Suite struct BindsTests {
    @Test func goodLinesBindKeysToCommandText() throws {
        let binds = Binds.parse("""
            # my keys
            [inbox]
            N = :note 已阅

            R=:reply
            <C-n> = :move-down
            = = :help
            [form]
              <C-s>   =   :submit\r
            [detail]
            x = :回复 已按建议整改
            """, words: try OversightResources.vocabulary(organisations: []))
        #expect(binds.problems == [])
        #expect(binds.lines.map { "\($0.line) [\($0.section.rawValue)] \($0.key) = \($0.text)" } == [
            "3 [inbox] N = note 已阅", "5 [inbox] R = reply", "6 [inbox] <C-n> = move-down", "7 [inbox] = = help",
            "9 [form] <C-s> = submit", "11 [detail] x = 回复 已按建议整改",
        ])
    }

    @Test func badLinesAreNamedWithTheirNumbersAndSkipped() {
        let binds = Binds.parse("""
            N = :note orphan
            [inbox]
            <Foo> = :help
            ab = :help
            x = help
            y :help
            z = :fly
            w = :reply --bogus 1
            [nowhere]
            q = :quit
            [menu]
            l = :submit
            """)
        let why = binds.problems.map { "\($0.line) \($0.why)" }
        #expect(binds.problems.map(\.line) == [1, 3, 4, 5, 6, 7, 8, 9])
        #expect(binds.problems[0].why == .noSection)
        #expect(binds.problems[1].why == .unknownKey("<Foo>"))
        #expect(binds.problems[2].why == .unknownKey("ab"))
        #expect(binds.problems[3].why == .noColon)
        #expect(binds.problems[4].why == .notABinding)
        if case .badCommand = binds.problems[5].why {} else { Issue.record("line 7: \(why)") }
        if case .badCommand = binds.problems[6].why {} else { Issue.record("line 8: \(why)") }
        #expect(binds.problems[7].why == .unknownSection("nowhere"))
        // The rest applies: the line after a good section header, not the ones under the unknown one.
        #expect(binds.lines.map(\.key) == ["l"])
    }

    @Test func problemsSayFileAndLineInTheInterfaceLanguage() throws {
        let binds = Binds.parse("[inbox]\n<Foo> = :help\n[nowhere]\n")
        let zh = Presenter(strings: try Fixtures.strings(.zh)), en = Presenter(strings: try Fixtures.strings(.en))
        #expect(binds.problems.map { zh.text($0, file: "/h/binds.conf") } == [
            "/h/binds.conf:2：没有按键“<Foo>”（写作 x、N、<Enter>、<C-d>、<F2> 等），已跳过",
            "/h/binds.conf:3：没有分节 [nowhere]（可用：inbox detail calendar menu form confirm summary help view report command filter）；此节连同其下各行，已跳过",
        ])
        #expect(en.text(binds.problems[0], file: "b.conf") == "b.conf:2: no key \"<Foo>\" (write x, N, <Enter>, <C-d>, <F2> …); skipped")
    }

    /// Control and invisible characters (escape sequences, C1, bidi, zero-width …) anywhere in a line: the line is
    /// refused whole, never bound, and its text is never echoed raw.
    @Test(arguments: HostileCorpus.entries.filter { e in
        switch e.line {
        case .control(let c): return c != 0x0A && c != 0x09
        case .invisible: return true
        default: return false
        }
    }.filter { !$0.text.contains("\n") })
    func hostileTextIsRefused(_ entry: HostileCorpus.Entry) {
        for line in ["N = :note \(entry.text)", "[inbox\(entry.text)]", "N\(entry.text) = :help"] {
            let binds = Binds.parse("[inbox]\n" + line + "\n")
            #expect(binds.lines.isEmpty, "\(entry.name): \(line.debugDescription)")
            #expect(binds.problems.map(\.line) == [2], "\(entry.name)")
            #expect(binds.problems.first?.why == .hostile, "\(entry.name)")
        }
    }

    @Test func keyNamesAreTheKeymapsOwn() {
        for k in ["x", "N", "?", "[", "<Enter>", "<S-Tab>", "<C-d>", "<F2>", "<PgDn>", "<Space>", "文"] { #expect(Binds.isKeyName(k), "\(k)") }
        for k in ["", " ", "<>", "<C-D>", "<C-dd>", "<F0>", "<F99>", "<enter>", "xy", "\u{1B}", "\u{200B}"] { #expect(!Binds.isKeyName(k), "\(k.debugDescription)") }
    }

    /// The acceptance of issue 19: `[inbox] N = :note 已阅` makes N put that note on the selected matter, through the
    /// same path as typing `:note 已阅` on the `:` line.
    @Test func aBoundKeyRunsItsCommandLikeTheLine() throws {
        let keymap = Keymap.standard.applying(Binds.parse("[inbox]\nN = :note 已阅\n"))
        var byKey = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        var byLine = byKey
        let m = try #require(byKey.selectedMatter)
        let effects = reduce(&byKey, .key("N"), keymap: keymap)
        guard case .act(let ids, .note, let input, let version)? = effects.first else {
            Issue.record("N did not note: \(effects), \(String(describing: byKey.status))")
            return
        }
        #expect(ids == [m.id] && version == m.version && input.text == "已阅")
        _ = reduce(&byLine, .key(":"))
        _ = reduce(&byLine, .paste("note 已阅"))
        #expect(reduce(&byLine, .key("<Enter>")) == effects)
        // Without the binding N does nothing.
        var plain = byLine
        #expect(reduce(&plain, .key("N")) == [])
    }

    @Test func aReboundKeyActsAndTheOldKeyNoLonger() throws {
        let keymap = Keymap.standard.applying(Binds.parse("[menu]\nl = :submit\nj = :cancel\n"))
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        _ = reduce(&s, .key("<Enter>"), keymap: keymap)
        guard case .menu = s.mode else { Issue.record("no menu: \(s.mode)"); return }
        _ = reduce(&s, .key("<Down>"), keymap: keymap)
        guard case .menu(selection: 1, _) = s.mode else { Issue.record("\(s.mode)"); return }
        // j now leaves the menu instead of moving.
        _ = reduce(&s, .key("j"), keymap: keymap)
        #expect(s.mode == .normal)
        _ = reduce(&s, .key("<Enter>"), keymap: keymap)
        let effects = reduce(&s, .key("l"), keymap: keymap)
        if case .menu(selection: 0, _) = s.mode { Issue.record("l did not run the entry: \(effects)") }
    }

    @Test func footersHintsAndHelpShowTheReboundKey() throws {
        let keymap = Keymap.standard.applying(Binds.parse("""
            [menu]
            l = :submit
            [form]
            <C-s> = :submit
            <Esc> = :next-field
            [inbox]
            R = :reply
            r = :note 已阅
            """))
        let strings = try Fixtures.strings(.zh)
        #expect(keymap.footerText(.menu) { strings($0) } == "j/k 选择  Enter/l 执行  f 由此立案  Esc 返回")
        // Esc now moves to the next field: shown there, and no longer as cancel.
        #expect(keymap.footerText(.form) { strings($0) } == "Tab/Esc 下一项  Enter/Ctrl-S 提交  Ctrl-D 多行中提交")
        #expect(keymap.hints.contains { $0.keys == "R" && $0.label == "hint.reply" })
        #expect(!keymap.hints.contains { $0.keys.contains("r") && $0.label == "hint.reply" })
        let s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let help = keymap.helpRows(s)
        #expect(help.contains { $0.keys == "r" && $0.label == ":note 已阅" })
        #expect(!help.contains { $0.keys.split(separator: " ").contains("r") && $0.label == "command.reply" })
    }

    /// `[detail]` binds only while the detail pane has the focus, over `[inbox]`; `[command]` and `[filter]` bind
    /// the special keys of the `:` line and the filter, whose printable keys stay text.
    @Test func paneAndLineSectionsBindWhereTheyAre() throws {
        let keymap = Keymap.standard.applying(Binds.parse("""
            [detail]
            x = :note 详情中
            [command]
            <C-j> = :submit
            x = :cancel
            [filter]
            <C-g> = :cancel
            """))
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        #expect(reduce(&s, .key("x"), keymap: keymap) == [], "x is unbound in the inbox")
        _ = reduce(&s, .key("<Tab>"), keymap: keymap)
        #expect(s.focus == .detail)
        guard case .act(_, .note, let input, _)? = reduce(&s, .key("x"), keymap: keymap).first else {
            Issue.record("x in the detail pane did not note: \(String(describing: s.status))")
            return
        }
        #expect(input.text == "详情中")
        // On the `:` line x is text, and C-j runs the line.
        _ = reduce(&s, .key(":"), keymap: keymap)
        for k in ["h", "e", "l", "p"] { _ = reduce(&s, .key(k), keymap: keymap) }
        _ = reduce(&s, .key("x"), keymap: keymap)
        guard case .commandLine(let field, _, _) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(field.text == "helpx")
        _ = reduce(&s, .key("<BS>"), keymap: keymap)
        _ = reduce(&s, .key("<C-j>"), keymap: keymap)
        #expect(s.showHelp)
        _ = reduce(&s, .key("<Esc>"), keymap: keymap)
        _ = reduce(&s, .key("/"), keymap: keymap)
        _ = reduce(&s, .key("a"), keymap: keymap)
        #expect(s.filter == "a")
        _ = reduce(&s, .key("<C-g>"), keymap: keymap)
        #expect(s.mode == .normal && s.filter == "")
    }

    /// `KEY =` with nothing after `=` unbinds the key in its section: it does nothing there any more, the other
    /// sections keep it, and the command's label passes to another of its keys.
    @Test func aKeyWithNothingAfterTheEqualsSignIsUnbound() throws {
        let binds = Binds.parse("[inbox]\nr =\nj=\n<Nope> =\n[menu]\n<Esc> =  \n")
        #expect(binds.problems.map(\.line) == [4])
        #expect(binds.lines.map { "\($0.section.rawValue) \($0.key) \($0.text.isEmpty)" } == ["inbox r true", "inbox j true", "menu <Esc> true"])
        let keymap = Keymap.standard.applying(binds)
        #expect(!keymap[.inbox].contains { $0.key == "r" || $0.key == "j" })
        #expect(keymap[.inbox].contains { $0.key == "k" }, "only the named keys go")
        #expect(keymap[.help].contains { $0.key == "j" }, "other sections keep the key")
        // <Esc>'s label in the menu (返回) passes to q, its other key that cancels.
        let strings = try Fixtures.strings(.zh)
        #expect(keymap.footerText(.menu) { strings($0) } == "j/k 选择  Enter 执行  f 由此立案  q 返回")
        #expect(!keymap.hints.contains { $0.label == "hint.reply" }, "no key replies any more")

        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        #expect(reduce(&s, .key("r"), keymap: keymap) == [] && s.mode == .normal, "r does nothing")
        #expect(reduce(&s, .key("j"), keymap: keymap) == [] && s.selection == 0, "j does nothing")
        _ = reduce(&s, .key("<Down>"), keymap: keymap)
        #expect(s.selection == 1, "<Down> still moves")
        _ = reduce(&s, .key("<Enter>"), keymap: keymap)
        _ = reduce(&s, .key("<Esc>"), keymap: keymap)
        guard case .menu = s.mode else { Issue.record("<Esc> still left the menu: \(s.mode)"); return }
        _ = reduce(&s, .key("q"), keymap: keymap)
        #expect(s.mode == .normal)
    }

    /// The overdue summary on entry is bound through `[summary]`: a key bound there puts it away and runs its command;
    /// any other key only puts it away (it never acts unseen).
    @Test func theSummaryIsBoundThroughItsSection() throws {
        let keymap = Keymap.standard.applying(Binds.parse("[summary]\n? = :help\n"))
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian", keepEntrySummary: true)
        #expect(s.mode == .summary)
        var plain = s
        #expect(reduce(&plain, .key("?")) == [] && plain.mode == .normal, "unbound, ? only puts it away")
        var r = s
        #expect(reduce(&r, .key("r"), keymap: keymap) == [] && r.mode == .normal, "r does not reply unseen")
        _ = reduce(&s, .key("?"), keymap: keymap)
        #expect(s.showHelp)
    }
}
