/// A template of the theme cannot be used: a tool failure (exit status 2).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
  /// The template's path under `templates/` (the site's own, or the default theme's).
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
