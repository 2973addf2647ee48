import Glibc

/// Wall-clock timing for benchmarks (never used by simulations or tests).
enum BenchTiming {
    /// Monotonic nanoseconds.
    @inline(__always)
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// This thread's CPU time in nanoseconds (immune to other processes on a shared machine).
    @inline(__always)
    static func cpuNow() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Nanoseconds per call of `body`, as the median over `batches` batches of `iterations` calls
    /// (wall clock, or this thread's CPU time with `cpu`).
    static func nanosPerOp(batches: Int, iterations: Int, cpu: Bool = false, _ body: () -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<batches {
            let start = cpu ? cpuNow() : now()
            for _ in 0..<iterations { body() }
            samples.append(Double((cpu ? cpuNow() : now()) - start) / Double(iterations))
        }
        return median(samples)
    }

    /// Picks an iteration count so one batch takes about `target` nanoseconds.
    static func iterations(targetNanos: Double, _ body: () -> Void) -> Int {
        var n = 1
        while true {
            let start = now()
            for _ in 0..<n { body() }
            let elapsed = Double(now() - start)
            if elapsed >= targetNanos / 4 || n >= 1 << 24 {
                return max(1, Int(Double(n) * targetNanos / max(elapsed, 1)))
            }
            n *= 2
        }
    }

    /// Median of a non-empty sample.
    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Two implementations of the same operation, timed in alternating batches so drift on a noisy
/// machine hits both alike; returns the medians in nanoseconds per call.
func compareInterleaved(batches: Int, targetNanos: Double, _ a: () -> Void, _ b: () -> Void) -> (a: Double, b: Double) {
    let n = BenchTiming.iterations(targetNanos: targetNanos, a)
    var sa: [Double] = [], sb: [Double] = []
    for _ in 0..<batches {
        sa.append(BenchTiming.nanosPerOp(batches: 1, iterations: n, a))
        sb.append(BenchTiming.nanosPerOp(batches: 1, iterations: n, b))
    }
    return (BenchTiming.median(sa), BenchTiming.median(sb))
}
