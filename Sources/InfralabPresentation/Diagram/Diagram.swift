import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// A topology as one layout-independent picture: nested clusters (VPC → AZ → subnet,
/// sites), nodes (gateways, instances, load balancers, hosts, outside hosts) and edges
/// (routes to gateways, forwards, listeners, a probed flow). `DiagramBuilder` makes it
/// from a topology; each format (`text`, `mermaid`, `dot`, `svg`, `html`) renders it,
/// so every picture of one topology shows the same things.
package struct Diagram: Sendable, Hashable {
    /// The top level, in reading order: the outside world, sites, then VPCs.
    package var items: [Item]
    package var edges: [Edge]
    /// Set when a flow was probed and drawn on the picture.
    package var flow: FlowSummary?
    /// The heading: the topology's file.
    package var title: String

    package init(title: String, items: [Item] = [], edges: [Edge] = [], flow: FlowSummary? = nil) {
        self.title = title
        self.items = items
        self.edges = edges
        self.flow = flow
    }

    package indirect enum Item: Sendable, Hashable {
        case node(Node)
        case cluster(Cluster)
    }

    package struct Node: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable, CaseIterable {
            case internet, outsideHost = "outside-host", host, internetGateway = "internet-gateway"
            case natGateway = "nat-gateway", instance, loadBalancer = "load-balancer"
            case database, cache
        }

        /// Safe in every format (`n3`): letters and digits only.
        package var id: String
        /// The learner's name for it.
        package var name: String
        package var kind: Kind
        /// A short word under the name: the kind and roles (`instance · bastion`).
        package var caption: String
        /// Addresses and other facts, one per line (`10.0.1.4`, `EIP 13.125.10.11`).
        package var details: [String]
        package var flowMark: FlowMark = .none

        package init(id: String, name: String, kind: Kind, caption: String, details: [String] = []) {
            self.id = id
            self.name = name
            self.kind = kind
            self.caption = caption
            self.details = details
        }
    }

    package struct Cluster: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable {
            /// Internet and the named outside hosts.
            case outside, site, vpc, availabilityZone = "az", publicSubnet = "public-subnet", privateSubnet = "private-subnet"
            /// No border of its own: lays out what it holds in a row (a VPC's gateways).
            case row
        }

        package var id: String
        package var kind: Kind
        /// `VPC main`, `public-a`, `ap-northeast-2a`.
        package var title: String
        /// `10.0.1.0/24 · public · routes: public`.
        package var subtitle: String
        package var items: [Item]
        package var flowMark: FlowMark = .none

        package init(id: String, kind: Kind, title: String, subtitle: String = "", items: [Item] = []) {
            self.id = id
            self.kind = kind
            self.title = title
            self.subtitle = subtitle
            self.items = items
        }

        /// Lays its children out side by side (true) or one above another.
        package var isRow: Bool {
            switch kind {
            case .outside, .row, .publicSubnet, .privateSubnet: true
            case .site, .vpc, .availabilityZone: false
            }
        }
    }

    package struct Edge: Sendable, Hashable {
        package enum Style: String, Sendable, Hashable {
            /// A route table's route from a subnet to a gateway, instance or outside host.
            case route
            /// A proxy's forward, a site's port forward or tunnel, a listener to a target.
            case forward
            /// A gateway's attachment to the internet.
            case attachment
            /// A leg of the probed flow that gets through.
            case flow
            /// The leg where the probed flow stops.
            case flowBlocked = "flow-blocked"
        }

        /// Node or cluster ids.
        package var from: String
        package var to: String
        package var label: String
        package var style: Style

        package init(from: String, to: String, label: String = "", style: Style) {
            self.from = from
            self.to = to
            self.label = label
            self.style = style
        }
    }

    package enum FlowMark: String, Sendable, Hashable {
        case none
        /// The flow passes through it.
        case onPath = "on-path"
        /// The flow stops here.
        case blocking
    }

    /// The probed flow, for a legend: `internet → db tcp/3306`, its verdict and why.
    package struct FlowSummary: Sendable, Hashable {
        package var title: String
        package var isReachable: Bool
        package var verdict: String
        /// The reason, for a blocked flow: what stops it, in the learner's names.
        package var reason: String

        package init(title: String, isReachable: Bool, verdict: String, reason: String) {
            self.title = title
            self.isReachable = isReachable
            self.verdict = verdict
            self.reason = reason
        }
    }
}

extension Diagram {
    /// Every node, depth first, in reading order.
    package var nodes: [Node] { Diagram.nodes(in: items) }

    static func nodes(in items: [Item]) -> [Node] {
        items.flatMap { item -> [Node] in
            switch item {
            case .node(let node): [node]
            case .cluster(let cluster): nodes(in: cluster.items)
            }
        }
    }

    /// Every cluster, depth first.
    package var clusters: [Cluster] { Diagram.clusters(in: items) }

    static func clusters(in items: [Item]) -> [Cluster] {
        items.flatMap { item -> [Cluster] in
            guard case .cluster(let cluster) = item else { return [] }
            return [cluster] + clusters(in: cluster.items)
        }
    }

    /// The id's cluster, when it names one (an edge from a subnet).
    package func cluster(id: String) -> Cluster? { clusters.first { $0.id == id } }

    package func node(id: String) -> Node? { nodes.first { $0.id == id } }
}
