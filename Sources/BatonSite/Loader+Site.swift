import BatonConfig
import BatonGit
import BatonSource

extension Loader {
  /// What the site needs from the repository beyond the documents: the site's own templates and
  /// the attachments documents link to.
  public struct SiteInputs: Sendable, Equatable {
    /// Files of the `templates/` folder beside `baton.yml`, by path under `templates/`.
    public var templateOverrides: [String: [UInt8]]
    /// Attachment bytes by repository path.
    public var attachments: [String: [UInt8]]
  }

  /// Reads the site's templates and the given attachments from the same snapshot as `loaded`.
  ///
  /// Kept apart from `load` so that `baton check` never reads them; like `load`, it opens the
  /// repository, reads, and closes it, so Load stays the only stage touching libgit2.
  ///
  /// - Parameters:
  ///   - attachments: repository paths to read (`SiteRenderer.attachmentPaths`).
  /// - Throws: `GitError` or `SourceError` when the repository cannot be read.
  public static func siteInputs(
    _ options: SourceOptions, loaded: LoadedSource, attachments: [String]
  ) throws -> SiteInputs {
    let repository = try open(options)
    let snapshot: Snapshot = loaded.commit.map { .commit($0) } ?? .workingTree
    let folder = Configuration.join(loaded.configuration.root, "templates")
    var overrides: [String: [UInt8]] = [:]
    for file in try repository.files(
      in: snapshot, under: [folder], extensions: [], maxBytes: options.maxFileBytes)
    {
      guard let bytes = file.contents, file.problem == nil else { continue }
      overrides[String(file.path.dropFirst(folder.count + 1))] = bytes
    }
    var bytes: [String: [UInt8]] = [:]
    for path in attachments {
      if let file = try repository.file(in: snapshot, at: path, maxBytes: options.maxFileBytes),
        file.problem == nil, let contents = file.contents
      {
        bytes[path] = contents
      }
    }
    return SiteInputs(templateOverrides: overrides, attachments: bytes)
  }
}
