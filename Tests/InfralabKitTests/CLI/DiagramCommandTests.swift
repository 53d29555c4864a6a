import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import InfralabTestSupport
import Testing

@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite("infralab diagram", .tags(.cli, .diagram))
struct DiagramCommandTests {
    static let nat = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path

    @Test("writes the chosen format to -o, says so on stderr, and prints nothing on stdout")
    func writesFile() throws {
        try withTemporaryDirectory { directory in
            let run = runCLI(["diagram", Self.nat, "--format", "svg", "-o", "out/picture.svg"], workingDirectory: directory.url)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("out/picture.svg"))
            let svg = try #require(directory.read("out/picture.svg"))
            #expect(svg.hasPrefix("<svg ") && xmlProblem(svg) == nil)
            #expect(directory.listing() == ["out/picture.svg"], "no temporary file is left behind")
        }
    }

    @Test("refuses to write over the topology it draws, or any YAML file, and leaves it untouched")
    func refusesTopology() throws {
        try withTemporaryDirectory { directory in
            let original = try String(contentsOfFile: Self.nat, encoding: .utf8)
            try directory.write(original, to: "topology.yaml")
            for target in ["topology.yaml", "./topology.yaml", "other.yaml"] {
                let run = runCLI(["diagram", "topology.yaml", "--format", "svg", "-o", target], workingDirectory: directory.url)
                #expect(run.status == 64, "\(target): \(run)")
                #expect(run.stderr.contains("topology file"), "\(run.stderr)")
            }
            #expect(directory.read("topology.yaml") == original)
            #expect(directory.listing() == ["topology.yaml"])
        }
    }

    @Test("takes probe's flow options but not --paths, and names an unknown --from/--to with did-you-mean, as probe does")
    func flowOptionsAsProbe() throws {
        let paths = runCLI(["diagram", Self.nat, "--to", "db", "--port", "3306", "--paths"])
        #expect(paths.status == 64, "--paths lists paths in probe; diagram draws one flow: \(paths)")
        #expect(paths.stderr.contains("--paths"), "\(paths.stderr)")
        let typo = runCLI(["diagram", Self.nat, "--from", "internt", "--to", "dbb", "--port", "3306"])
        #expect(typo.status == 1, "\(typo)")
        #expect(typo.stdout.isEmpty, "nothing is drawn for a flow between names that do not exist")
        #expect(typo.stderr.contains("`internt`") && typo.stderr.contains("`internet`"), "\(typo.stderr)")
        #expect(typo.stderr.contains("`dbb`") && typo.stderr.contains("`db`"), "the second typo is named too: \(typo.stderr)")
    }

    @Test("without FILE, draws the workspace's topology, like show and check")
    func workspaceDefault() throws {
        try withTemporaryDirectory { directory in
            let labs = packageRoot.appendingPathComponent("Labs").path
            let created = runCLI(["init", "--labs", labs], workingDirectory: directory.url)
            #expect(created.status == 0, "\(created)")
            let run = runCLI(["diagram", "--format", "mermaid"], workingDirectory: directory.url)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.hasPrefix("flowchart TB\n"))
            #expect(runCLI(["show"], workingDirectory: directory.url).stdout
                    == runCLI(["diagram"], workingDirectory: directory.url).stdout)
        }
    }

    @Test("probe's options draw the flow; their mistakes are usage errors")
    func flowOptions() {
        let run = runCLI(["diagram", Self.nat, "--from", "internet", "--to", "db", "--port", "3306"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("internet → db tcp/3306: unreachable"))
        #expect(run.stdout.contains("✗ blocked here"))
        let bad = runCLI(["diagram", Self.nat, "--from", "internet", "--to", "db", "--port", "http"])
        #expect(bad.status == 64 && bad.stderr.contains("--port http"), "\(bad)")
        let missing = runCLI(["diagram", Self.nat, "--port", "22"])
        #expect(missing.status == 64 && missing.stderr.contains("--from"), "\(missing)")
        let format = runCLI(["diagram", Self.nat, "--format", "png"])
        #expect(format.status == 64, "\(format)")
    }

    @Test("a topology with errors: located errors on stderr, exit 1, no drawing")
    func invalidTopology() throws {
        try withTemporaryDirectory { directory in
            try directory.write("subnets:\n  a: { cidr: 10.0.1.0/33 }\n", to: "bad.yaml")
            let run = runCLI(["diagram", "bad.yaml", "--format", "dot"], workingDirectory: directory.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("bad.yaml:2:"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }
}

/// Renders with the real tools where they are installed. CI installs them (`.ci/run`);
/// a machine without them skips these tests, and the skip is reported by name, never
/// counted as a pass.
@Suite("Diagrams rendered by Graphviz and Chromium", .tags(.diagram))
struct DiagramRenderingTests {
    static let dot = externalTool("dot")
    static let chromium = externalTool("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")

    // Enabled only where Graphviz is installed: `apt-get install graphviz` (see .ci/run).
    @Test("Graphviz renders the DOT of every reference topology", .enabled(if: dot != nil, "Graphviz `dot` is not installed"))
    func graphviz() throws {
        let dot = try #require(Self.dot)
        for path in DiagramReferenceTests.files {
            let picture = makeDiagram(try loadValidTopology(path))
            let run = try runTool(dot, ["-Tsvg"], input: Data(DiagramGraphviz.render(picture).utf8))
            #expect(run.status == 0, "dot failed on \(path): \(run.stderr)")
            #expect(!run.stderr.contains("Warning") && !run.stderr.contains("Error"), "\(path): \(run.stderr)")
            // Graphviz writes a DOCTYPE naming the SVG DTD online; the parser must not fetch it.
            let svg = String(decoding: run.stdout, as: UTF8.self).replacingOccurrences(
                of: #"<!DOCTYPE[^>]*>"#, with: "", options: .regularExpression)
            #expect(xmlProblem(svg) == nil, "\(path): \(xmlProblem(svg) ?? "")")
            let texts = xmlTexts(svg)
            for instance in picture.nodes where instance.kind == .instance || instance.kind == .host {
                #expect(texts.contains(instance.name), "Graphviz's drawing of \(path) lacks \(instance.name)")
            }
        }
    }

    // Enabled only where headless Chromium is installed: `apt-get install chromium-headless-shell` (see .ci/run).
    @Test("headless Chromium screenshots the SVG and HTML, and its DOM shows every name",
          .enabled(if: chromium != nil, "headless Chromium is not installed"),
          arguments: ["01-home-server/expose.yaml", "02-datacenter/fire.yaml", "05-reverse-proxy/front-door.yaml", "06-nat/nat-per-az.yaml"])
    func chromiumScreenshot(solution: String) throws {
        let chromium = try #require(Self.chromium)
        let topology = try loadValidTopology(packageRoot.appendingPathComponent("Solutions/\(solution)").path)
        let picture = makeDiagram(topology, flow: FlowQuery(from: .internet, to: .named(topology.instances.first?.name ?? topology.hosts[0].name), port: 80))
        try withTemporaryDirectory { directory in
            let svg = try directory.write(DiagramSVG(language: .en).render(picture), to: "d.svg")
            let html = try directory.write(DiagramHTML(language: .ko).render(picture), to: "d.html")
            let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(directory.url.path)/profile"]
            for file in [svg, html] {
                let png = directory.url.appendingPathComponent(file.lastPathComponent + ".png")
                let shot = try runTool(chromium, flags + ["--screenshot=\(png.path)", "--window-size=1200,900", file.absoluteString])
                let bytes = try Data(contentsOf: png)
                #expect(shot.status == 0 && bytes.count > 5_000, "no real screenshot of \(file.lastPathComponent): \(shot.stderr)")
                #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
                let dom = try runTool(chromium, flags + ["--dump-dom", file.absoluteString])
                let text = String(decoding: dom.stdout, as: UTF8.self)
                for name in topology.instances.map(\.name) + topology.hosts.map(\.name) {
                    #expect(text.contains(">\(name)</text>") || text.contains(">\(name)  ✗</text>"), "Chromium's page of \(solution) lacks \(name)")
                }
            }
        }
    }
}

/// The text content of every element of an XML document, trimmed (`<text>…</text>`).
func xmlTexts(_ xml: String) -> Set<String> {
    final class Collector: NSObject, XMLParserDelegate {
        var texts: Set<String> = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) { current = "" }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { texts.insert(trimmed) }
            current = ""
        }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let collector = Collector()
    parser.delegate = collector
    _ = parser.parse()
    return collector.texts
}
