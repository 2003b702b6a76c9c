import OversightDomain
import OversightTestSupport
@testable import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The screen keeps what it laid out between frames (`ScreenMemo`): a cache, so a session's screen, drawing frame
/// after frame, draws the same cells as a new screen drawing each state once.
@Suite struct ScreenMemoTests {
    static let store = Result { try Fixtures.demoStore(name: "ScreenMemoTests") }

    /// Moves down and back, a page turn, tags, a zoom and sizes that change the columns: each frame of the one
    /// screen equals a fresh screen's.
    @Test(arguments: [Language.zh, .en])
    func aSessionsFramesAreTheFreshFrames(lang: Language) throws {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        let presenter = Presenter(strings: try Fixtures.strings(lang))
        let session = Screen(presenter: presenter)
        let keys = ["j", "j", "j", "k", "t", "j", "t", "<PgDn>", "k", "<PgUp>", "z", "j", "k", "z", "j", "t", "k", "k"]
        var frames = 0, differing = 0
        for size in [Size(width: 80, height: 24), Size(width: 132, height: 40), Size(width: 60, height: 20), Size(width: 80, height: 24)] {
            for key in [""] + keys {
                if !key.isEmpty { _ = reduce(&state, .key(key)) }
                let kept = session.render(state, size: size)
                let fresh = Screen(presenter: presenter).render(state, size: size)
                frames += 1
                if kept != fresh {
                    differing += 1
                    Issue.record("after \(key) at \(size.width)×\(size.height):\n\(kept.text)\n--- fresh:\n\(fresh.text)")
                }
            }
        }
        #expect(frames == 4 * (keys.count + 1) && differing == 0)
        // The walk tagged and moved: the frames it compared were not all one frame.
        #expect(!state.tagged.isEmpty)
    }

    /// A row's text is kept by everything it is made from: the same row selected, or in other columns, is another.
    @Test func aKeptRowIsLookedUpByWhatItIsMadeFrom() throws {
        let memo = ScreenMemo()
        let row = InboxRowView(id: 1, index: 0, number: "文检行建〔2025〕1号", kind: "建议", domain: "生态", title: "排污", urgency: "剩3天",
                               mark: " ", tone: .plain, tagged: false)
        let wide = memo.columns(width: 60, rows: [row], anyTagged: false, mark: "…")
        let narrow = memo.columns(width: 30, rows: [row], anyTagged: false, mark: "…")
        #expect(wide != narrow)
        var made = 0
        func line(_ selected: Bool, _ columns: InboxPane.Columns) -> String {
            memo.line(row, selected: selected, width: 60, columns: columns) {
                made += 1
                return columns.text(row, selected: selected)
            }
        }
        let plain = line(false, wide)
        #expect(line(false, wide) == plain && made == 1)
        #expect(line(true, wide) != plain && made == 2)
        #expect(line(false, narrow) != plain && made == 3)
        #expect(line(true, wide).hasPrefix(">") && made == 3)
    }
}

/// The detail's wrapping (`Wrap.lines`), measured a scalar at a time where every scalar stands alone, breaks where
/// measuring each character breaks: the same lines for text of narrow symbols, Latin words and Chinese, at every width.
@Suite struct WrapTests {
    /// The way the pane wrapped before: character by character, each measured on its own.
    static func byCharacters(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        var out: [String] = [], line: [Character] = [], used = 0
        for c in Sanitizer.shown(text) {
            let w = DisplayWidth.of(c)
            if used + w > width {
                var cut = line.count
                if w == 1, c != " ", let last = line.last, last != " ", DisplayWidth.of(last) == 1 {
                    var i = line.count
                    while i > 0, line[i - 1] != " ", DisplayWidth.of(line[i - 1]) == 1 { i -= 1 }
                    if i > 0 { cut = i }
                }
                out.append(String(line[..<cut]))
                line = Array(line[cut...])
                if line.isEmpty, c == " " { used = 0; continue }
                used = line.reduce(0) { $0 + DisplayWidth.of($1) }
            }
            line.append(c)
            used += w
        }
        out.append(String(line))
        return out
    }

    @Test func scalarsAndCharactersBreakAlike() {
        let texts = [
            "关于汾河排污口整治的检察建议：请于两个月内书面回复 — 逾期未复的，依《机制》第三条 · 报送上一级",
            "Reply within two months — see Art. 3 · “quoted” words, a very-long-hyphenated-word and 2025-09-29 → 2025-11-29",
            "Résumé ½ ± ¼ ©2025 ─── ▓▓ ↑↓ …… ‘single’ naïve café",
            "混合 text，。with 全角ＡＢＣ and e\u{301} marks \u{202E}bidi",
        ]
        var compared = 0
        for text in texts {
            for width in 1...60 {
                #expect(Wrap.lines(text, width: width) == Self.byCharacters(text, width: width), "\(text) at \(width)")
                compared += 1
            }
        }
        #expect(compared == 240)
        // More than one line, or the comparison proves little.
        #expect(Wrap.lines(texts[0], width: 20).count > 3)
    }
}
