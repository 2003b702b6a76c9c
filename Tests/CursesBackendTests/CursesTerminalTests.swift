import CNCurses
import Glibc
import Testing
@testable import CursesBackend

@Suite("CursesTerminal helpers")
struct CursesTerminalTests {
    @Test func pipesAreNotTerminals() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer { Glibc.close(fds[0]); Glibc.close(fds[1]) }
        #expect(throws: CursesError.notATerminal(stdin: true, stdout: true)) {
            try CursesTerminal.checkTerminal(input: fds[0], output: fds[1])
        }
    }

    @Test func errorDescriptionsSayWhatToDo() {
        let unknown = CursesError.unknownTerminal("nonsense").description
        #expect(unknown.contains("unknown terminal type \"nonsense\""))
        #expect(unknown.contains("TERM"))
        #expect(unknown.contains("xterm-256color"))
        #expect(CursesError.unknownTerminal(nil).description.contains("TERM is not set"))
        #expect(CursesError.cannotAddressCursor("dumb").description.hasPrefix("this terminal (TERM=dumb) cannot position the cursor"))
        #expect(CursesError.notATerminal(stdin: true, stdout: false).description.hasPrefix("standard input is not a terminal"))
        #expect(CursesError.notATerminal(stdin: true, stdout: true).description
            .hasPrefix("standard input and standard output are not a terminal"))
    }

    @Test("ESCDELAY", arguments: [
        (nil, 100), ("25", 25), (" 200 ", 200), ("0", 0), ("10000", 10000),
        ("", 100), ("abc", 100), ("-5", 100), ("10001", 100), ("99999999999", 100),
    ] as [(String?, Int32)])
    func escapeDelay(_ value: String?, _ expected: Int32) {
        #expect(CursesTerminal.escapeDelay(fromEnvironment: value) == expected)
    }

    @Test func codesets() {
        for name in ["UTF-8", "utf8", "UTF8", "utf-8"] { #expect(CursesTerminal.isUTF8Codeset(name)) }
        for name in ["ANSI_X3.4-1968", "GBK", "GB18030", "ISO-8859-1", ""] { #expect(!CursesTerminal.isUTF8Codeset(name)) }
        #expect(CursesTerminal.isASCIICodeset("ANSI_X3.4-1968"))
        #expect(CursesTerminal.isASCIICodeset("US-ASCII"))
        for name in ["UTF-8", "GBK", "ISO-8859-1"] { #expect(!CursesTerminal.isASCIICodeset(name)) }
    }

    @Test func fallbackKeysAreHomeAndEndOnly() {
        #expect(CursesTerminal.fallbackKeys.allSatisfy { $0.sequence.hasPrefix("\u{1B}") })
        let events = Set(CursesTerminal.fallbackKeys.map {
            CursesTerminal.decode(status: KEY_CODE_YES, code: UInt32($0.code), size: .init(width: 1, height: 1))
        })
        #expect(events == [.key(.home), .key(.end)])
    }
}
