import Foundation
import GRDB
import OversightDomain
import OversightScreens
import OversightTestSupport
import TerminalKit
import Testing

@testable import OversightStore
@testable import OversightWorkbench
import OversightRuntime

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

    /// A demo store with `size` more matters written straight into it (a read-side fixture: copies of the demo's
    /// matters with their own ids, numbers and titles), its inbox index built as the migration builds it.
    static func store() throws -> (Store, AppState) {
        let store = try Fixtures.demoStore(name: "large-inbox")
        let state = try Fixtures.state(store, user: "wangjian")
        let copies = Self.matters(from: state.inbox)
        try store.write { db in
            for m in copies {
                var record = MatterRecord(m)
                try record.insert(db)
                for org in m.copiedTo ?? [] { try MatterCopyRecord(matterId: m.id, orgId: org).insert(db) }
                try Store.writeKnownTo(of: m, db)
            }
            try InboxIndex.rebuild(db)
        }
        return (store, try Fixtures.state(store, user: "wangjian"))
    }

    @Test func typingAChineseSubstringNarrowsTenThousandMattersAtEachCharacter() throws {
        var (store, state) = try Self.store()
        let interpreter = EffectInterpreter(store: store)
        let all = try store.matters(for: state.viewer)
        #expect(all.count > Self.size)
        #expect(state.inboxCount == all.count)
        #expect(state.inbox.count < 200, "the window holds a few screens, not the inbox")

        // The selection goes to a matter that matches all the way, deep in the inbox (paging down to it).
        let rows = try Fixtures.everyInboxRow(store, state.viewer, state.query, page: 997)
        #expect(rows.map(\.id) == InboxOrder.sorted(all, for: state.viewer.org).map(\.id))
        let target = try #require(rows.lastIndex { $0.title.contains("汾河排污") })
        #expect(target > 1000)
        let chosen = rows[target].id
        while state.selection < target {
            interpreter.perform(reduce(&state, .key("<PgDn>")), on: &state) { reduce(&$0, $1) }
            #expect(state.selectedMatter?.id == rows[state.selection].id)
            if state.selection + 11 >= target { break }
        }
        while state.selection < target { interpreter.perform(reduce(&state, .key("j")), on: &state) { reduce(&$0, $1) } }
        #expect(state.selectedMatter?.id == chosen)
        #expect(state.inbox.count <= state.windowLimit)

        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
        let clock = ContinuousClock()

        _ = reduce(&state, .key("/"))
        guard case .filter = state.mode else {
            Issue.record("/ opened no filter: \(state.mode)")
            return
        }
        var typed = "", previous = all.count
        var timings: [(String, Int, Duration)] = []
        for ch in ["汾", "河", "排", "污"] {
            let took = clock.measure { interpreter.perform(reduce(&state, .key(ch)), on: &state) { reduce(&$0, $1) } }
            typed += ch
            let want = Self.expected(typed, in: all)
            timings.append((typed, want.count, took))
            #expect(state.filter == typed)
            #expect(state.inboxCount == want.count, "after \(typed)")
            #expect(Set(try Fixtures.everyInboxRow(store, state.viewer, state.query, page: 997).map(\.id)) == want, "after \(typed): the inbox holds exactly the matches")
            #expect(want.count < previous && want.count > 0, "\(typed) narrows: \(want.count) of \(previous)")
            previous = want.count
            // The selection stays on the chosen matter (it matches).
            #expect(state.selectedMatter?.id == chosen, "after \(typed)")
            for size in sizes {
                let grid = screen.render(state, size: size)
                #expect(Self.shownCount(grid) == want.count, "\(size.width)×\(size.height) after \(typed): \(grid.lines.last ?? "")")
                #expect(grid.lines.last?.contains("/" + typed) == true)
                #expect(grid.text.contains(">"), "\(grid.text)")
            }
        }

        // Esc puts the filter away and the whole inbox back, the selection still on the same matter.
        let esc = clock.measure { interpreter.perform(reduce(&state, .key("<Esc>")), on: &state) { reduce(&$0, $1) } }
        #expect(state.mode == .normal)
        #expect(state.filter == "")
        #expect(state.inboxCount == all.count)
        #expect(state.selectedMatter?.id == chosen)
        for size in sizes {
            let grid = screen.render(state, size: size)
            #expect(grid.text.contains("全部 \(state.totalVisible)"), "\(grid.text)")
        }
        let line = timings.map { "\($0.0) (\($0.1) matches) \(Self.ms($0.2))" }.joined(separator: ", ")
        print("LargeInboxFilter: reduce and store per keystroke at \(all.count) matters (debug): \(line); Esc \(Self.ms(esc))")
    }

    /// A selection on a matter the filter drops moves to the first match, whose detail is asked for.
    @Test func aSelectionTheFilterDropsMovesToTheFirstMatch() throws {
        var (store, state) = try Self.store()
        let interpreter = EffectInterpreter(store: store)
        while state.selectedMatter?.title.contains("汾") != false { _ = reduce(&state, .key("j")) }
        _ = reduce(&state, .key("/"))
        var asked: [Effect] = []
        interpreter.perform(reduce(&state, .key("汾")), on: &state) { s, a in
            let e = reduce(&s, a)
            asked += e
            return e
        }
        #expect(state.selection == 0)
        let first = try #require(state.selectedMatter)
        #expect(first.title.contains("汾"))
        #expect(asked.contains(.loadDetail(first.id)))
        interpreter.perform(reduce(&state, .key("<BS>")), on: &state) { reduce(&$0, $1) }
        #expect(state.inboxCount == (try store.matters(for: state.viewer)).count)
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
