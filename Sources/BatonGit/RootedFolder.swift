#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder held open, under which paths are opened one component at a time, never letting the
/// kernel follow a symbolic link.
///
/// Every component is opened with `O_NOFOLLOW` relative to the folder opened before it; a
/// symbolic link met on the way is read (`readlinkat`) and its text resolved here, against the
/// components already open, so a link whose target leaves the folder is refused before anything
/// outside is opened. What is read is then read from the descriptor that was opened and checked
/// (`fstat`), never from a path looked at earlier: a file swapped for a link between the walk
/// that listed it and the read cannot make the read leave the folder. (Linux's `openat2` with
/// `RESOLVE_BENEATH` does the same in the kernel, but the C library does not wrap it.)
///
/// The descriptor is closed when the value is freed.
package final class RootedFolder: Sendable {
  /// The open folder; -1 when it could not be opened.
  let descriptor: Int32
  /// The folder's canonical absolute path, to accept absolute link targets inside it.
  let canonicalPath: String

  /// What opening a path found.
  package enum Outcome {
    /// The path's last component, open for reading (the caller closes it); `throughLink` when
    /// a symbolic link was followed on the way.
    case opened(Int32, throughLink: Bool)
    /// Nothing is there; `linkTarget` is the text of the link that led nowhere, if one did.
    case missing(linkTarget: String?)
    /// A symbolic link on the way points outside the folder (or into its `.git`).
    case outside(linkTarget: String)
    /// Symbolic links lead back to themselves.
    case loop
    /// A component on the way is not a folder.
    case notAFolder
    /// A symbolic link was met where the caller follows none.
    case link(target: String)
    /// The system refused; `errno`'s value.
    case failed(Int32)
  }

  package init(path: String) {
    descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    canonicalPath = FileSystem.canonicalPath(path) ?? path
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// A folder under the rooted one, held open by a reader of many files in it (see
  /// `open(_:in:)`); the reader closes it with `release`.
  package struct Held {
    /// Its path, relative.
    package var path: Substring
    package var descriptor: Int32
    /// Whether a symbolic link was followed on the way to it.
    package var throughLink: Bool
  }

  /// Opens the file at `path` as `open(_:)` does, from `held` when it is the file's folder, else
  /// from the file's folder opened (with `open(_:folder:)`) and then held in its place: files
  /// read in order of their paths are each one `openat` beneath their folder instead of one per
  /// component of the path. Whatever the last component is (a link, nothing, a folder), the
  /// whole path is opened the ordinary way, so the outcome is `open(_:)`'s.
  package func open(_ path: String, in held: inout Held?) -> Outcome {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return open(path) }
    let folder = path[..<slash]
    if held?.path != folder {
      release(&held)
      if case .opened(let descriptor, let throughLink) = open(String(folder), folder: true) {
        held = Held(path: folder, descriptor: descriptor, throughLink: throughLink)
      }
    }
    guard let current = held else { return open(path) }
    let name = String(path[path.utf8.index(after: slash)...])
    guard name != "." && name != ".." && !name.isEmpty else { return open(path) }
    let child = openat(current.descriptor, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard child >= 0 else { return open(path) }
    return .opened(child, throughLink: current.throughLink)
  }

  /// Closes a folder `open(_:in:)` held.
  package func release(_ held: inout Held?) {
    if let descriptor = held?.descriptor { close(descriptor) }
    held = nil
  }

  /// Opens `path` (relative, `/`-separated) for reading; a folder when `folder` is true.
  ///
  /// Symbolic links are followed (here, not by the kernel) when they stay inside: at most 40,
  /// as the kernel allows, after which the path is a loop. A FIFO or device is opened without
  /// blocking (`O_NONBLOCK`), so that the caller's `fstat` can refuse it.
  package func open(_ path: String, folder: Bool = false, following: Bool = true) -> Outcome {
    guard descriptor >= 0 else { return .failed(EBADF) }
    var pending = Array(path.split(separator: "/").reversed().map(String.init))
    var opened: [Int32] = []
    defer { opened.forEach { close($0) } }
    var links = 0
    var retries = 0
    var lastLink: String?
    while let name = pending.popLast() {
      if name == "." || name.isEmpty { continue }
      if name == ".." {
        guard let last = opened.popLast() else { return .outside(linkTarget: lastLink ?? path) }
        close(last)
        continue
      }
      if opened.isEmpty, name == ".git", lastLink != nil {
        return .outside(linkTarget: lastLink ?? path)
      }
      let isLast = pending.isEmpty
      let flags =
        O_RDONLY | O_CLOEXEC | O_NOFOLLOW
        | (isLast && !folder ? O_NONBLOCK : O_DIRECTORY)
      let parent = opened.last ?? descriptor
      let child = openat(parent, name, flags)
      if child >= 0 {
        if isLast {
          return .opened(child, throughLink: lastLink != nil)
        }
        opened.append(child)
        continue
      }
      let error = errno
      switch error {
      case ENOENT: return .missing(linkTarget: lastLink)
      case ELOOP, ENOTDIR:
        guard let target = FileSystem.linkTarget(at: parent, name: name) else {
          if error == ENOTDIR, errno == EINVAL { return .notAFolder }
          // The entry changed since the open (a link swapped for a file): look again.
          retries += 1
          guard retries < 40 else { return .failed(error) }
          pending.append(name)
          continue
        }
        guard following else { return .link(target: target) }
        links += 1
        if links > 40 { return .loop }
        lastLink = target
        if let refused = queue(target, pending: &pending, opened: &opened) { return refused }
      default:
        return .failed(error)
      }
    }
    // The path named the folder itself, or a folder reached through "..".
    guard folder else { return .failed(EISDIR) }
    return .opened(dup(opened.last ?? descriptor), throughLink: lastLink != nil)
  }

  /// Puts a symbolic link's target ahead of the components left to open: an absolute one
  /// starts again from the rooted folder, and is refused (`.outside`) unless it leads inside.
  private func queue(_ target: String, pending: inout [String], opened: inout [Int32]) -> Outcome? {
    if target.hasPrefix("/") {
      guard target.hasPrefix(canonicalPath + "/") else { return .outside(linkTarget: target) }
      opened.forEach { close($0) }
      opened = []
      pending += target.dropFirst(canonicalPath.count + 1).split(separator: "/").reversed()
        .map(String.init)
    } else {
      pending += target.split(separator: "/").reversed().map(String.init)
    }
    return nil
  }
}
