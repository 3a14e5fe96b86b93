import CMimalloc

/// The memory allocator the command line runs on: mimalloc, linked in place of the C library's
/// malloc for the whole process (libical's and libyaml's allocations too). An export or a plan
/// load makes millions of small allocations on two threads at once, where glibc's malloc spends a
/// tenth of the time (BENCHMARKS.md, "The allocator").
enum Allocator {
    /// `mimalloc 2.0.9`: the version of the library this process runs on.
    static var text: String {
        let version = Int(mi_version())
        return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
    }
}
