import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabPresentation

/// Databases and caches in drawings: the primary in its subnet, a Multi-AZ standby in
/// the other AZ's subnet, and a probed flow ending at the database.
@Suite("Data tier in diagrams") struct DataTierDiagramTests {
    static let file = fixture("valid/topology/data-tier.yaml").path

    @Test("the primary sits in the first subnet of its group, the standby in the other AZ's; memcached has no standby")
    func placement() throws {
        let picture = makeDiagram(try loadValidTopology(Self.file))
        let privateA = try #require(picture.clusters.first { $0.title == "private-a" })
        let privateC = try #require(picture.clusters.first { $0.title == "private-c" })
        #expect(Diagram.nodes(in: privateA.items).map(\.name) == ["orders", "sessions", "lookups"])
        #expect(Diagram.nodes(in: privateC.items).map(\.name) == ["orders (standby)", "sessions (standby)"])
        let orders = try #require(picture.nodes.first { $0.name == "orders" })
        #expect(orders.kind == .database && orders.caption == "database")
        #expect(orders.details.contains("mysql :3306") && orders.details.contains("primary (Multi-AZ)"))
        #expect(picture.nodes.first { $0.name == "lookups" }?.kind == .cache)
    }

    @Test("a flow from the app to the database ends at the database's node")
    func flow() throws {
        let picture = makeDiagram(try loadValidTopology(Self.file), flow: FlowQuery(from: .named("app-a"), to: .named("orders"), port: 3306))
        #expect(picture.flow?.isReachable == true)
        let legs = picture.edges.filter { $0.style == .flow }
        #expect(legs.last.flatMap { picture.node(id: $0.to)?.name } == "orders")
    }

    @Test("every format draws the data tier", arguments: ["text", "mermaid", "dot", "svg", "html"])
    func formats(format: String) {
        let run = runCLI(["diagram", Self.file, "--format", format])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("orders") && run.stdout.contains("sessions"))
    }
}
