import BatonTestSupport
import Foundation
import Testing

/// The demo handbook's metrics page and a decision's sign-off panel in headless Chromium,
/// opened from disk: the charts are drawn (inline SVG, no script), each has an accessible name
/// and a table beside it, and the page logs nothing to the console.
@Suite(.serialized) struct MetricsBrowserTests {
  /// What the page shows, as the browser laid it out.
  static let layout = """
    var charts = Array.from(document.querySelectorAll('svg.chart-svg'));
    function named(svg) {
      var ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
      var title = document.getElementById(ids[0]);
      return svg.getAttribute('role') === 'img' && title && title.textContent.length > 0;
    }
    return {
      charts: charts.length,
      named: charts.filter(named).length,
      drawn: charts.filter(function (svg) {
        return svg.getBoundingClientRect().width > 100 && svg.querySelectorAll('rect').length > 0;
      }).length,
      captioned: charts.filter(function (svg) {
        var figure = svg.closest('figure');
        return figure && figure.querySelector('figcaption');
      }).length,
      tables: document.querySelectorAll('table.metric-table caption').length,
      rows: document.querySelectorAll('table.metric-table tbody th[scope="row"]').length,
      fill: charts.length ? getComputedStyle(charts[0].querySelector('rect')).fill : ''
    };
    """

  @Test func theMetricsPageDrawsChartsAndTablesFromDiskWithoutConsoleErrors() async throws {
    guard let chromium = SiteBrowserTests.chromium, SearchBrowserTests.missing == nil else {
      print("skipping the metrics browser test: \(SearchBrowserTests.missing ?? "chromium")")
      return
    }
    let output = NSTemporaryDirectory() + "baton-metrics-" + UUID().uuidString.prefix(8)
    let temporary = output + "-tmp"
    defer {
      try? FileManager.default.removeItem(atPath: output)
      try? FileManager.default.removeItem(atPath: temporary)
    }
    try AccessibilitySites.build(
      folder: SearchBrowserTests.package.appendingPathComponent("site").path, output: output)
    let page = "file://" + output + "/metrics/index.html"
    let (dom, console) = try SiteBrowserTests.load(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--virtual-time-budget=2000", "--dump-dom", page,
      ], in: output, temporary: temporary)
    #expect(console.isEmpty, "console messages: \(console.joined(separator: "\n"))")
    #expect(dom.contains("<h1>Metrics</h1>"))
    let driver = try await WebDriver(
      driver: SearchBrowserTests.chromedriver ?? "", chromium: chromium,
      port: try SearchBrowserTests.freePort())
    do {
      for scheme in ["light", "dark"] {
        try await driver.emulateColorScheme(scheme)
        try await driver.open(page)
        let shown = try #require(try await driver.execute(Self.layout) as? [String: Any])
        let charts = shown["charts"] as? Int ?? 0
        #expect(charts >= 5, "\(scheme): \(charts) charts")
        for key in ["named", "drawn", "captioned"] {
          let count = shown[key] as? Int
          #expect(count == charts, "\(scheme): \(key) \(String(describing: count))")
        }
        let tables = shown["tables"] as? Int ?? 0
        let rows = shown["rows"] as? Int ?? 0
        #expect(tables >= charts)
        #expect(rows > charts)
        // Bars are filled from the scheme's colours, not left black.
        let fill = shown["fill"] as? String ?? ""
        let coloured = fill.hasPrefix("rgb(") && fill != "rgb(0, 0, 0)"
        #expect(coloured, "\(scheme): fill \(fill)")
      }
      try await driver.emulateColorScheme("light")
      try await driver.open(
        "file://" + output + "/decisions/0009-sharded-static-search-index/index.html")
      let panel =
        try await driver.execute(
          "var t = document.querySelector('.signoff table'); "
            + "return t ? [t.caption.textContent, t.querySelectorAll('tbody tr').length, "
            + "document.querySelector('.decision-state').textContent] : null;") as? [Any]
      let rows = panel?[1] as? Int ?? 0
      let state = panel?[2] as? String ?? ""
      #expect(rows >= 3, "the sign-off panel: \(String(describing: panel))")
      #expect(state.hasPrefix("Ready to accept"), "the decision state: \(state)")
    } catch {
      await driver.quit()
      throw error
    }
    await driver.quit()
  }
}
