import CZstd
import Foundation

/// Writes a trace as JSON lines, compressed with zstd while streaming when the path ends in `.zst`.
public final class TraceWriter {
    private let handle: FileHandle
    private let compressor: OpaquePointer?
    private var pending = Data()
    private let encoder: JSONEncoder

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws(ScenarioError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw ScenarioError(.unreadableFile, "cannot create trace file", file: path, line: nil, key: nil)
        }
        handle = h
        compressor = path.hasSuffix(".zst") ? ZSTD_createCStream() : nil
        if let c = compressor { ZSTD_initCStream(c, 3) }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
    }

    /// Appends one action as a line.
    public func write(_ action: TraceAction) throws(ScenarioError) {
        do { pending.append(try encoder.encode(action)) } catch {
            throw ScenarioError(.invalidValue, "cannot encode trace action: \(error)", file: "", line: nil, key: nil)
        }
        pending.append(0x0a)
        if pending.count >= 1 << 16 { try flush(end: false) }
    }

    /// Flushes and closes the file (ending the zstd frame).
    public func close() throws(ScenarioError) {
        try flush(end: true)
        if let c = compressor { ZSTD_freeCStream(c) }
        try? handle.close()
    }

    private func flush(end: Bool) throws(ScenarioError) {
        guard let c = compressor else {
            handle.write(pending)
            pending.removeAll(keepingCapacity: true)
            return
        }
        var out = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
        let failed: Bool = pending.withUnsafeBytes { raw -> Bool in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            repeat {
                var output = ZSTD_outBuffer(dst: &out, size: out.count, pos: 0)
                let r = ZSTD_compressStream2(c, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue)
                if ZSTD_isError(r) != 0 { return true }
                handle.write(Data(out[0..<output.pos]))
                if end && r == 0 && input.pos == input.size { break }
                if !end && input.pos == input.size { break }
            } while true
            return false
        }
        pending.removeAll(keepingCapacity: true)
        if failed { throw ScenarioError(.invalidValue, "zstd compression failed", file: "", line: nil, key: nil) }
    }
}

/// Reads a trace written by `TraceWriter` (`.jsonl`, or `.jsonl.zst` decompressed while streaming).
/// A malformed line is an error naming the file and line.
public enum TraceReader {
    /// Every action of the trace, in file order.
    public static func read(path: String) throws(ScenarioError) -> [TraceAction] {
        guard let raw = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(.unreadableFile, "cannot read trace", file: path, line: nil, key: nil)
        }
        let text = path.hasSuffix(".zst") ? try decompress(raw, file: path) : raw
        var actions: [TraceAction] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in text.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0d }) { continue }
            do { actions.append(try decoder.decode(TraceAction.self, from: Data(line))) } catch {
                throw ScenarioError(.invalidValue, "not a trace action: \(error)", file: path, line: lineNumber, key: nil)
            }
            if let last = actions.dropLast().last, actions[actions.count - 1].t_ns < last.t_ns {
                throw ScenarioError(.invalidValue, "actions must be in time order (t_ns goes back)", file: path, line: lineNumber, key: "t_ns")
            }
        }
        return actions
    }

    static func decompress(_ data: Data, file: String) throws(ScenarioError) -> Data {
        guard let d = ZSTD_createDStream() else { throw ScenarioError(.invalidValue, "zstd unavailable", file: file, line: nil, key: nil) }
        defer { ZSTD_freeDStream(d) }
        ZSTD_initDStream(d)
        var result = Data()
        var out = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var lastReturn = 0
        let failed: Bool = data.withUnsafeBytes { raw -> Bool in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            while input.pos < input.size {
                var output = ZSTD_outBuffer(dst: &out, size: out.count, pos: 0)
                let r = ZSTD_decompressStream(d, &output, &input)
                if ZSTD_isError(r) != 0 { return true }
                lastReturn = r
                result.append(contentsOf: out[0..<output.pos])
                if result.count > 1 << 31 { return true }
            }
            return false
        }
        guard !failed, lastReturn == 0 else {
            throw ScenarioError(.invalidValue, "not a complete zstd stream", file: file, line: nil, key: nil)
        }
        return result
    }
}
