import InfralabSyntax

/// A learner's topology: the model the loader builds from `topology.yaml` and the
/// network engine evaluates. Value types, no I/O.
///
/// Everything refers to everything else **by name** (`Reference`); the loader checks that
/// references resolve and reports the ones that do not, but keeps them, so the engine
/// can still explain ("route via `nat-a`, which does not exist: blackhole").
/// Lists keep the learner's order; nothing in grading may depend on that order.
public struct Topology: Sendable, Hashable {
    public var file: String
    public var outside: [OutsideHost] = []
    public var vpcs: [VPC] = []
    public var internetGateways: [InternetGateway] = []
    public var subnets: [Subnet] = []
    public var routeTables: [RouteTable] = []
    public var natGateways: [NATGateway] = []
    public var securityGroups: [SecurityGroup] = []
    public var networkACLs: [NetworkACL] = []
    public var instances: [Instance] = []
    public var loadBalancers: [LoadBalancer] = []
    public var subnetGroups: [SubnetGroup] = []
    public var databases: [DataStore] = []
    public var caches: [DataStore] = []
    public var dnsZones: [DNSZone] = []
    public var sites: [Site] = []
    public var hosts: [Host] = []

    public init(file: String) { self.file = file }
}

/// A name written in the file that points at another component.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var location: SourceLocation

    public init(_ name: String, at location: SourceLocation) {
        self.name = name
        self.location = location
    }

    public var description: String { name }
}

/// What a component is, for messages ("security group `db`") and selectors.
public enum ComponentKind: String, Sendable, Hashable, CaseIterable, Codable {
    case outsideHost = "outside-host"
    case vpc
    case internetGateway = "internet-gateway"
    case subnet
    case routeTable = "route-table"
    case natGateway = "nat-gateway"
    case securityGroup = "security-group"
    case networkACL = "network-acl"
    case instance
    case loadBalancer = "load-balancer"
    case subnetGroup = "subnet-group"
    case database
    case cache
    case dnsZone = "dns-zone"
    case site
    case host

    public var words: LocalizedText {
        switch self {
        case .outsideHost: LocalizedText(en: "outside host", ko: "외부 호스트")
        case .vpc: LocalizedText(en: "VPC", ko: "VPC")
        case .internetGateway: LocalizedText(en: "internet gateway", ko: "인터넷 게이트웨이")
        case .subnet: LocalizedText(en: "subnet", ko: "서브넷")
        case .routeTable: LocalizedText(en: "route table", ko: "라우팅 테이블")
        case .natGateway: LocalizedText(en: "NAT gateway", ko: "NAT 게이트웨이")
        case .securityGroup: LocalizedText(en: "security group", ko: "보안 그룹")
        case .networkACL: LocalizedText(en: "network ACL", ko: "네트워크 ACL")
        case .instance: LocalizedText(en: "instance", ko: "인스턴스")
        case .loadBalancer: LocalizedText(en: "load balancer", ko: "로드 밸런서")
        case .subnetGroup: LocalizedText(en: "subnet group", ko: "서브넷 그룹")
        case .database: LocalizedText(en: "database", ko: "데이터베이스")
        case .cache: LocalizedText(en: "cache", ko: "캐시")
        case .dnsZone: LocalizedText(en: "DNS zone", ko: "DNS 존")
        case .site: LocalizedText(en: "site", ko: "사이트")
        case .host: LocalizedText(en: "host", ko: "호스트")
        }
    }
}

// MARK: - The outside world

/// A named place outside every VPC (`admin: 203.0.113.10`, `office-vpn: 198.51.100.0/24`).
/// `internet` is built in and never written here.
public struct OutsideHost: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    /// A single address is stored as a /32.
    public var cidr: Located<CIDR>

    public init(name: String, location: SourceLocation, cidr: Located<CIDR>) {
        self.name = name
        self.location = location
        self.cidr = cidr
    }
}

// MARK: - VPC and its parts

public struct VPC: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var cidr: Located<CIDR>
    public var region: Located<String>?
    /// True for the VPC the loader creates when instances are written without a subnet:
    /// AWS's default VPC, 172.31.0.0/16, a public default subnet per AZ and an IGW.
    public var isDefault: Bool = false

    public init(name: String, location: SourceLocation, cidr: Located<CIDR>, region: Located<String>? = nil) {
        self.name = name
        self.location = location
        self.cidr = cidr
        self.region = region
    }
}

public struct InternetGateway: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    /// The VPC it is attached to; nil when it exists but is detached.
    public var vpc: Reference?

    public init(name: String, location: SourceLocation, vpc: Reference?) {
        self.name = name
        self.location = location
        self.vpc = vpc
    }
}

public struct Subnet: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var vpc: Reference
    public var cidr: Located<CIDR>
    public var availabilityZone: Located<String>?
    /// Explicit association; nil means the VPC's main route table (set here by the loader
    /// when a route table lists this subnet under `subnets:`).
    public var routeTable: Reference?
    /// Explicit NACL; nil means the VPC's default NACL (allow all unless declared).
    public var networkACL: Reference?
    /// AWS's "auto-assign public IPv4" on the subnet (true for default subnets).
    public var mapsPublicIPOnLaunch: Bool = false

    public init(name: String, location: SourceLocation, vpc: Reference, cidr: Located<CIDR>,
                availabilityZone: Located<String>? = nil, routeTable: Reference? = nil, networkACL: Reference? = nil) {
        self.name = name
        self.location = location
        self.vpc = vpc
        self.cidr = cidr
        self.availabilityZone = availabilityZone
        self.routeTable = routeTable
        self.networkACL = networkACL
    }
}

public struct RouteTable: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    /// Written, or inferred by the loader from the subnets that use the table.
    public var vpc: Reference?
    public var isMain: Bool
    public var routes: [Route]

    public init(name: String, location: SourceLocation, vpc: Reference?, isMain: Bool, routes: [Route]) {
        self.name = name
        self.location = location
        self.vpc = vpc
        self.isMain = isMain
        self.routes = routes
    }
}

public struct Route: Sendable, Hashable {
    public enum Destination: Sendable, Hashable {
        case cidr(CIDR)
        /// An outside host's name; it stands for that host's CIDR.
        case outsideHost(String)
    }

    public var destination: Located<Destination>
    /// `via`: an internet gateway, NAT gateway, instance or outside host, by name.
    public var target: Reference
    public var location: SourceLocation

    public init(destination: Located<Destination>, target: Reference, location: SourceLocation) {
        self.destination = destination
        self.target = target
        self.location = location
    }
}

public struct NATGateway: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var subnet: Reference
    /// Required for a public NAT gateway; missing is a validation error and, in the
    /// engine, a NAT that cannot reach the internet (`NAT_NO_ELASTIC_IP`).
    public var elasticIP: Located<IPv4Address>?

    public init(name: String, location: SourceLocation, subnet: Reference, elasticIP: Located<IPv4Address>?) {
        self.name = name
        self.location = location
        self.subnet = subnet
        self.elasticIP = elasticIP
    }
}

/// Transport protocols as written in rules. `all` matches every protocol and port.
public enum IPProtocol: String, Sendable, Hashable, CaseIterable, Codable {
    case tcp, udp, icmp, all
}

public struct SecurityGroup: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var vpc: Reference?
    public var inbound: [SecurityGroupRule]
    /// nil: the key was not written, so AWS's default allow-all outbound applies.
    /// `[]`: nothing may leave.
    public var outbound: [SecurityGroupRule]?
    /// Where `outbound:` was written, if it was.
    public var outboundLocation: SourceLocation?

    public init(name: String, location: SourceLocation, vpc: Reference? = nil,
                inbound: [SecurityGroupRule], outbound: [SecurityGroupRule]?, outboundLocation: SourceLocation? = nil) {
        self.name = name
        self.location = location
        self.vpc = vpc
        self.inbound = inbound
        self.outbound = outbound
        self.outboundLocation = outboundLocation
    }
}

/// The other end of a rule: `from:` on inbound, `to:` on outbound.
public enum Peer: Sendable, Hashable {
    /// A CIDR or a bare address (/32), written literally.
    case cidr(CIDR)
    /// `internet` / `anywhere`: 0.0.0.0/0.
    case internet
    /// A security group's members (their private addresses only).
    case securityGroup(String)
    /// A named outside host (its CIDR).
    case outsideHost(String)
    /// A pre-cloud site (its public IP as a /32).
    case site(String)
    /// A name the loader could not resolve; matches nothing (reported as an error).
    case unresolved(String)
}

public struct SecurityGroupRule: Sendable, Hashable {
    public var `protocol`: IPProtocol
    /// nil with `protocol: all`, or for ICMP.
    public var ports: PortRange?
    public var peer: Located<Peer>
    public var description: String?
    public var location: SourceLocation

    public init(protocol: IPProtocol, ports: PortRange?, peer: Located<Peer>, description: String? = nil, location: SourceLocation) {
        self.protocol = `protocol`
        self.ports = ports
        self.peer = peer
        self.description = description
        self.location = location
    }
}

public struct NetworkACL: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var vpc: Reference?
    /// This ACL replaces the VPC's default (allow-all) ACL for subnets without one.
    public var isDefault: Bool
    public var inbound: [NetworkACLRule]
    public var outbound: [NetworkACLRule]
    /// Subnets listed under `subnets:` (the loader also sets `Subnet.networkACL`).
    public var subnets: [Reference]

    public init(name: String, location: SourceLocation, vpc: Reference? = nil, isDefault: Bool,
                inbound: [NetworkACLRule], outbound: [NetworkACLRule], subnets: [Reference]) {
        self.name = name
        self.location = location
        self.vpc = vpc
        self.isDefault = isDefault
        self.inbound = inbound
        self.outbound = outbound
        self.subnets = subnets
    }
}

public struct NetworkACLRule: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable { case allow, deny }

    public var number: Located<Int>
    public var action: Action
    public var `protocol`: IPProtocol
    public var ports: PortRange?
    /// `cidr:`, which may also name an outside host or say `internet`.
    public var peer: Located<Peer>
    public var location: SourceLocation

    public init(number: Located<Int>, action: Action, protocol: IPProtocol, ports: PortRange?, peer: Located<Peer>, location: SourceLocation) {
        self.number = number
        self.action = action
        self.protocol = `protocol`
        self.ports = ports
        self.peer = peer
        self.location = location
    }
}

/// A port the instance (a reverse proxy) or a site's router forwards elsewhere.
public struct Forward: Sendable, Hashable {
    public var port: Located<Int>
    public var target: Reference
    /// nil: the same port.
    public var targetPort: Located<Int>?
    public var location: SourceLocation

    public init(port: Located<Int>, target: Reference, targetPort: Located<Int>?, location: SourceLocation) {
        self.port = port
        self.target = target
        self.targetPort = targetPort
        self.location = location
    }

    public var effectiveTargetPort: Int { targetPort?.value ?? port.value }
}

public struct Instance: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    /// nil only before the loader places it in the default VPC.
    public var subnet: Reference?
    /// `az:` for an instance placed in the default VPC.
    public var availabilityZone: Located<String>?
    public var privateIP: Located<IPv4Address>?
    /// `public-ip: true` (auto-assigned; changes on stop/start). nil: the subnet's default.
    public var publicIP: Located<Bool>?
    /// A fixed public address.
    public var elasticIP: Located<IPv4Address>?
    /// nil: the VPC's default security group.
    public var securityGroups: [Reference]?
    /// `role:` and `runs:` together (`was`, `db`, `reverse-proxy`, `bastion`, ...).
    public var roles: [Located<String>]
    public var forwards: [Forward]
    /// `type:`, the EC2 instance type (`t3.micro`); nil means `Instance.defaultType`.
    /// Grading ignores it; `cost` and `export` use it.
    public var instanceType: Located<String>?

    /// What an instance without `type:` is taken to be.
    public static let defaultType = "t3.micro"

    /// `listens:`: the ports it answers on; nil: what its roles run (`ListeningPorts`).
    public var listens: [Located<Int>]? = nil

    public init(name: String, location: SourceLocation, subnet: Reference?, availabilityZone: Located<String>? = nil,
                privateIP: Located<IPv4Address>? = nil, publicIP: Located<Bool>? = nil, elasticIP: Located<IPv4Address>? = nil,
                securityGroups: [Reference]? = nil, roles: [Located<String>] = [], forwards: [Forward] = [],
                instanceType: Located<String>? = nil) {
        self.name = name
        self.location = location
        self.subnet = subnet
        self.availabilityZone = availabilityZone
        self.privateIP = privateIP
        self.publicIP = publicIP
        self.elasticIP = elasticIP
        self.securityGroups = securityGroups
        self.roles = roles
        self.forwards = forwards
        self.instanceType = instanceType
    }

    public var effectiveType: String { instanceType?.value ?? Instance.defaultType }
}

public struct LoadBalancer: Sendable, Hashable {
    public enum Scheme: String, Sendable, Hashable, CaseIterable { case internetFacing = "internet-facing", `internal` }
    public enum Kind: String, Sendable, Hashable, CaseIterable { case application, network }

    public struct Listener: Sendable, Hashable {
        public enum ListenerProtocol: String, Sendable, Hashable, CaseIterable { case http = "HTTP", https = "HTTPS", tcp = "TCP", tls = "TLS", udp = "UDP" }
        public var port: Located<Int>
        public var `protocol`: ListenerProtocol
        public var certificate: Located<String>?
        /// `redirect: { protocol: HTTPS, port: 443 }` (status 301).
        public var redirect: Located<Int>?
        public var targets: [Reference]
        public var targetPort: Located<Int>?
        public var location: SourceLocation

        public init(port: Located<Int>, protocol: ListenerProtocol, certificate: Located<String>? = nil, redirect: Located<Int>? = nil,
                    targets: [Reference], targetPort: Located<Int>?, location: SourceLocation) {
            self.port = port
            self.protocol = `protocol`
            self.certificate = certificate
            self.redirect = redirect
            self.targets = targets
            self.targetPort = targetPort
            self.location = location
        }
    }

    public var name: String
    public var location: SourceLocation
    public var kind: Kind
    public var scheme: Scheme
    public var subnets: [Reference]
    public var securityGroups: [Reference]
    public var listeners: [Listener]
    public var roles: [Located<String>]

    public init(name: String, location: SourceLocation, kind: Kind, scheme: Scheme, subnets: [Reference],
                securityGroups: [Reference], listeners: [Listener], roles: [Located<String>] = []) {
        self.name = name
        self.location = location
        self.kind = kind
        self.scheme = scheme
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.listeners = listeners
        self.roles = roles
    }
}

public struct DNSZone: Sendable, Hashable {
    public struct Record: Sendable, Hashable {
        public enum RecordType: String, Sendable, Hashable, CaseIterable { case a = "A", cname = "CNAME", alias = "ALIAS" }
        /// Relative to the zone; `@` or the zone's name is the apex.
        public var name: Located<String>
        public var type: RecordType
        public var value: Located<String>
        public var location: SourceLocation

        public init(name: Located<String>, type: RecordType, value: Located<String>, location: SourceLocation) {
            self.name = name
            self.type = type
            self.value = value
            self.location = location
        }
    }

    public var name: String
    public var location: SourceLocation
    public var records: [Record]

    public init(name: String, location: SourceLocation, records: [Record]) {
        self.name = name
        self.location = location
        self.records = records
    }
}

// MARK: - Before the cloud

public struct Site: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case home, office, datacenter }
    public enum Power: String, Sendable, Hashable, CaseIterable {
        case grid
        /// Carries the site through a short outage (minutes), not a long one.
        case ups
        /// A UPS bridges until the generator starts: survives long outages.
        case upsAndGenerator = "ups+generator"
    }

    public var name: String
    public var location: SourceLocation
    public var kind: Site.Kind
    public var power: Power
    /// Where `power:` is written; nil when it is left at `grid`.
    package var powerLocation: SourceLocation? = nil
    /// What the ISP gave the router; needed for port forwarding.
    public var publicIP: Located<IPv4Address>?
    /// Port forwarding on the site's router: `{ port: 80, to: my-pc, to-port: 8080 }`.
    public var portForwards: [Forward]
    /// Outbound tunnels (ngrok-style): the internet reaches `to` through the tunnel
    /// service's public name without a public IP or port forwarding.
    public var tunnels: [Forward]

    public init(name: String, location: SourceLocation, kind: Site.Kind, power: Power, publicIP: Located<IPv4Address>?,
                portForwards: [Forward], tunnels: [Forward] = []) {
        self.name = name
        self.location = location
        self.kind = kind
        self.power = power
        self.publicIP = publicIP
        self.portForwards = portForwards
        self.tunnels = tunnels
    }
}

public struct Host: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Switched off at night (`pc-off` incident).
        case personalComputer = "personal-computer"
        /// Runs around the clock.
        case server
    }

    public var name: String
    public var location: SourceLocation
    public var site: Reference
    public var kind: Kind
    /// Where `kind:` is written; nil when the site decided it.
    package var kindLocation: SourceLocation? = nil
    /// `runs: [was, db]`: the roles this host plays.
    public var roles: [Located<String>]
    /// `listens:`: the ports it answers on; nil: what its roles run (`ListeningPorts`).
    public var listens: [Located<Int>]? = nil

    public init(name: String, location: SourceLocation, site: Reference, kind: Kind, roles: [Located<String>]) {
        self.name = name
        self.location = location
        self.site = site
        self.kind = kind
        self.roles = roles
    }
}
