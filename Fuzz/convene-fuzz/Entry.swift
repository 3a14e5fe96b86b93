import Foundation

#if FUZZING
/// The target, from `CONVENE_FUZZ_TARGET` (plan, ical or sheet), read once.
private let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["CONVENE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set CONVENE_FUZZ_TARGET to plan, ical or sheet\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
    selected.run(Data(bytes: bytes, count: count))
    return 0
}

/// libFuzzer's driver, which runs `LLVMFuzzerTestOneInput` as its command line says.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

/// The executable's `main` (SwiftPM names it after the target): hands over to libFuzzer.
@_cdecl("convene_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
#else
/// Without libFuzzer: `convene-fuzz TARGET FILE...` runs each file through a target once
/// (to replay a finding under a debugger or a sanitizer).
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            print("usage: convene-fuzz plan|ical|sheet FILE...")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(2)
            }
            target.run(data)
            print("\(path): done")
        }
    }
}
#endif
