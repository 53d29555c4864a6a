import Foundation
import Testing
@testable import InfralabSyntax

/// The little concurrency `check` uses: results in order, a prefetched value read any
/// number of times, and no more cores than the process may use.
@Suite struct ParallelTests {
    @Test func mapKeepsTheOrderOfItsInput() {
        let items = Array(0..<1_000)
        // Uneven work, so that threads finish out of order.
        let results = Parallel.map(items) { n in (0..<(n % 7) * 100).reduce(n) { ($0 &* 31) &+ $1 } }
        #expect(results == items.map { n in (0..<(n % 7) * 100).reduce(n) { ($0 &* 31) &+ $1 } })
        #expect(Parallel.map([Int]()) { $0 }.isEmpty)
        #expect(Parallel.map([41]) { $0 + 1 } == [42])
    }

    @Test func eventuallyGivesTheSameValueToEveryRead() {
        let value = Eventually { (1...1_000).reduce(0, +) }
        #expect(value.value == 500_500)
        #expect(value.value == 500_500)
    }

    @Test func coresAreThoseTheProcessMayUse() {
        #expect(Parallel.cores >= 1)
        #expect(Parallel.cores <= ProcessInfo.processInfo.processorCount)
    }
}
