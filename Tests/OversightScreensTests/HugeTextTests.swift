import Foundation
import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// A stored text over the limit (an older database's 1 MB note): the detail shows it cut with its length, the rest is
/// one key (`v`) away, and no frame wraps the whole text.
@Suite struct HugeTextTests {
    static let note = String(repeating: "超长备注的内容。", count: 131_072)  // 1,048,576 characters

    /// The demo's first matter with a 1 MB note appended to its timeline (and a summary of 30,000 characters).
    func state() throws -> AppState {
        var state = try Fixtures.state(try ScreenTests.store.get(), user: "wangjian")
        var detail = try #require(state.detail)
        let last = try #require(detail.events.last)
        detail.events.append(MatterEvent(id: last.id + 1, matterID: detail.matter.id, on: last.on, actor: "wangjian",
                                         action: .step(.note), text: "开头的话\n" + Self.note, stateAfter: last.stateAfter))
        state.detail = detail
        return state
    }

    func screen(_ lang: Language = .zh) throws -> Screen {
        Screen(presenter: Presenter(strings: try Fixtures.strings(lang)))
    }

    @Test func theDetailShowsAHugeNoteCutWithItsLength() throws {
        var state = try state()
        #expect(state.detail?.textLengths.last == 1_048_581)
        #expect(state.detail?.hasCutText == true)
        let screen = try screen()
        let size = Size(width: 240, height: 40)  // wide enough for the note to fit one row
        // The detail's rows stay few: the note is cut to what the pane shows, not wrapped whole.
        let rows = DetailPane(screen: screen).lines(try #require(state.detail), state, width: 60).rows
        #expect(rows.count < 200, "\(rows.count) rows")
        let note = try #require(rows.firstIndex { $0.text.contains("开头的话") })
        #expect(rows[note...].contains { $0.text.contains("共 1,048,581 字，这里只显示前 2,000 字：按 v 查看全文") })
        // Scrolled to its end, the cut note is on screen; the hint line offers v.
        state.focus = .detail
        state.detailScroll = screen.detailLastScroll(state, size: size)
        let grid = screen.render(state, size: size)
        #expect(grid.text.contains("按 v 查看全文"), "\(grid.text)")
        #expect(grid.lines.last?.contains("v 全文") == true, "\(grid.lines.last ?? "")")
        let en = try self.screen(.en)
        state.detailScroll = en.detailLastScroll(state, size: size)
        #expect(en.render(state, size: size).text.contains("1,048,581 characters in all, the first 2,000 shown here: v shows the full text"))
    }

    @Test func vOpensTheFullTextAndScrollsItAPieceAtATime() throws {
        var state = try state()
        let screen = try screen()
        let size = Size(width: 100, height: 30)
        _ = reduce(&state, .resized(width: size.width, height: size.height))
        _ = reduce(&state, .key("v"))
        guard case .text(let view) = state.mode else {
            Issue.record("v did not open the full-text view: \(state.mode)")
            return
        }
        // 1,048,576 characters in pieces of 400, a heading and the note's first line before them.
        #expect(view.pieces.count > 2_600)
        var grid = screen.render(state, size: size)
        #expect(grid.text.contains("全文"))
        #expect(grid.text.contains("第 1/\(view.pieces.count) 段"))
        _ = reduce(&state, .key("G"))
        grid = screen.render(state, size: size)
        #expect(grid.text.contains("超长备注的内容。"), "\(grid.text)")
        #expect(grid.text.contains("第 \(view.pieces.count)/\(view.pieces.count) 段"))
        _ = reduce(&state, .key("k"))
        guard case .text(let up) = state.mode else { Issue.record("k closed the view"); return }
        #expect(up.scroll == view.pieces.count - 2)
        _ = reduce(&state, .key("<Esc>"))
        #expect(state.mode == .normal)
    }

    @Test func aFullTextPieceNeverExceedsItsLength() {
        let pieces = TextView.pieces(of: "一\n\n" + String(repeating: "字", count: 1_000))
        #expect(pieces == [.text("一"), .text(""), .text(String(repeating: "字", count: 400)),
                           .text(String(repeating: "字", count: 400)), .text(String(repeating: "字", count: 200))])
    }
}
