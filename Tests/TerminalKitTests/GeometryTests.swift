import Testing
import TerminalKit

@Suite("Geometry")
struct GeometryTests {
    @Test func negativeSizesClampToZero() {
        #expect(Size(width: -1, height: -5) == Size(width: 0, height: 0))
        let r = Rect(x: -3, y: -4, width: -1, height: -2)
        #expect(r.width == 0 && r.height == 0 && r.isEmpty)
        #expect(r.x == -3 && r.y == -4)
        #expect(Size(width: 80, height: 24).description == "80×24")
    }

    @Test func insetShrinksAndClamps() {
        let r = Rect(x: 1, y: 2, width: 10, height: 5)
        #expect(r.inset(1) == Rect(x: 2, y: 3, width: 8, height: 3))
        #expect(r.inset(0) == r)
        #expect(r.inset(3).height == 0)
        #expect(r.inset(3).isEmpty)
        #expect(r.inset(100).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(1).isEmpty)
    }

    @Test func negativeInsetGrows() {
        #expect(Rect(x: 1, y: 1, width: 2, height: 2).inset(-1) == Rect(x: 0, y: 0, width: 4, height: 4))
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 3, height: 3)).isEmpty)
        #expect(a.intersection(Rect(x: -5, y: -5, width: 100, height: 100)) == a)
    }

    @Test func contains() {
        let r = Rect(x: 1, y: 1, width: 2, height: 2)
        #expect(r.contains(Point(x: 1, y: 1)))
        #expect(r.contains(Point(x: 2, y: 2)))
        #expect(!r.contains(Point(x: 3, y: 1)))
        #expect(!r.contains(Point(x: 0, y: 1)))
        #expect(!Rect(x: 0, y: 0, width: 0, height: 0).contains(Point(x: 0, y: 0)))
    }

    @Test("splits clamp any row count", arguments: [-5, -1, 0, 1, 3, 10, 11, 1000])
    func splits(_ n: Int) {
        let r = Rect(x: 2, y: 3, width: 20, height: 10)
        let clampedRows = min(max(0, n), 10), clampedCols = min(max(0, n), 20)

        let (top, below) = r.splitTop(n)
        #expect(top == Rect(x: 2, y: 3, width: 20, height: clampedRows))
        #expect(below == Rect(x: 2, y: 3 + clampedRows, width: 20, height: 10 - clampedRows))

        let (above, bottom) = r.splitBottom(n)
        #expect(bottom == Rect(x: 2, y: 13 - clampedRows, width: 20, height: clampedRows))
        #expect(above.height + bottom.height == 10 && above.y == 3 && above.maxY == bottom.y)

        let (left, right) = r.splitLeft(n)
        #expect(left == Rect(x: 2, y: 3, width: clampedCols, height: 10))
        #expect(right == Rect(x: 2 + clampedCols, y: 3, width: 20 - clampedCols, height: 10))
    }

    @Test func splittingAnEmptyRect() {
        let r = Rect(x: 0, y: 0, width: 0, height: 0)
        #expect(r.splitTop(3).0.isEmpty && r.splitTop(3).1.isEmpty)
        #expect(r.splitLeft(3).0.isEmpty && r.splitLeft(3).1.isEmpty)
    }

    @Test func row() {
        let r = Rect(x: 1, y: 5, width: 4, height: 2)
        #expect(r.row(0) == Rect(x: 1, y: 5, width: 4, height: 1))
        #expect(r.row(1) == Rect(x: 1, y: 6, width: 4, height: 1))
        #expect(r.row(2).isEmpty)
        #expect(r.row(-1).isEmpty)
    }
}
