import Foundation
import OversightDomain
import OversightScreens
import OversightTestSupport
import TerminalKit
import Testing

@testable import OversightWorkbench

/// Issue 7's acceptance: `/` with a Chinese substring narrows a 10,000-matter inbox as each character is typed.
@Suite struct LargeInboxFilterTests {
    static let size = 10_000
    /// 汾阳街道 shares 汾 but not 汾河; 排水管网改造 shares 排 but not 排污: each character narrows strictly.
    static let places = ["汾河", "汾阳街道", "文峪河", "磁窑河", "凤城镇", "开栅镇", "南庄镇", "孝义镇", "下曲镇", "南安镇",
                         "刘胡兰镇", "西槽头乡", "苍儿会", "马西乡", "北张乡", "西城乡", "上贤村", "麻家堡", "胡兰村"]
    static let problems = ["排污口整治", "排污许可管理", "排水管网改造", "非法采砂", "河道垃圾清理", "建筑扬尘治理", "违法占用耕地",
                           "秸秆露天焚烧", "校园食品安全", "燃气安全隐患", "污水直排", "噪声扰民", "渣土运输", "医保基金使用",
                           "农民工工资拖欠", "危化品储存", "文物周边违建", "超限超载治理", "无证诊所查处", "过期药品销售",
                           "低保动态管理", "养老机构安全", "汾水湿地保护"]

    /// 10,000 matters copied from the demo's (states, kinds and deadlines vary), each with its own id,
    /// number, a title of a place and a problem, and a summary that matches none of the typed text.
    static func matters(from demo: [Matter]) -> [Matter] {
        (0..<size).map { i in
            var m = demo[i % demo.count]
            m.id = MatterID(100_000 + i)
            m.number = "文检行建〔2026〕\(1000 + i)号"
            m.title = "关于\(places[i % places.count])\(problems[(i / places.count) % problems.count])的检察建议"
            m.summary = "虚构筛选测试第\(i)件。"
            return m
        }
    }

    /// What the filter should keep, found without the workbench: the text in the title, summary or number.
    static func expected(_ text: String, in all: [Matter]) -> Set<MatterID> {
        Set(all.filter { $0.title.contains(text) || $0.summary.contains(text) || $0.number.contains(text) }.map(\.id))
    }

    /// The number of matches the hint line shows beside the filter ("/汾河  480 件").
    static func shownCount(_ grid: CellGrid) -> Int? {
        guard let hint = grid.lines.last, let r = hint.range(of: " 件", options: .backwards) else { return nil }
        return Int(String(hint[..<r.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }

    @Test func typingAChineseSubstringNarrowsTenThousandMattersAtEachCharacter() throws {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let demo = state.inbox
        #expect(demo.count > 10)
        let all = Self.matters(from: demo)
        _ = reduce(&state, .inboxLoaded(open: all, total: all.count))
        #expect(state.inbox.count == Self.size)
        #expect(Set(state.inbox.map(\.id)) == Set(all.map(\.id)))

        // The selection starts on a matter that matches all the way, deep in the inbox.
        let target = try #require(state.inbox.lastIndex { $0.title.contains("汾河排污") })
        #expect(target > 100)
        state.selection = target
        let chosen = state.inbox[target].id

        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
        let clock = ContinuousClock()

        _ = reduce(&state, .key("/"))
        guard case .filter = state.mode else {
            Issue.record("/ opened no filter: \(state.mode)")
            return
        }
        var typed = "", previous = Self.size
        var timings: [(String, Int, Duration)] = []
        var renders: [Duration] = []
        for ch in ["汾", "河", "排", "污"] {
            var effects: [Effect] = []
            let took = clock.measure { effects = reduce(&state, .key(ch)) }
            typed += ch
            let want = Self.expected(typed, in: all)
            timings.append((typed, want.count, took))
            #expect(state.filter == typed)
            #expect(state.inbox.count == want.count, "after \(typed)")
            #expect(Set(state.inbox.map(\.id)) == want, "after \(typed): the inbox holds exactly the matches")
            #expect(want.count < previous, "\(typed) narrows: \(want.count) of \(previous)")
            #expect(want.count > 0)
            previous = want.count
            // The selection stays valid, on the chosen matter (it matches); its detail is not asked again.
            #expect(state.inbox.indices.contains(state.selection))
            #expect(state.selectedMatter?.id == chosen, "after \(typed)")
            #expect(effects.isEmpty)
            for size in sizes {
                var grid = CellGrid(size: size)
                let drawn = clock.measure { grid = screen.render(state, size: size) }
                if size.width == 120 { renders.append(drawn) }
                #expect(Self.shownCount(grid) == want.count, "\(size.width)×\(size.height) after \(typed): \(grid.lines.last ?? "")")
                #expect(grid.lines.last?.contains("/" + typed) == true)
                // The selected row is on screen: the page that holds it is drawn.
                #expect(grid.text.contains(">"), "\(grid.text)")
            }
        }
        // 汾 (both 汾河 and 汾阳街道, and 汾水湿地保护) > 汾河 > 汾河排 > 汾河排污.
        #expect(Self.expected("汾河排污", in: all).count == state.inbox.count)

        // Esc puts the filter away and the whole inbox back, the selection still on the same matter.
        let esc = clock.measure { _ = reduce(&state, .key("<Esc>")) }
        #expect(state.mode == .normal)
        #expect(state.filter == "")
        #expect(state.inbox.count == Self.size)
        #expect(Set(state.inbox.map(\.id)) == Set(all.map(\.id)))
        #expect(state.selectedMatter?.id == chosen)
        for size in sizes {
            let grid = screen.render(state, size: size)
            #expect(grid.text.contains("全部 \(Self.size)"), "\(grid.text)")
        }
        let line = timings.map { "\($0.0) (\($0.1) matches) \(Self.ms($0.2))" }.joined(separator: ", ")
        print("LargeInboxFilter: reduce per keystroke at \(Self.size) matters: \(line); Esc \(Self.ms(esc));"
              + " render 120×40 per keystroke: \(renders.map(Self.ms).joined(separator: ", "))")
    }

    /// A selection on a matter the filter drops moves to the first match, and every keystroke asks for the
    /// detail of what is then selected.
    @Test func aSelectionTheFilterDropsMovesToTheFirstMatch() throws {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let all = Self.matters(from: state.inbox)
        _ = reduce(&state, .inboxLoaded(open: all, total: all.count))
        let other = try #require(state.inbox.firstIndex { !$0.title.contains("汾") })
        state.selection = other
        _ = reduce(&state, .key("/"))
        let effects = reduce(&state, .key("汾"))
        #expect(state.selection == 0)
        let first = try #require(state.selectedMatter)
        #expect(first.title.contains("汾"))
        #expect(effects == [.loadDetail(first.id)])
        _ = reduce(&state, .key("<BS>"))
        #expect(state.inbox.count == Self.size)
        #expect(state.selectedMatter?.id == first.id)
    }

    static func ms(_ d: Duration) -> String {
        let (s, atto) = d.components
        return String(format: "%.1f ms", Double(s) * 1000 + Double(atto) / 1e15)
    }
}

/// The filter's fast comparison for words without letter case gives what `String.contains` gives.
@Suite struct CaselessFilterTests {
    @Test func aByteMatchIsATextMatch() throws {
        let s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        var m = try #require(s.inbox.first)
        m.number = ""
        m.summary = ""
        let titles = ["汾河", "排污口汾河", "汾河排污口", "汾", "", "河汾", "关于汾河排污口整治", "2025年汾河", "汾水河", "🙂汾河🙂"]
        for title in titles {
            m.title = title
            for word in ["汾河", "汾", "河", "污口", "2025", "汾河排污口整治的", "🙂"] {
                #expect(InboxFilter(word, today: s.today, window: 7).admits(m) == title.contains(word), "\(word) in \(title)")
            }
        }
    }
}
