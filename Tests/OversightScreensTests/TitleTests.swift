import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// A department's title keeps its organisation at 80 columns (issue 18: it was dropped whole), by its short name.
@Suite struct TitleTests {
    @Test func aDepartmentKeepsItsOrganisationInTheTitleAt80Columns() throws {
        let store = try Fixtures.demoStore()
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        for user in ["hbj.li", "wangjian"] {
            let state = try Fixtures.state(store, user: user)
            let title = screen.render(state, size: Size(width: 80, height: 24)).lines[0]
            let short = Organisation.shortName(state.viewer.org.name)
            #expect(title.contains(short), "\(user): \(title)")
            #expect(title.contains(state.viewer.user.displayName), "\(user): \(title)")
            #expect(DisplayWidth.of(title) == 80)
            // Wide enough, the whole name.
            let wide = screen.render(state, size: Size(width: 160, height: 40)).lines[0]
            #expect(wide.contains(state.viewer.org.name), "\(user): \(wide)")
        }
    }

    @Test func theShortNameDropsThePlace() {
        #expect(Organisation.shortName("吕梁市生态环境局文水分局") == "生态环境局文水分局")
        #expect(Organisation.shortName("文水县人民检察院") == "人民检察院")
        #expect(Organisation.shortName("文水县市场监督管理局") == "市场监督管理局")
        #expect(Organisation.shortName("司法局") == "司法局")
    }
}
