#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Work spread over the machine's cores, for the few places where a learner waits on
/// independent pieces: `check` reads the mission while it loads the topology, and grades
/// a step's requirements side by side. Results come back in order; a one-core machine
/// (or one piece of work) runs everything on the calling thread.
package enum Parallel {
    /// `transform` applied to each element, several at a time; the results in `items`' order.
    /// `transform` must only read shared state.
    package static func map<Element: Sendable, Result: Sendable>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard items.count > 1, cores > 1 else { return items.map(transform) }
        return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            items.withUnsafeBufferPointer { elements in
                // Each iteration writes its own slot: no two threads touch the same memory.
                let slots = Slots(input: elements, output: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    (slots.output + index).initialize(to: transform(slots.input[index]))
                }
            }
            initialized = items.count
        }
    }

    /// The input and output of `map`, shared by its threads (each touches its own index).
    private struct Slots<Element, Result>: @unchecked Sendable {
        let input: UnsafeBufferPointer<Element>
        let output: UnsafeMutablePointer<Result>
    }

    /// The cores this process may run on (its CPU affinity: `taskset`, a container's
    /// limit), not the machine's: on one core, threads only add their own cost.
    package static let cores: Int = {
        #if os(Linux)
        var mask = [UInt8](repeating: 0, count: 128)  // room for 1,024 CPUs
        if mask.withUnsafeMutableBytes({ affinity(0, $0.count, $0.baseAddress!) }) == 0 {
            return max(1, mask.reduce(0) { $0 + $1.nonzeroBitCount })
        }
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }()
}

#if os(Linux)
/// glibc's `sched_getaffinity`, which its module map leaves out (it needs `_GNU_SOURCE`).
@_silgen_name("sched_getaffinity")
private func affinity(_ pid: Int32, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int32
#endif

/// A value computed on another thread while the caller does something else; `value`
/// waits for it. Started at once (on a one-core process, when first read, on the
/// reader's thread); read it once or many times.
package final class Eventually<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let finished = DispatchSemaphore(value: 0)
    private let lock = DispatchQueue(label: "infralab.eventually")
    private var later: (@Sendable () -> Value)?

    package init(_ work: @escaping @Sendable () -> Value) {
        guard Parallel.cores > 1 else {
            later = work
            return
        }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = work()
            lock.sync { result = value }
            finished.signal()
        }
    }

    /// The value, once computed (blocks until then).
    package var value: Value {
        if let work = lock.sync(execute: { later }) {
            let value = work()
            lock.sync {
                result = value
                later = nil
            }
            return value
        }
        if let ready = lock.sync(execute: { result }) { return ready }
        finished.wait()
        finished.signal()  // a later read does not wait again
        return lock.sync { result! }
    }
}
