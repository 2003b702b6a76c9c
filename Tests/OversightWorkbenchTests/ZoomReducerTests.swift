import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// The zoomed inbox (`z`, `:zoom`): the inbox alone, and nothing read for the detail or the calendar meanwhile.
@Suite struct ZoomReducerTests {
    static let store = Result { try Fixtures.demoStore(name: "ZoomReducerTests") }

    func state() throws -> AppState {
        try Fixtures.state(try Self.store.get(), user: "wangjian")
    }

    @Test func zTogglesTheZoomAndAsksForNothingWhenNothingMoved() throws {
        var s = try state()
        #expect(!s.zoomed)
        #expect(reduce(&s, .key("z")) == [])
        #expect(s.zoomed && s.focus == .inbox)
        // Back without a move: the detail and the month held are still the ones shown, nothing is read again.
        #expect(reduce(&s, .key("z")) == [])
        #expect(!s.zoomed)
        #expect(s.detail?.matter.id == s.selectedMatter?.id)
    }

    @Test func zFromAnotherPaneZoomsTheInboxAndTheColonCommandDoesTheSame() throws {
        var s = try state()
        _ = reduce(&s, .key("<Tab>"))
        #expect(s.focus == .detail)
        _ = reduce(&s, .key("z"))
        #expect(s.zoomed && s.focus == .inbox, "the inbox's keys hold in every pane; zoomed, the focus is the inbox's")
        // `:zoom`, as the key: the same command.
        for c in ":zoom" { _ = reduce(&s, .key(String(c))) }
        _ = reduce(&s, .key("<Enter>"))
        #expect(!s.zoomed)
        #expect(try CommandText.parse("zoom", words: s.words) == .command(.zoom))
    }

    @Test func movesWhileZoomedReadNoDetailAndTheWayBackReadsIt() throws {
        var s = try state()
        _ = reduce(&s, .key("z"))
        for key in ["j", "j", "<Down>", "k", "G", "g", "j"] {
            let effects = reduce(&s, .key(key))
            #expect(!effects.contains { if case .loadDetail = $0 { true } else { false } }, "\(key): \(effects)")
        }
        #expect(s.selection == 1)
        #expect(s.detail == nil, "no detail is held for a matter it was not read for")
        // Unzoomed: the selected matter's detail is asked for, once.
        #expect(reduce(&s, .key("z")) == [.loadDetail(s.inbox[1].id)])
        #expect(!s.zoomed)
    }

    @Test func reloadsWhileZoomedReadNeitherTheDetailNorTheCalendarUntilTheWayBack() throws {
        var s = try state()
        let month = s.calendarCursor.firstOfMonth
        #expect(s.deadlinesMonth == month)
        _ = reduce(&s, .key("z"))
        // Another session's change: the inbox is read again (without the month's deadlines), the detail not.
        let effects = reduce(&s, .othersChanged([], names: [:]))
        #expect(effects == [.loadInbox])
        #expect(s.detail == nil && s.deadlinesMonth == nil)
        // The next month asked for (not offered, but typed): not read while zoomed.
        for c in ":goto 2027-01-05" { _ = reduce(&s, .key(String(c))) }
        // `:goto` moves the focus to the calendar: the panes come back with what they need.
        let back = reduce(&s, .key("<Enter>"))
        #expect(!s.zoomed && s.focus == .calendar)
        #expect(back == [.loadDeadlines(CivilDate(year: 2027, month: 1, day: 1)!), .loadDetail(s.selectedMatter!.id)])
    }

    @Test func tabLeavesTheZoomForTheNextPane() throws {
        var s = try state()
        _ = reduce(&s, .key("z"))
        _ = reduce(&s, .key("j"))
        let effects = reduce(&s, .key("<Tab>"))
        #expect(!s.zoomed && s.focus == .detail)
        #expect(effects == [.loadDetail(s.selectedMatter!.id)])
    }

    @Test func escKeepsItsMeaningWhileZoomed() throws {
        var s = try state()
        _ = reduce(&s, .key("z"))
        _ = reduce(&s, .key("t"))
        #expect(!s.tagged.isEmpty)
        _ = reduce(&s, .key("<Esc>"))
        #expect(s.tagged.isEmpty, "Esc clears the tags and the filter")
        #expect(s.zoomed, "and leaves the zoom as it is")
    }

    /// Through the runtime's own interpreter: moves while zoomed read nothing but the inbox's pages; the inbox's
    /// reload reads no month of deadlines; the way back reads the detail and the month.
    @Test func theInterpreterReadsNoDetailAndNoDeadlinesWhileZoomed() throws {
        let store = try Self.store.get()
        var s = try state()
        let interpreter = EffectInterpreter(store: store)
        var asked: [Effect] = []
        func press(_ key: String) {
            let effects = reduce(&s, .key(key))
            asked += effects
            interpreter.perform(effects, on: &s) { state, action in
                let more = reduce(&state, action)
                asked += more
                return more
            }
        }
        press("z")
        for _ in 0..<5 { press("j") }
        #expect(!asked.contains { if case .loadDetail = $0 { true } else { false } }, "\(asked)")
        #expect(s.detail == nil)
        #expect(try interpreter.actions(for: .loadInbox, state: s).allSatisfy {
            if case .deadlinesLoaded = $0 { false } else if case .plannedLoaded = $0 { false } else { true }
        }, "the inbox's reload reads no calendar month while zoomed")
        press("z")
        #expect(s.detail?.matter.id == s.selectedMatter?.id, "the way back reads the selected matter's detail")
        #expect(s.selection == 5)
    }
}
