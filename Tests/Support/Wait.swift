import Foundation

/// Polls `condition` until it holds or `timeout` passes: no fixed sleeps in tests.
/// Returns whether the condition came true.
public func waitUntil(timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(50), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
    }
}
