import InfralabSyntax

/// Every mapping of a topology file and the keys it accepts: the decoder's tables
/// (`fields(_:allowed:required:)` reads them) and the source of
/// `Docs/schema/topology.schema.json` (`infralab lab schema topology`).
/// Descriptions follow Docs/topology.md.
package enum TopologyKeys {
    typealias Key = KeyTable.Key

    static let description = Key("description", .text, "A note for people; infralab ignores it.")
    static let protocols = IPProtocol.allCases.map(\.rawValue) + ["-1"]

    package static let outsideHost = KeyTable("outside-host", "A named place outside every VPC, by address.", [
        Key("cidr", .addressOrCIDR, required: true, "Its address (a /32) or CIDR block, e.g. 203.0.113.10."), description,
    ])

    package static let vpc = KeyTable("vpc", "A VPC: a private address range in one region.", [
        Key("cidr", .cidr, required: true, "The VPC's IPv4 range, /16 to /28, best a private (RFC 1918) range, e.g. 10.0.0.0/16."),
        Key("region", .text, "The AWS region, e.g. ap-northeast-2."),
        Key("internet-gateway", .name, "Creates an internet gateway with this name and attaches it to the VPC."),
        description,
    ])

    package static let internetGateway = KeyTable("internet-gateway", "An internet gateway declared on its own (attach it with `vpc:`).", [
        Key("vpc", .name, "The VPC it is attached to; without it, the gateway is detached and routes to it are blackholes."), description,
    ])

    package static let subnet = KeyTable("subnet", "A subnet: a range of its VPC's addresses in one availability zone.", [
        Key("vpc", .name, "Its VPC (may be left out when the file has one VPC)."),
        Key("cidr", .cidr, required: true, "Inside the VPC's range, /16 to /28, not overlapping another subnet, e.g. 10.0.1.0/24."),
        Key("az", .text, "The availability zone, e.g. ap-northeast-2a."),
        Key("route-table", .name, "The route table it uses; without it, the VPC's main route table. Public if that table routes to an internet gateway."),
        Key("network-acl", .name, "The network ACL it uses; without it, the default ACL (allows everything)."),
        Key("map-public-ip-on-launch", .boolean, "AWS's auto-assign public IPv4 setting for instances launched here."),
        description,
    ])

    package static let route = KeyTable("route", "A route: traffic to `to` goes via `via`.", [
        Key("to", .peer, required: true, "The destination: a CIDR (0.0.0.0/0 for everything), `internet`, or an outside host's name."),
        Key("via", .name, required: true, "The target: an internet gateway, NAT gateway, instance or outside host, by name."),
        description,
    ])

    package static let routeTable = KeyTable("route-table", "A route table; every table also has the local route for its VPC.", [
        Key("vpc", .name, "Its VPC (inferred from the subnets that use it)."),
        Key("main", .boolean, "This is the VPC's main route table, used by subnets without `route-table:`."),
        Key("routes", .list(.mapping(route)), "The routes; the most specific match wins."),
        Key("subnets", .names, "Subnets to associate with this table (the same as `route-table:` on each subnet)."),
        description,
    ])

    package static let natGateway = KeyTable("nat-gateway", "A public NAT gateway: private subnets start connections out through it; nothing starts one in.", [
        Key("subnet", .name, required: true, "The subnet it sits in, which must be public."),
        Key("elastic-ip", .address, "Its Elastic IP (required for a public NAT gateway)."),
        description,
    ])

    static func securityGroupRule(inbound: Bool) -> KeyTable {
        let peer = inbound ? "from" : "to"
        return KeyTable(inbound ? "security-group-rule-in" : "security-group-rule-out",
                        inbound ? "An inbound rule: traffic it allows in." : "An outbound rule: traffic it allows out.", [
            Key("port", .portRange, "A port (22) or range (1024-65535); with no protocol, TCP. Neither port nor protocol: all traffic."),
            Key("protocol", .choice(protocols), "tcp (default with a port), udp, icmp or all."),
            Key(peer, .peer, "The other end: a CIDR or address, `internet`, a security group (its members' private addresses), an outside host or a site."),
            Key("cidr", .peer, "The other end as a CIDR block (instead of `\(peer):`)."),
            description,
        ])
    }

    package static let securityGroup = KeyTable("security-group", "A security group: stateful allow rules on an instance's network interface.", [
        Key("vpc", .name, "Its VPC."),
        description,
        Key("inbound", .list(.mapping(securityGroupRule(inbound: true))), "Allowed inbound traffic; none written: nothing comes in."),
        Key("outbound", .list(.mapping(securityGroupRule(inbound: false))), "Allowed outbound traffic; not written: everything may leave; `[]`: nothing may."),
    ])

    static func networkACLRule(inbound: Bool) -> KeyTable {
        let peer = inbound ? "from" : "to"
        return KeyTable(inbound ? "network-acl-rule-in" : "network-acl-rule-out",
                        "A numbered, stateless rule; the lowest matching number decides.", [
            Key("rule", .integer(1...32766), required: true, "The rule number, 1 to 32766; lower numbers are checked first."),
            Key("action", .choice(NetworkACLRule.Action.allCases.map(\.rawValue)), required: true, "allow or deny."),
            Key("protocol", .choice(protocols), "tcp (default with a port), udp, icmp or all."),
            Key("port", .portRange, "A port or range; replies need the clients' ephemeral ports (1024-65535)."),
            Key("cidr", .peer, "The addresses it matches: a CIDR, `internet`, or an outside host's name."),
            Key(peer, .peer, "The other end (instead of `cidr:`)."),
            description,
        ])
    }

    package static let networkACL = KeyTable("network-acl", "A network ACL: stateless numbered rules at a subnet's edge. A declared ACL with no rules denies everything.", [
        Key("vpc", .name, "Its VPC."),
        Key("default", .boolean, "Use this ACL for the VPC's subnets that name none."),
        Key("inbound", .list(.mapping(networkACLRule(inbound: true))), "Rules for traffic entering the subnet."),
        Key("outbound", .list(.mapping(networkACLRule(inbound: false))), "Rules for traffic leaving the subnet (replies too)."),
        Key("subnets", .names, "Subnets that use this ACL."),
        description,
    ])

    static func forward(_ id: String, _ help: String, portRequired: Bool) -> KeyTable {
        KeyTable(id, help, [
            Key("port", .port, required: portRequired, portRequired ? "The port it listens on." : "The public port (default 443)."),
            Key("to", .name, required: true, "Where it forwards: an instance, load balancer or host."),
            Key("to-port", .port, "The port on the target (default: the same port)."),
            description,
        ])
    }

    package static let instanceForward = forward("forward", "A port the instance (a reverse proxy) forwards to another component.", portRequired: true)
    package static let portForward = forward("port-forward", "Port forwarding on the site's router.", portRequired: true)
    package static let tunnel = forward("tunnel", "An outbound tunnel (ngrok-style): reachable without a public IP or port forwarding.", portRequired: false)

    package static let instance = KeyTable("instance", "An instance (a virtual server).", [
        Key("subnet", .name, "Its subnet; without it, AWS's default VPC (public subnets)."),
        Key("az", .text, "Its availability zone, for an instance in the default VPC."),
        Key("type", .text, "Its EC2 instance type, e.g. t3.small (default t3.micro); grading ignores it, `infralab cost` prices it, `infralab export` writes it."),
        Key("private-ip", .address, "Its private address; without it, the first free one after the subnet's four reserved."),
        Key("public-ip", .boolean, "Assign a public IPv4 address (it changes on stop/start)."),
        Key("elastic-ip", .address, "A fixed public address (Elastic IP)."),
        Key("security-groups", .names, "Its security groups; without it, the VPC's default group."),
        Key("role", .names, "What it plays in the story: was, db, bastion, reverse-proxy, …"),
        Key("runs", .names, "The same as `role:`."),
        Key("forwards", .list(.mapping(instanceForward)), "Ports it forwards elsewhere (a reverse proxy)."),
        Key("listens", .list(.port), "The ports it answers on, instead of what its roles run (the WAS 80/8080, the DB 3306, SSH 22)."),
        description,
    ])

    package static let subnetGroup = KeyTable("subnet-group", "A subnet group (RDS DB subnet group, ElastiCache subnet group): the subnets a database or cache may use, at least two in two AZs of one VPC.", [
        Key("subnets", .names, required: true, "Its subnets: at least two, in at least two AZs of one VPC. The primary sits in the first; a standby in the first of another AZ."),
        description,
    ])

    static func dataStore(_ service: DataStore.Service) -> KeyTable {
        let isDatabase = service == .database
        let engines = service.engines
        let ports = engines.map { "\($0.rawValue) \($0.defaultPort)" }.joined(separator: ", ")
        var keys: [Key] = [
            Key("engine", .choice(engines.map(\.rawValue)), required: true, "The engine: \(engines.map(\.rawValue).joined(separator: ", "))."),
            Key("port", .port, "The port it answers on, 1–65535 (default: the engine's, \(ports))."),
            Key("subnet-group", .name, required: true, "Its subnet group."),
            Key("security-groups", .names, "Its security groups; without it, the VPC's default group."),
            Key("multi-az", .boolean, isDatabase ? "A standby in another AZ of the subnet group that takes over when the primary or its AZ fails (default false)."
                                                 : "A replica in another AZ of the subnet group with automatic failover (default false; Redis only)."),
        ]
        if isDatabase {
            keys.append(Key("publicly-accessible", .boolean, "Give it a public address (default false); reachable from the internet only in a public subnet."))
        }
        keys.append(Key("role", .names, "What it plays in the story (default `\(service.defaultRole)`)."))
        keys.append(description)
        return KeyTable(isDatabase ? "database" : "cache",
                        isDatabase ? "A managed database (RDS) in a subnet group." : "A managed cache (ElastiCache) in a subnet group.", keys)
    }

    package static let database = dataStore(.database)
    package static let cache = dataStore(.cache)

    package static let redirect = KeyTable("redirect", "An HTTP→HTTPS redirect (status 301).", [
        Key("port", .port, required: true, "The port to redirect to, e.g. 443."),
        Key("protocol", .choice(LoadBalancer.Listener.ListenerProtocol.allCases.map(\.rawValue)), "The protocol to redirect to, e.g. HTTPS."),
    ])

    package static let listener = KeyTable("listener", "A listener: a port the load balancer accepts and where it sends the traffic.", [
        Key("port", .port, required: true, "The port it listens on."),
        Key("protocol", .choice(LoadBalancer.Listener.ListenerProtocol.allCases.map(\.rawValue)), "HTTP (ALB default), HTTPS, TCP (NLB default), TLS or UDP."),
        Key("certificate", .text, "The certificate an HTTPS listener needs (e.g. an ACM ARN or a name)."),
        Key("redirect", .either(.port, .mapping(redirect)), "Redirect instead of forwarding: a port, or `{ protocol: HTTPS, port: 443 }`."),
        Key("targets", .names, "The target instances."),
        Key("target-port", .port, "The port on the targets (default: the listener's port)."),
        description,
    ])

    package static let loadBalancer = KeyTable("load-balancer", "A load balancer (ALB or NLB) with subnets in at least two AZs.", [
        Key("type", .choice(LoadBalancer.Kind.allCases.map(\.rawValue) + ["alb", "nlb"]), "application (default) or network."),
        Key("scheme", .choice(LoadBalancer.Scheme.allCases.map(\.rawValue)), "internet-facing (default) or internal."),
        Key("subnets", .names, required: true, "Its subnets, one per AZ, at least two AZs."),
        Key("security-groups", .names, "Its security groups."),
        Key("listeners", .list(.mapping(listener)), required: true, "Its listeners."),
        Key("role", .names, "What it plays in the story, e.g. entry."),
        description,
    ])

    package static let record = KeyTable("dns-record", "A DNS record.", [
        Key("name", .text, required: true, "Relative to the zone; `@` is the apex."),
        Key("type", .choice(DNSZone.Record.RecordType.allCases.map(\.rawValue)), required: true, "A, CNAME (never at the apex) or ALIAS."),
        Key("value", .text, required: true, "An address, a name, or (ALIAS) a load balancer."),
        Key("ttl", .integer(0...2_147_483_647), "Seconds resolvers may keep the answer."),
    ])

    package static let zone = KeyTable("dns-zone", "A hosted zone.", [
        Key("records", .list(.mapping(record)), "Its records."), description,
    ])

    package static let dns = KeyTable("dns", "Route 53: hosted zones and their records.", [
        Key("zones", .named(.mapping(zone)), "Zones by domain name, e.g. example.com."),
    ])

    package static let site = KeyTable("site", "A place before the cloud: a home, an office or a datacenter.", [
        Key("kind", .choice(Site.Kind.allCases.map(\.rawValue)), "home (default), office or datacenter."),
        Key("power", .choice(Site.Power.allCases.map(\.rawValue)), "grid (default), ups (minutes) or ups+generator (long outages)."),
        Key("public-ip", .address, "What the ISP gave the router; needed for port forwarding."),
        Key("port-forwards", .list(.mapping(portForward)), "Port forwarding on the router."),
        Key("tunnels", .list(.mapping(tunnel)), "Outbound tunnels that make a host reachable without port forwarding."),
        description,
    ])

    package static let host = KeyTable("host", "A computer at a site.", [
        Key("site", .name, required: true, "The site it is at."),
        Key("kind", .choice(Host.Kind.allCases.map(\.rawValue) + ["pc"]), "personal-computer (switched off at night; the default at home) or server."),
        Key("runs", .names, "The roles it plays: was, db, …"),
        Key("role", .names, "The same as `runs:`."),
        Key("listens", .list(.port), "The ports it answers on, instead of what its roles run (the WAS 80/8080, the DB 3306, SSH 22)."),
        description,
    ])

    /// The top level: the sections, each a mapping from names to components.
    package static let root = KeyTable("topology", "An infralab topology file (topology.yaml).", [
        Key("outside", .named(.either(.addressOrCIDR, .mapping(outsideHost))), "Named places outside every VPC (`admin: 203.0.113.10`); `internet` is built in."),
        Key("vpcs", .named(.mapping(vpc)), "VPCs by name."),
        Key("internet-gateways", .named(.mapping(internetGateway)), "Internet gateways declared on their own (usually `internet-gateway:` on a VPC)."),
        Key("subnets", .named(.mapping(subnet)), "Subnets by name."),
        Key("route-tables", .named(.mapping(routeTable)), "Route tables by name."),
        Key("nat-gateways", .named(.mapping(natGateway)), "NAT gateways by name."),
        Key("security-groups", .named(.mapping(securityGroup)), "Security groups by name."),
        Key("network-acls", .named(.mapping(networkACL)), "Network ACLs by name."),
        Key("instances", .named(.mapping(instance)), "Instances by name."),
        Key("load-balancers", .named(.mapping(loadBalancer)), "Load balancers by name."),
        Key("subnet-groups", .named(.mapping(subnetGroup)), "Subnet groups for databases and caches, by name."),
        Key("databases", .named(.mapping(database)), "Managed databases (RDS) by name."),
        Key("caches", .named(.mapping(cache)), "Managed caches (ElastiCache) by name."),
        Key("dns", .mapping(dns), "DNS (Route 53) zones."),
        Key("sites", .named(.mapping(site)), "Sites before the cloud: home, office, datacenter."),
        Key("hosts", .named(.mapping(host)), "Computers at the sites."),
    ])
}
