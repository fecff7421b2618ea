/// Runs a blocking call of the core (a SQLite query, a file, a request the
/// core awaits on its own runtime) away from the main actor, so screens stay
/// responsive; errors are the core's, unchanged.
public func offMain<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(operation: work).value
}
