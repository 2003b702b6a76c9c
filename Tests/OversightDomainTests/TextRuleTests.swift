import OversightDomain
import OversightTestSupport
import Testing

/// The one text rule (`TextRule`) over a corpus of hostile strings, and its place in `Workflow.create`/`apply`.
@Suite("TextRule")
struct TextRuleTests {
    private func problem(_ text: String, _ field: TextRule.Field = .title) -> TextProblem? {
        if case .failure(let p) = TextRule.check(text, as: field) { return p }
        return nil
    }

    private func value(_ text: String, _ field: TextRule.Field = .title) -> String? {
        if case .success(let v) = TextRule.check(text, as: field) { return v }
        return nil
    }

    /// Escape sequences of every family, NUL, DEL and 8-bit C1: refused as controls in every field, naming the
    /// first control and its place.
    static let escapes: [(String, UInt32, Int)] = [
        ("a\u{1B}[31mred", 0x1B, 2),                       // CSI
        ("x\u{1B}]0;title\u{07}y", 0x1B, 2),               // OSC to BEL
        ("x\u{1B}]8;;http://evil\u{1B}\\link", 0x1B, 2),   // OSC 8 hyperlink to ST
        ("x\u{1B}P1$r\u{1B}\\", 0x1B, 2),                  // DCS
        ("x\u{1B}_payload\u{1B}\\", 0x1B, 2),              // APC
        ("x\u{1B}^pm\u{1B}\\", 0x1B, 2),                   // PM
        ("文\u{9B}2J", 0x9B, 2),                           // 8-bit CSI
        ("文\u{9D}0;t\u{9C}", 0x9D, 2),                    // 8-bit OSC, ST
        ("文\u{90}q\u{9C}", 0x90, 2),                      // 8-bit DCS
        ("文\u{9F}apc", 0x9F, 2),                          // 8-bit APC
        ("文检\u{0}号", 0x00, 3),                          // NUL
        ("ab\u{7F}", 0x7F, 3),                             // DEL
        ("a\u{8}b", 0x08, 2),                              // backspace
    ]

    @Test(arguments: escapes)
    func controlsAreRefusedEverywhereNamingTheFirst(_ text: String, _ code: UInt32, _ position: Int) throws {
        for field in TextRule.Field.allCases {
            let p = try #require(problem(text, field), "\(field) accepted \(text.debugDescription)")
            #expect(p.what == .control)
            #expect(p.scalar?.value == code)
            #expect(p.position == position)
        }
    }

    @Test func nulIsNamedWithItsPlace() throws {
        let p = try #require(problem("关于\u{0}排污"))
        #expect(p.characterName == "U+0000 NULL")
        #expect(p.position == 3)
        #expect(p.description.contains("U+0000"))
        #expect(p.description.contains("character 3"))
    }

    @Test func lineBreaksAndTabsOnlyInLongTexts() throws {
        #expect(problem("a\nb")?.what == .control)
        #expect(problem("a\tb", .number)?.scalar == "\t")
        #expect(problem("a\u{2028}b")?.what == .control)
        #expect(value("第一段\r\n第二段\r第三段\u{2029}第四\t段", .text) == "第一段\n第二段\n第三段\n第四\t段")
        #expect(value("  回复\r\n\r\n  ", .text) == "回复")
    }

    /// Bidi controls, zero-width characters, BOM, soft hyphen, word joiner, tags, CGJ, Hangul fillers, lone
    /// variation selectors, noncharacters: refused in one-line fields and in long texts alike, naming them.
    static let invisibles: [(String, UInt32, Int)] = [
        ("文检行建〔2025〕\u{FEFF}9\u{200B}9号", 0xFEFF, 11),
        ("99\u{200B}号", 0x200B, 3),
        ("invoice\u{202E}txt.exe", 0x202E, 8),
        ("\u{202A}a", 0x202A, 1), ("a\u{202B}b", 0x202B, 2), ("a\u{202C}", 0x202C, 2), ("a\u{202D}b", 0x202D, 2),
        ("a\u{2066}b", 0x2066, 2), ("a\u{2067}b", 0x2067, 2), ("a\u{2068}b", 0x2068, 2), ("a\u{2069}b", 0x2069, 2),
        ("a\u{200E}b", 0x200E, 2), ("a\u{200F}b", 0x200F, 2), ("a\u{061C}b", 0x061C, 2),
        ("a\u{200C}b", 0x200C, 1), ("a\u{2060}b", 0x2060, 2), ("a\u{00AD}b", 0x00AD, 2),
        ("a\u{200D}b", 0x200D, 1),            // a joiner outside an emoji: joined to "a", the first character
        ("\u{FE0F}", 0xFE0F, 1),              // a lone variation selector: shows blank
        ("标题 \u{FE0F}", 0xFE0F, 3),          // a selector on a space
        ("a\u{E0041}b", 0xE0041, 1),          // a tag outside an emoji flag
        ("a\u{034F}b", 0x034F, 1),            // combining grapheme joiner
        ("\u{3164}", 0x3164, 1),              // Hangul filler: a blank "letter"
        ("a\u{FFFE}", 0xFFFE, 2),             // noncharacter
        ("a\u{180E}b", 0x180E, 2),            // Mongolian vowel separator
    ]

    @Test(arguments: invisibles)
    func invisibleCharactersAreRefusedNamingThem(_ text: String, _ code: UInt32, _ position: Int) throws {
        for field in TextRule.Field.allCases {
            let p = try #require(problem(text, field), "\(field) accepted \(text.debugDescription)")
            #expect(p.what == .invisible)
            #expect(p.scalar?.value == code)
            #expect(p.position == position)
        }
    }

    @Test func theLookalikeNumberIsRefusedWithNameAndPlace() throws {
        let p = try #require(problem("文检行建〔2025〕9\u{200B}9号"))
        #expect(p.characterName == "U+200B ZERO WIDTH SPACE")
        #expect(p.position == 12)
        #expect(p.description == "the title holds an invisible character, U+200B ZERO WIDTH SPACE, at character 12: remove it (it would hide or change what a reader sees)")
    }

    /// What belongs to a visible character stays: emoji sequences, variation selectors after a base, combining marks
    /// (a stack too), astral characters, formula-looking text (neutralised on export, not here).
    /// (The hostile corpus's kept entries are checked with the corpus below.)
    @Test(arguments: [
        "👩\u{200D}💻 工作组",
        "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "1\u{FE0F}\u{20E3} 第一项", "葛\u{E0100}", "𠀀𪚥 astral 𝐀",
        "'+cmd", "文水县人民检察院", "〔2025〕7号",
    ])
    func visibleTextIsKept(_ text: String) {
        #expect(value(text) == text.precomposedStringWithCanonicalMapping)
        #expect(value(text, .text) == text.precomposedStringWithCanonicalMapping)
    }

    /// The hostile corpus (Tests/Support/HostileCorpus.swift), each entry in a one-line field and in a long text:
    /// refused for what the corpus says, naming that character, or kept as the corpus says (NFC, trimmed).
    @Test(arguments: HostileCorpus.entries)
    func theHostileCorpusGetsWhatItSays(_ entry: HostileCorpus.Entry) {
        for (field, verdict) in [(TextRule.Field.title, entry.line), (.number, entry.line), (.text, entry.long), (.summary, entry.long)] {
            let got: HostileCorpus.Verdict
            switch TextRule.check(entry.text, as: field) {
            case .success(let v): got = .kept(v)
            case .failure(let p):
                switch p.what {
                case .control: got = .control(p.scalar?.value ?? 0)
                case .invisible: got = .invisible(p.scalar?.value ?? 0)
                case .nothingVisible: got = .nothingVisible
                case .tooLong: got = .tooLong
                }
            }
            #expect(got == verdict, "\(entry.name) as \(field)")
        }
    }

    @Test func nfcIsWhatIsStored() {
        let nfd = "Cafe\u{301} re\u{301}sume\u{301}"
        #expect(value(nfd) == "Café résumé")
        #expect(value(nfd)?.unicodeScalars.count == 11)
        // Hangul jamo compose; a Han compatibility ideograph becomes its canonical one, as NFC says.
        #expect(value("\u{1100}\u{1161}") == "가")
        #expect(value("\u{F900}") == "\u{8C48}")
    }

    @Test func aOneLineFieldMustShowSomething() {
        #expect(problem("\u{301}\u{302}")?.what == .nothingVisible)
        #expect(problem("\u{3000}\u{301}", .displayName)?.what == .nothingVisible)
        #expect(value("   ") == "")  // empty after trimming: the workflow says the title is missing
    }

    @Test func limitsCountScalarsAndSayTheLimit() throws {
        #expect(TextRule.lineLimit == 200)
        #expect(TextRule.longLimit == 20_000)
        #expect(value(String(repeating: "字", count: 200)) != nil)
        let p = try #require(problem(String(repeating: "字", count: 201)))
        #expect(p.what == .tooLong(count: 201))
        #expect(p.limit == 200)
        #expect(p.description.contains("at most 200"))
        #expect(value(String(repeating: "字", count: 20_000), .text) != nil)
        #expect(problem(String(repeating: "a", count: 20_001), .summary)?.what == .tooLong(count: 20_001))
        // A stack of combining marks counts every mark.
        #expect(problem("x" + String(repeating: "\u{301}", count: 300))?.what == .tooLong(count: 301))
        #expect(problem(String(repeating: "名", count: 65), .displayName)?.limit == 64)
    }

    // MARK: - Through the workflow

    private let ctx = WorkflowContext(today: Fixtures.date("2025-07-01"), calculator: Fixtures.calculator)

    @Test func createRefusesAndNormalises() throws {
        let jcy = County.viewer("jcy")
        func create(_ title: String, summary: String = "", number: String = "") throws(WorkflowError) -> Transition {
            try Workflow.create(id: 1, kind: .suggestion, title: title, domain: .ecology, to: County.org("hbj"), by: jcy,
                                on: ctx.today, today: ctx.today, number: number, summary: summary)
        }
        #expect(throws: WorkflowError.invalidInput(.text(TextProblem(field: .title, what: .control, position: 3, scalar: "\u{0}")))) {
            try create("关于\u{0}排污")
        }
        #expect(throws: WorkflowError.invalidInput(.text(TextProblem(field: .summary, what: .invisible, position: 2, scalar: "\u{202E}")))) {
            try create("标题", summary: "事\u{202E}由")
        }
        let t = try create("Cafe\u{301}", summary: "一\r\n二")
        #expect(t.matter.title == "Café")
        #expect(t.event.text == "Café")
        #expect(t.matter.summary == "一\n二")
    }

    @Test func applyRefusesAndNormalises() throws {
        let m = County.matter(.suggestion, from: "jcy", to: "hbj", subject: "hbj", state: .served)
        var served = m
        served.servedOn = Fixtures.date("2025-06-02")
        served.due = Fixtures.date("2025-08-02")
        let hbj = County.viewer("hbj")
        #expect(throws: WorkflowError.invalidInput(.text(TextProblem(field: .text, what: .invisible, position: 3, scalar: "\u{2066}")))) {
            try Workflow.apply(.reply, to: served, by: hbj, input: ActionInput(date: ctx.today, text: "已整\u{2066}改"), context: ctx)
        }
        let t = try Workflow.apply(.reply, to: served, by: hbj, input: ActionInput(date: ctx.today, text: "已整改\r\nCafe\u{301}"), context: ctx)
        #expect(t.event.text == "已整改\nCafé")
    }
}
