import BatonMustache
import BatonSupport

/// A page's own view model: one case per page template (a document's page uses `record`,
/// `report`, `page` or the template named after its kind, all with `DocumentView`).
enum PageContent: TemplateObject {
  case home(HomeView)
  case log(LogView)
  case updates(UpdatesView)
  case document(DocumentView)
  case folder(FolderView)
  case tags(TagsView)
  case tag(TagView)
  case people(PeopleView)
  case person(PersonView)
  case actions(ActionsView)
  case digest(DigestView)
  case digests(DigestsView)
  case metrics(MetricsView)
  case search
  case notFound

  func value(for name: String) -> TemplateValue? {
    switch self {
    case .home(let view): view.value(for: name)
    case .log(let view): view.value(for: name)
    case .updates(let view): view.value(for: name)
    case .document(let view): view.value(for: name)
    case .folder(let view): view.value(for: name)
    case .tags(let view): view.value(for: name)
    case .tag(let view): view.value(for: name)
    case .people(let view): view.value(for: name)
    case .person(let view): view.value(for: name)
    case .actions(let view): view.value(for: name)
    case .digest(let view): view.value(for: name)
    case .digests(let view): view.value(for: name)
    case .metrics(let view): view.value(for: name)
    case .search: name == "isSearch" ? .bool(true) : nil
    case .notFound: nil
    }
  }
}

/// A text that may link somewhere, as templates read it: `title` or `text`, and `url` (absent
/// when it links nowhere). Breadcrumbs and metadata items; `handle` for a responder.
struct LinkView: TemplateObject {
  /// The name templates read the text by: `title`, `text` or `handle`.
  enum Label: Int {
    case title, text, handle
    var name: String {
      switch self {
      case .title: "title"
      case .text: "text"
      case .handle: "handle"
      }
    }
  }
  var label: Label
  var text: String
  var url: String?

  func value(for name: String) -> TemplateValue? {
    if name == "url" { return .text(url) }
    return name == label.name ? .text(text) : nil
  }
}

extension [DocumentContext.Link] {
  /// The links as templates read them, the text under `label`.
  func views(_ label: LinkView.Label) -> [LinkView] {
    map { LinkView(label: label, text: $0.text, url: $0.url) }
  }
}

/// A count, as `backlinksMore` gives it.
struct CountView: TemplateObject {
  var count: Int

  func value(for name: String) -> TemplateValue? {
    name == "count" ? .integer(count) : nil
  }
}
