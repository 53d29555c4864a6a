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

extension Tag {
    @Tag static var diagram: Self
}

/// Loads a topology that must be valid.
func loadValidTopology(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Topology {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let loaded = TopologyLoader.load(text: text, file: path)
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(path) has errors: \(errors.map(\.message.en))", sourceLocation: sourceLocation)
    return try #require(loaded.topology, sourceLocation: sourceLocation)
}

func makeDiagram(_ topology: Topology, flow: FlowQuery? = nil, language: Language = .en) -> Diagram {
    let engine = NetworkEngine(topology: topology)
    var builder = DiagramBuilder(topology: topology, engine: engine, language: language)
    return builder.build(flow: flow.map { engine.evaluate($0) })
}

/// Whether `text` is well-formed XML, with the parser's complaint when not.
func xmlProblem(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
}

@Suite("Diagrams of every reference topology", .tags(.diagram))
struct DiagramReferenceTests {
    static let files = referenceTopologies.filter { path in
        // Variants that are meant to be invalid files are not drawn.
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return !TopologyLoader.load(text: text, file: path).hasErrors
    }

    @Test("there are reference topologies to draw")
    func found() {
        #expect(Self.files.count >= 40, "found \(Self.files.count) valid reference topologies under Solutions/")
    }

    @Test("each format is produced and names every instance and host", arguments: files)
    func everyFormat(path: String) throws {
        let topology = try loadValidTopology(path)
        let picture = makeDiagram(topology)
        let names = topology.instances.map(\.name) + topology.hosts.map(\.name)
        for format in DiagramCommand.Format.allCases {
            let output = DiagramCommand.render(picture, format: format, language: .en, colorize: false)
            for name in names {
                #expect(output.contains(name), "\(format) of \(path) does not show `\(name)`")
            }
        }
        let svg = DiagramSVG(language: .en).render(picture)
        #expect(xmlProblem(svg) == nil, "the SVG of \(path) is not well-formed XML: \(xmlProblem(svg) ?? "")")
        #expect(DiagramMermaid.render(picture).hasPrefix("flowchart "))
        #expect(DiagramGraphviz.render(picture).hasPrefix("digraph "))
    }

    @Test("SVG and HTML are self-contained: no scripts, links or external resources", arguments: files.prefix(6))
    func selfContained(path: String) throws {
        let picture = makeDiagram(try loadValidTopology(path))
        for output in [DiagramSVG(language: .en).render(picture), DiagramHTML(language: .ko).render(picture)] {
            #expect(!output.contains("<script"))
            #expect(!output.contains("href="))
            #expect(!output.contains("src="))
            #expect(!output.contains("@import") && !output.contains("url(http"))
            let external = output.components(separatedBy: "http").count - 1
            let namespaces = output.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
            #expect(external == namespaces, "the only address is the SVG namespace")
        }
    }

    @Test("boxes never overlap: siblings are side by side or one under another", arguments: files.prefix(12))
    func noOverlap(path: String) throws {
        let picture = makeDiagram(try loadValidTopology(path))
        let layout = DiagramLayout(picture, top: 40)
        func check(_ items: [Diagram.Item]) {
            let frames = items.compactMap { layout.frames[DiagramLayout.id($0)] }
            for (i, a) in frames.enumerated() {
                for b in frames.dropFirst(i + 1) {
                    #expect(!DiagramSVG.overlaps(a, b), "two boxes overlap in \(path): \(a) and \(b)")
                }
            }
            for case .cluster(let cluster) in items {
                if let outer = layout.frames[cluster.id] {
                    for child in cluster.items {
                        guard let inner = layout.frames[DiagramLayout.id(child)] else { continue }
                        #expect(inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width + 0.01
                                && inner.y + inner.height <= outer.y + outer.height + 0.01, "\(child) sticks out of \(cluster.title)")
                    }
                }
                check(cluster.items)
            }
        }
        check(picture.items)
    }
}

@Suite("Diagram model", .tags(.diagram))
struct DiagramModelTests {
    static let nat = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path
    static let proxy = packageRoot.appendingPathComponent("Solutions/05-reverse-proxy/front-door.yaml").path

    @Test("VPC → AZ → subnet, public or private as the engine decides (rule 5), gateways and instances in place")
    func containment() throws {
        let picture = makeDiagram(try loadValidTopology(Self.nat))
        let vpc = try #require(picture.clusters.first { $0.kind == .vpc })
        let zones = Diagram.clusters(in: vpc.items).filter { $0.kind == .availabilityZone }
        #expect(zones.map(\.title) == ["ap-northeast-2a", "ap-northeast-2c"])
        let publicA = try #require(picture.clusters.first { $0.title == "public-a" })
        #expect(publicA.kind == .publicSubnet)
        #expect(picture.clusters.first { $0.title == "private-a" }?.kind == .privateSubnet)
        #expect(Diagram.nodes(in: publicA.items).map(\.name) == ["nat-a", "bastion", "proxy"])
        #expect(Diagram.nodes(in: vpc.items).contains { $0.kind == .internetGateway && $0.name == "igw-main" })
        let bastion = try #require(picture.nodes.first { $0.name == "bastion" })
        #expect(bastion.caption.contains("bastion") && bastion.details.contains { $0.hasPrefix("EIP ") })
    }

    @Test("edges: routes from subnets to gateways, forwards from the proxy, the IGW's attachment")
    func edges() throws {
        let picture = makeDiagram(try loadValidTopology(Self.nat))
        func id(_ name: String) -> String {
            picture.nodes.first { $0.name == name }?.id ?? picture.clusters.first { $0.title == name }?.id ?? "?"
        }
        let internet = id("internet"), gateway = id("igw-main")
        #expect(picture.edges.contains(Diagram.Edge(from: id("public-a"), to: gateway, label: "0.0.0.0/0", style: .route)))
        #expect(picture.edges.contains(Diagram.Edge(from: id("private-c"), to: id("nat-c"), label: "0.0.0.0/0", style: .route)))
        #expect(picture.edges.contains(Diagram.Edge(from: id("proxy"), to: id("was"), label: ":80 → :8080", style: .forward)))
        #expect(picture.edges.contains(Diagram.Edge(from: internet, to: gateway, style: .attachment)))
    }

    @Test("a blocked flow ends at the component that stops it")
    func blockedFlow() throws {
        let topology = try loadValidTopology(Self.proxy)
        // The DB has no public address: the engine stops the flow at the instance itself.
        let noAddress = makeDiagram(topology, flow: FlowQuery(from: .internet, to: .named("db"), port: 3306))
        #expect(noAddress.flow?.isReachable == false)
        #expect(noAddress.nodes.first { $0.name == "db" }?.flowMark == .blocking)
        // The admin's direct SSH to the DB stops at the DB's security group (22 from the bastion only).
        let direct = makeDiagram(topology, flow: FlowQuery(from: .named("bastion"), to: .named("db"), port: 3306))
        let blockedEdges: [Diagram.Edge] = direct.edges.filter { $0.style == .flowBlocked }
        let blocked = try #require(blockedEdges.first, "\(direct.edges)")
        #expect(blocked.label.contains("security group db"))
        #expect(direct.node(id: blocked.to)?.name == "db")
        #expect(direct.nodes.first { $0.name == "bastion" }?.flowMark == .onPath)
    }

    @Test("a flow that gets through is drawn hop by hop and marks nothing as blocking")
    func reachableFlow() throws {
        let picture = makeDiagram(
            try loadValidTopology(Self.proxy), flow: FlowQuery(from: .named("admin"), to: .named("db"), port: 22, through: "bastion"))
        #expect(picture.flow?.isReachable == true)
        let legs: [Diagram.Edge] = picture.edges.filter { $0.style == .flow }
        let starts: [String] = legs.map { picture.node(id: $0.from)?.name ?? "" }
        #expect(starts == ["admin", "igw-main", "bastion"])
        #expect(legs.last.flatMap { picture.node(id: $0.to)?.name } == "db")
        #expect(!picture.nodes.contains { $0.flowMark == .blocking } && !picture.edges.contains { $0.style == .flowBlocked })
    }

    @Test("names are escaped for each format")
    func escaping() throws {
        let text = """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              "a<b>&\\"c": { cidr: 10.0.1.0/24, az: x }
            instances:
              "web\\\\\\"<x>#1": { subnet: "a<b>&\\"c" }
            """
        let loaded = TopologyLoader.load(text: text, file: "odd.yaml")
        let topology = try #require(loaded.topology, "\(loaded.diagnostics.map(\.message.en))")
        let name = try #require(topology.instances.first?.name)
        #expect(name == "web\\\"<x>#1")
        let picture = makeDiagram(topology)
        let svg = DiagramSVG(language: .en).render(picture)
        #expect(xmlProblem(svg) == nil)
        #expect(svg.contains("web\\&quot;&lt;x&gt;#1"))
        let dot = DiagramGraphviz.render(picture)
        #expect(dot.contains("label=\"web\\\\\\\"<x>#1\\ninstance"))
        let mermaid = DiagramMermaid.render(picture)
        #expect(mermaid.contains("web\\#quot;#lt;x#gt;#35;1"))
        #expect(!mermaid.contains("<x>"))
    }

    @Test("the text tree and `show` are the same picture")
    func textIsShow() throws {
        let topology = try loadValidTopology(Self.nat)
        let tree = TopologyTree(colorize: false, language: .ko).render(topology)
        #expect(tree == DiagramText(colorize: false, language: .ko).render(makeDiagram(topology, language: .ko)))
        #expect(tree.contains("퍼블릭") && tree.contains("프라이빗"))
    }
}
