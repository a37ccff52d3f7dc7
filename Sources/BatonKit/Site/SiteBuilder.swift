/// Runs every stage of `baton build`: Load → Parse → Assemble → Render → Write.
public enum SiteBuilder {
  /// What a build did.
  public struct Result: Sendable {
    public var corpus: Corpus
    public var site: RenderedSite
    public var summary: SiteWriter.Summary
    /// The folder written.
    public var output: String
  }

  /// The output folder when none is given: `_site` in the handbook root's folder.
  public static func defaultOutput(workingDirectory: String, root: String) -> String {
    (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/")
      + (root.isEmpty ? "_site" : root + "/_site")
  }

  /// Renders the site of a repository in memory (Load → Parse → Assemble → Render).
  public static func render(_ source: SourceOptions, options: SiteOptions) throws -> (
    Corpus, RenderedSite, LoadedSource
  ) {
    let loaded = try Loader.load(source)
    let corpus = loaded.parse().assemble()
    let inputs = try Loader.siteInputs(
      source, loaded: loaded, attachments: SiteRenderer.attachmentPaths(of: corpus))
    let theme = try Theme(overrides: inputs.templateOverrides)
    let site = try SiteRenderer(corpus: corpus, theme: theme, options: options)
      .render(attachments: inputs.attachments)
    return (corpus, site, loaded)
  }

  /// Builds the site and writes it to `output` (default: `_site` beside `baton.yml`).
  public static func build(
    _ source: SourceOptions, output: String?, options: SiteOptions
  ) throws -> Result {
    let (corpus, site, loaded) = try render(source, options: options)
    guard
      let folder = output
        ?? loaded.workingDirectory.map({
          defaultOutput(workingDirectory: $0, root: loaded.configuration.root)
        })
    else {
      throw SourceError("the repository is bare: pass '--output DIR' to say where to write")
    }
    let summary = try site.write(to: folder)
    return Result(
      corpus: corpus, site: site, summary: summary, output: SiteWriter(folder: folder).folder)
  }
}
