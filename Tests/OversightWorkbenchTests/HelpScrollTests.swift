import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightWorkbench

@Suite struct HelpScrollTests {
    @Test func movementKeysScrollTheOpenHelpAndNothingElse() throws {
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        _ = reduce(&s, .key("?"))
        #expect(s.showHelp && s.helpScroll == 0)
        #expect(reduce(&s, .key("j")) == [])
        #expect(reduce(&s, .key("<Down>")) == [])
        #expect(s.helpScroll == 2)
        #expect(s.selection == 0)
        _ = reduce(&s, .key("k"))
        #expect(s.helpScroll == 1)
        for _ in 0..<100 { _ = reduce(&s, .key("j")) }
        #expect(s.helpScroll == Keymap.standard.helpRows(s).count - 1)
        _ = reduce(&s, .key("g"))
        #expect(s.helpScroll == 0)
        _ = reduce(&s, .key("j"))
        _ = reduce(&s, .key("<Esc>"))
        #expect(!s.showHelp)
        _ = reduce(&s, .key("?"))
        #expect(s.showHelp && s.helpScroll == 0)
    }
}
