import BatonMustache
import BatonReport

/// A horizontal bar chart drawn as inline SVG when the site is built: no script, no chart
/// library, no inline style (the site's Content-Security-Policy allows none).
///
/// Bars are coloured by class (`series-0` …), which the theme's CSS fills from custom
/// properties set for both colour schemes; text uses `currentColor`. The chart is an image with
/// a title and a description (`role="img"`, `aria-labelledby`); the table beside it carries the
/// same numbers for screen readers and print.
struct BarChart: Sendable, Hashable {
  /// One named sequence of values, one per category.
  struct Series: Sendable, Hashable {
    var name: String
    var values: [Double]
  }

  /// An identifier unique on the page, for the title's and description's ids.
  var id: String
  var title: String
  var categories: [String]
  var series: [Series]
  /// The unit a value is shown with (`days`, `%`).
  var unit: String
  /// Series side by side in one bar (shares of a whole), instead of one bar each.
  var stacked = false

  static let width = 640
  static let labelWidth = 150
  static let barHeight = 14
  static let gap = 10

  /// The SVG markup.
  func svg() -> String {
    let rowHeight = stacked ? BarChart.barHeight : BarChart.barHeight * series.count
    let legendHeight = series.count > 1 ? 24 : 0
    let height = legendHeight + categories.count * (rowHeight + BarChart.gap) + BarChart.gap
    var out =
      "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
      + "\(BarChart.width) \(height)\" width=\"\(BarChart.width)\" height=\"\(height)\" "
      + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
      + "<title id=\"\(id)-title\">\(HTMLEscaping.escape(title))</title>"
      + "<desc id=\"\(id)-desc\">\(HTMLEscaping.escape(description()))</desc>"
    out += legend()
    let scale = Double(BarChart.width - BarChart.labelWidth - 70) / max(largest(), 1e-9)
    for (row, category) in categories.enumerated() {
      let top = legendHeight + BarChart.gap + row * (rowHeight + BarChart.gap)
      out +=
        "<text x=\"\(BarChart.labelWidth - 6)\" y=\"\(top + rowHeight / 2 + 4)\" "
        + "text-anchor=\"end\" fill=\"currentColor\">\(HTMLEscaping.escape(category))</text>"
      out += stacked ? stackedBar(row, top: top, scale: scale) : bars(row, top: top, scale: scale)
    }
    return out + "</svg>"
  }

  /// One bar per series for the category at `row`, each labelled with its value.
  private func bars(_ row: Int, top: Int, scale: Double) -> String {
    var out = ""
    for (index, line) in series.enumerated() {
      let value = line.values[row]
      let y = top + index * BarChart.barHeight
      let length = Int((value * scale).rounded())
      out += rect(x: BarChart.labelWidth, y: y, width: length, series: index)
      out +=
        "<text x=\"\(BarChart.labelWidth + length + 4)\" y=\"\(y + BarChart.barHeight - 3)\" "
        + "fill=\"currentColor\" font-size=\"11\">\(label(value))</text>"
    }
    return out
  }

  /// The series one after another in a single bar for the category at `row`.
  private func stackedBar(_ row: Int, top: Int, scale: Double) -> String {
    var out = ""
    var x = BarChart.labelWidth
    for (index, line) in series.enumerated() {
      let length = Int((line.values[row] * scale).rounded())
      guard length > 0 else { continue }
      out += rect(x: x, y: top, width: length, series: index)
      x += length
    }
    return out
  }

  private func rect(x: Int, y: Int, width: Int, series index: Int) -> String {
    "<rect class=\"series-\(index % 6)\" x=\"\(x)\" y=\"\(y + 1)\" width=\"\(max(width, 1))\" "
      + "height=\"\(BarChart.barHeight - 2)\"/>"
  }

  /// The series' names with their colours, when there are several.
  private func legend() -> String {
    guard series.count > 1 else { return "" }
    var out = ""
    var x = BarChart.labelWidth
    for (index, line) in series.enumerated() {
      out +=
        "<rect class=\"series-\(index % 6)\" x=\"\(x)\" y=\"6\" width=\"12\" height=\"12\"/>"
        + "<text x=\"\(x + 16)\" y=\"16\" fill=\"currentColor\" font-size=\"12\">"
        + "\(HTMLEscaping.escape(line.name))</text>"
      x += 24 + 8 * line.name.count
    }
    return out
  }

  /// The largest bar: a value, or a stacked bar's total.
  private func largest() -> Double {
    if stacked {
      return categories.indices.map { row in series.reduce(0) { $0 + $1.values[row] } }.max() ?? 0
    }
    return series.flatMap(\.values).max() ?? 0
  }

  private func label(_ value: Double) -> String {
    Metrics.number(value) + (unit == "%" ? "%" : "")
  }

  /// The chart in words: what each bar is, the numbers being in the table beside it.
  private func description() -> String {
    let names = series.map(\.name).joined(separator: ", ")
    return "Bars of \(names) in \(unit) for \(categories.count) "
      + (categories.count == 1 ? "row" : "rows") + "; the table beside it gives every value."
  }
}
