import Testing
import TerminalKit
@testable import CursesBackend

@Suite("Colour pairs")
struct ColorPairsTests {
    @Test func defaultOnDefaultIsPairZero() {
        var p = ColorPairs(defaultColors: true, limit: 64, colors: 8)
        #expect(p.pair(foreground: .default, background: .default).pair == 0)
        #expect(p.pair(foreground: .default, background: .default).new == nil)
    }

    @Test func pairsAreAllocatedLazilyAndReused() {
        var p = ColorPairs(defaultColors: true, limit: 64, colors: 8)
        let red = p.pair(foreground: .red, background: .default)
        #expect(red.pair == 1)
        #expect(red.new == ColorPairs.Key(foreground: 1, background: -1))
        let again = p.pair(foreground: .red, background: .default)
        #expect(again.pair == 1 && again.new == nil)
        let onBlue = p.pair(foreground: .white, background: .blue)
        #expect(onBlue.pair == 2 && onBlue.new == ColorPairs.Key(foreground: 7, background: 4))
    }

    @Test func withoutDefaultColorsDefaultIsWhiteOnBlack() {
        var p = ColorPairs(defaultColors: false, limit: 64, colors: 8)
        #expect(p.pair(foreground: .default, background: .default).pair == 0)
        #expect(p.pair(foreground: .yellow, background: .default).new == ColorPairs.Key(foreground: 3, background: 0))
        #expect(p.pair(foreground: .default, background: .red).new == ColorPairs.Key(foreground: 7, background: 1))
    }

    @Test func runningOutOfPairsFallsBackToPairZero() {
        var p = ColorPairs(defaultColors: true, limit: 3, colors: 8)
        #expect(p.pair(foreground: .red, background: .default).pair == 1)
        #expect(p.pair(foreground: .green, background: .default).pair == 2)
        #expect(p.pair(foreground: .blue, background: .default).pair == 0)
        #expect(p.pair(foreground: .red, background: .default).pair == 1)
    }

    @Test func monochromeNeverAllocates() {
        var p = ColorPairs(defaultColors: false, limit: 0, colors: 0)
        for fg in Color.allCases {
            for bg in Color.allCases { #expect(p.pair(foreground: fg, background: bg).pair == 0) }
        }
    }

    @Test func everyCombinationFitsInSixtyFourPairs() {
        var p = ColorPairs(defaultColors: true, limit: 256, colors: 8)
        var seen: Set<Int16> = []
        for fg in Color.allCases {
            for bg in Color.allCases { seen.insert(p.pair(foreground: fg, background: bg).pair) }
        }
        #expect(seen.count == 81)  // 80 pairs + pair 0
    }
}
