import Foundation
import InfralabSyntax
import InfralabLab
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits until a file is saved: on Linux through inotify on its folder (a save that writes
/// the file, or renames a new file over it, wakes it at once), checking the file's
/// identity, size and modification time every `interval` as well — the fallback where
/// file events do not arrive (network file systems, containers), and the whole mechanism
/// with `forcePolling` or without inotify.
final class FileWatcher {
    let path: String
    let interval: Double
    private var descriptor: Int32 = -1
    private var stamp: Stamp

    struct Stamp: Equatable {
        var exists = false
        var inode: UInt64 = 0
        var size: Int64 = 0
        var seconds = 0
        var nanoseconds = 0
    }

    init(path: String, interval: Double, forcePolling: Bool) {
        self.path = path
        self.interval = interval
        self.stamp = FileWatcher.stamp(path)
        #if os(Linux)
        if !forcePolling {
            let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            if fd >= 0 {
                let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB)
                if inotify_add_watch(fd, PathUtilities.parent(path), mask) >= 0 { descriptor = fd } else { close(fd) }
            }
        }
        #endif
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Whether file events are in use (else polling).
    var usesEvents: Bool { descriptor >= 0 }

    /// Returns once the file differs from when it was last seen.
    func waitForChange() {
        while true {
            if descriptor >= 0 {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&request, 1, Int32(interval * 1000))
                if ready > 0 { drainEvents() }
            } else {
                usleep(useconds_t(interval * 1_000_000))
            }
            let now = FileWatcher.stamp(path)
            if now != stamp, now.exists {
                stamp = now
                return
            }
            if !now.exists { stamp = now }
        }
    }

    private func drainEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    static func stamp(_ path: String) -> Stamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return Stamp() }
        #if canImport(Darwin)
        return Stamp(exists: true, inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec))
        #else
        return Stamp(exists: true, inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        #endif
    }
}
