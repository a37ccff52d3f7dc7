import BatonCorpus

/// Where each document is published, for reports that link to the site (`baton digest`).
public enum SiteAddresses {
  /// Each document's page address by repository path: `base` (the site's `base-url`, with or
  /// without its final `/`) followed by the page's folder (`decisions/0042-use-postgres/`);
  /// without `base`, the folder alone, relative to the site's root.
  public static func pages(of corpus: Corpus, base: String?) -> [String: String] {
    let paths = SiteLayout.pages(configuration: corpus.configuration, documents: corpus.documents)
    let prefix = base.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
    return paths.pages.mapValues { page in
      let folder = page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page
      return prefix + SiteLayout.href(folder)
    }
  }
}
