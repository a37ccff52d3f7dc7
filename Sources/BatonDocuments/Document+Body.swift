import BatonMarkdown
import Synchronization

extension Document {
  /// Lets the body go once `readers` readers have each said they are done with it
  /// (`finishedReadingBody()`), in this copy of the document and in every other.
  ///
  /// A cold build of tens of thousands of pages reads each tree twice, for its page and for
  /// its search entry, and nothing after: holding every tree until the end was a quarter of
  /// its peak memory. A document whose readers are not counted keeps its body.
  public func releaseBody(afterReaders readers: Int) {
    bodySlot?.state.withLock { $0.readersLeft = readers }
  }

  /// Says one reader is done with the body: the last of the readers `releaseBody(afterReaders:)`
  /// counts lets it go. Does nothing when the readers are not counted.
  public func finishedReadingBody() {
    bodySlot?.state.withLock { state in
      guard let left = state.readersLeft else { return }
      state.readersLeft = left - 1
      if left <= 1 { state.tree = nil }
    }
  }

  /// Whether the body was let go by its readers (`releaseBody(afterReaders:)`).
  public var isBodyReleased: Bool {
    bodySlot?.state.withLock { $0.tree == nil && $0.readersLeft != nil } ?? false
  }
}

/// A document's Markdown tree, shared by the copies of the document, until its readers let it go.
final class BodySlot: Sendable {
  struct State {
    var tree: MarkdownNode?
    /// How many readers have still to finish with the tree; nil when it is kept for good.
    var readersLeft: Int?
  }

  let state: Mutex<State>

  init(_ tree: MarkdownNode) {
    state = Mutex(State(tree: tree, readersLeft: nil))
  }

  var tree: MarkdownNode? { state.withLock { $0.tree } }
}
