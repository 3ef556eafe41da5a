// How a caller steers a running inspection from another thread: cancel it (checked before every catalog query, and
// an in-flight PostgreSQL query interrupted with PQcancel) and follow its progress (connecting, N tables).
import Foundation

/// What an inspection is doing, for a progress display.
public enum InspectionProgress: Sendable, Equatable {
  case connecting
  /// The catalog lists `tables` tables; their columns, indexes and keys are being read.
  case inspecting(tables: Int)
  case writing
}

/// Shared by the caller and the inspection. Every member may be called from any thread.
public final class InspectionControl: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var interrupt: (@Sendable () -> Void)?
  private let progress: @Sendable (InspectionProgress) -> Void

  public init(progress: @escaping @Sendable (InspectionProgress) -> Void = { _ in }) {
    self.progress = progress
  }

  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }

  /// Stops the inspection at its next query and interrupts the one running, if the driver can. Idempotent.
  public func cancel() {
    lock.lock()
    defer { lock.unlock() }
    guard !cancelled else { return }
    cancelled = true
    // Called under the lock so that a connection cannot free what the handler uses while it runs.
    interrupt?()
  }

  func report(_ step: InspectionProgress) { progress(step) }

  /// Throws `cancelled` once `cancel()` has been called: the inspection calls it before each round trip.
  func checkpoint() throws(InspectionError) {
    if isCancelled { throw InspectionError(.cancelled, "the inspection was cancelled") }
  }

  /// What `cancel()` runs while a connection is open (nil when it closes); run at once if already cancelled.
  func setInterrupt(_ handler: (@Sendable () -> Void)?) {
    lock.lock()
    defer { lock.unlock() }
    interrupt = handler
    if cancelled { handler?() }
  }
}
