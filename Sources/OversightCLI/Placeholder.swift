import ArgumentParser
public struct OversightCommand: ParsableCommand {
    public init() {}
    public func run() throws {}
}
