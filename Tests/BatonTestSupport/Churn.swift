import Dispatch
import Foundation
import Synchronization

/// A thread that keeps changing files while a test reads them, until stopped: the races a
/// user (or an attacker) can start beside a running Baton.
public final class Churn: Sendable {
  private let stopped = Atomic<Bool>(false)
  private let finished = DispatchSemaphore(value: 0)

  /// Calls `step` with 0, 1, 2… on its own thread until `stop()`.
  public init(_ step: @escaping @Sendable (Int) -> Void) {
    let thread = Thread { [self] in
      var round = 0
      while !stopped.load(ordering: .relaxed) {
        step(round)
        round += 1
      }
      finished.signal()
    }
    thread.start()
  }

  /// Stops the thread and waits for its last step to end.
  public func stop() {
    stopped.store(true, ordering: .relaxed)
    finished.wait()
  }

  /// Swaps `path` between a regular file holding `text` and a symbolic link to `target`, each
  /// put in place with one rename, as an attacker racing a reader would.
  public static func swapping(_ path: String, linkTo target: String, text: String) -> Churn {
    Churn { round in
      let temporary = path + ".swap"
      unlink(temporary)
      if round % 2 == 0 {
        _ = symlink(target, temporary)
      } else {
        _ = FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8))
      }
      rename(temporary, path)
    }
  }

  /// Takes the files `<first>-a.md` … `<first + count - 1>-a.md` in `folder` in turn and, for
  /// each, removes it, makes a folder of its name, removes that and writes the file again
  /// holding `text`: files that vanish or change kind while a reader lists and reads them.
  public static func vanishing(in folder: String, first: Int, count: Int, text: String) -> Churn {
    Churn { round in
      let path = folder + "/\(first + round % count)-a.md"
      unlink(path)
      mkdir(path, 0o755)
      rmdir(path)
      _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
  }

  /// A file outside any repository holding a marker that must never be read through a link.
  public static func secretFile() throws -> (path: String, marker: String) {
    let marker = "SECRET-" + UUID().uuidString
    let path = FileManager.default.temporaryDirectory.path + "/baton-secret-\(UUID().uuidString)"
    try Data(marker.utf8).write(to: URL(fileURLWithPath: path))
    return (path, marker)
  }
}
