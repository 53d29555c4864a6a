import Foundation

/// The shared libraries an ELF64 little-endian executable names (`DT_NEEDED`), read the
/// way `ldd` starts: program headers → the dynamic segment → its string table. nil when
/// the file is not such an executable; `[]` when it is fully static.
enum SharedLibraries {
    static func needed(byExecutableAt path: String) -> [String]? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return needed(in: data)
    }

    static func needed(in data: Data) -> [String]? {
        let bytes = [UInt8](data.prefix(64))
        // "\u{7f}ELF", 64-bit (2), little-endian (1).
        guard bytes.count == 64, bytes[0...3] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1 else { return nil }
        func integer(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= 0, offset + size <= data.count else { return nil }
            var value = 0
            for i in (0..<size).reversed() { value = value << 8 | Int(data[data.startIndex + offset + i]) }
            return value
        }
        guard let headerOffset = integer(0x20, 8), let headerSize = integer(0x36, 2), let headerCount = integer(0x38, 2) else { return nil }
        var loads: [(vaddr: Int, offset: Int, size: Int)] = []
        var dynamic: (offset: Int, size: Int)?
        for index in 0..<headerCount {
            let base = headerOffset + index * headerSize
            guard let type = integer(base, 4), let offset = integer(base + 8, 8), let vaddr = integer(base + 16, 8),
                  let size = integer(base + 32, 8) else { return nil }
            if type == 1 { loads.append((vaddr, offset, size)) }
            if type == 2 { dynamic = (offset, size) }
        }
        guard let dynamic else { return [] }
        var neededOffsets: [Int] = [], stringTable: Int?
        var entry = dynamic.offset
        while entry + 16 <= dynamic.offset + dynamic.size, let tag = integer(entry, 8), tag != 0 {
            if tag == 1, let value = integer(entry + 8, 8) { neededOffsets.append(value) }
            if tag == 5 { stringTable = integer(entry + 8, 8) }
            entry += 16
        }
        guard let address = stringTable, let load = loads.first(where: { address >= $0.vaddr && address < $0.vaddr + $0.size }) else { return nil }
        let tableOffset = address - load.vaddr + load.offset
        return neededOffsets.compactMap { offset in
            var end = tableOffset + offset
            guard end < data.count else { return nil }
            while end < data.count && data[data.startIndex + end] != 0 { end += 1 }
            return String(decoding: data[(data.startIndex + tableOffset + offset)..<(data.startIndex + end)], as: UTF8.self)
        }
    }

    /// Libraries a Swift build loads when the runtime is not linked in.
    static func swiftRuntime(in libraries: [String]) -> [String] {
        libraries.filter { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") || $0.hasPrefix("libdispatch") || $0.hasPrefix("lib_Foundation") }
    }
}
