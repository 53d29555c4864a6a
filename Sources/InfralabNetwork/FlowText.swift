import InfralabSyntax
import InfralabTopology

/// Every message the flow engine writes into a hop, a reason or a service answer,
/// English and Korean, in one place (the style of `Messages` and `EventText`): the engine
/// code names what happened and passes the facts.
enum FlowText {
    // MARK: Evaluate

    static func unknownEndpoint(_ name: String) -> LocalizedText {
        LocalizedText(en: "no instance, database, cache, load balancer, NAT gateway, host or outside host is named \(name)",
                      ko: "\(Korean.quoting("\(name)")) 인스턴스, 데이터베이스, 캐시, 로드 밸런서, NAT 게이트웨이, 호스트, 외부 호스트가 없어요")
    }

    static func doesNotForward(_ instance: String, port: Int, destination: Endpoint) -> LocalizedText {
        LocalizedText(en: "\(instance) does not forward port \(port) to \(destination)",
                      ko: "\(Korean.topic("\(instance)")) 포트 \(Korean.object("\(port)")) \(Korean.toward("\(destination)")) 넘기지 않아요")
    }

    static func forwardsToSecondConnection(_ port: Int, target: String, secondPort: Int) -> LocalizedText {
        LocalizedText(en: "forwards port \(port) to \(target):\(secondPort) (a second connection)",
                      ko: "포트 \(Korean.object("\(port)")) \(target):\(Korean.toward("\(secondPort)")) 넘겨요 (두 번째 연결)")
    }

    static func opensSecondConnection(_ destination: Endpoint, secondPort: Int) -> LocalizedText {
        LocalizedText(en: "opens a second connection to \(destination) on port \(secondPort)",
                      ko: "\(Korean.toward("\(destination)")) 포트 \(secondPort) 두 번째 연결을 열어요")
    }

    static func noListenerForTarget(_ loadBalancer: String, port: Int, destination: Endpoint) -> LocalizedText {
        LocalizedText(en: "\(loadBalancer) has no listener on port \(port) with \(destination) as a target",
                      ko: "\(loadBalancer)에 \(Korean.object("\(destination)")) 대상으로 하는 포트 \(port) 리스너가 없어요")
    }

    static func listenerForwardsTo(_ port: Int, destination: Endpoint, secondPort: Int) -> LocalizedText {
        LocalizedText(en: "listener \(port) forwards to \(destination):\(secondPort)",
                      ko: "리스너 \(Korean.subject("\(port)")) \(destination):\(Korean.toward("\(secondPort)")) 넘겨요")
    }

    static func cannotCarryOnward(_ through: String) -> LocalizedText {
        LocalizedText(en: "\(through) cannot carry a connection onward", ko: "\(Korean.topic("\(through)")) 연결을 이어 줄 수 없어요")
    }

    static func reaches(_ source: Endpoint, destination: Endpoint, traffic: String) -> LocalizedText {
        LocalizedText(en: "\(source) reaches \(destination) on \(traffic)", ko: "\(source)에서 \(destination)의 \(traffic)에 접속할 수 있어요")
    }

    // MARK: FlowArrival

    static func reachesInternet(_ source: String, sourceKo: String) -> LocalizedText {
        LocalizedText(en: "reaches the internet from \(source)", ko: "\(sourceKo)에서 인터넷에 접속해요")
    }

    static func reachesOutsideHost(_ host: String, source: String, sourceKo: String) -> LocalizedText {
        LocalizedText(en: "reaches \(host) from \(source)", ko: "\(sourceKo)에서 \(host)에 접속해요")
    }

    static func natRefusesInbound(_ nat: String) -> LocalizedText {
        LocalizedText(en: "nothing from outside can start a connection in through \(nat): a NAT gateway is outbound only",
                      ko: "밖에서는 \(Korean.object("\(nat)")) 통해 안으로 연결을 시작할 수 없어요. NAT 게이트웨이는 나가는 방향 전용이에요")
    }

    static var privateAddressFromOutside: LocalizedText {
        LocalizedText(en: "a private address cannot be reached from outside its VPC", ko: "프라이빗 주소로는 VPC 밖에서 접속할 수 없어요")
    }

    static func notInKnownSubnet(_ instance: String) -> LocalizedText {
        LocalizedText(en: "\(instance) is not in any known subnet", ko: "\(Korean.subject("\(instance)")) 알려진 서브넷에 있지 않아요")
    }

    static func noPublicIPToReach(_ name: String, source: String, sourceKo: String) -> LocalizedText {
        LocalizedText(en: "\(name) has no public or Elastic IP, so it cannot be reached from \(source)",
                      ko: "\(name)에는 퍼블릭 IP도 탄력적 IP도 없어서 \(sourceKo)에서 접속할 수 없어요")
    }

    static func internalLoadBalancer(_ loadBalancer: String) -> LocalizedText {
        LocalizedText(en: "\(loadBalancer) is internal: it cannot be reached from outside its VPC",
                      ko: "\(Korean.topic("\(loadBalancer)")) 내부용이라 VPC 밖에서는 접속할 수 없어요")
    }

    static func noListener(_ loadBalancer: String, port: Int) -> LocalizedText {
        LocalizedText(en: "\(loadBalancer) has no listener on port \(port)", ko: "\(loadBalancer)에 포트 \(port) 리스너가 없어요")
    }

    static func loadBalancerWithoutSubnet(_ loadBalancer: String) -> LocalizedText {
        LocalizedText(en: "\(loadBalancer) has no subnet to run in", ko: "\(loadBalancer)에 동작할 서브넷이 없어요")
    }

    static func gatewayNotAttached(_ gateway: String, vpc: String) -> LocalizedText {
        LocalizedText(en: "\(gateway) is not attached to VPC \(vpc): nothing from the internet enters it",
                      ko: "\(Korean.subject("\(gateway)")) VPC \(vpc)에 붙어 있지 않아서 인터넷에서 들어올 수 없어요")
    }

    static func noInternetGatewayAttached(_ vpc: String) -> LocalizedText {
        LocalizedText(en: "VPC \(vpc) has no internet gateway attached", ko: "VPC \(vpc)에 붙은 인터넷 게이트웨이가 없어요")
    }

    static func repliesGoOutBy(_ source: String, routes: String, gateway: String, sourceKo: String, routesKo: String) -> LocalizedText {
        LocalizedText(en: "replies to \(source) go out by \(routes) via \(gateway)",
                      ko: "\(Korean.toward("\(sourceKo)")) 가는 응답은 \(routesKo) → \(Korean.toward("\(gateway)")) 나가요")
    }

    /// Where a private subnet's route table sends replies instead of an internet gateway.
    enum ReplyWay {
        case route(destination: String, target: String)
        case local
        case none
    }

    /// A public IP in a private subnet: `table` is the subnet's route table (nil: the
    /// VPC's implicit main table), `way` where the replies go instead.
    static func privateSubnetReplies(_ subnet: String, table: String?, clients: String, clientsKo: String, name: String, way: ReplyWay) -> LocalizedText {
        let tableEn = table.map { "its route table `\($0)`" } ?? "the VPC's implicit main route table (local routes only)"
        let tableKo = table.map { "라우팅 테이블 `\($0)`" } ?? "VPC의 기본 라우팅 테이블(local 경로뿐)"
        let wayEn: String
        var wayKo = ""
        switch way {
        case .route(let destination, let target):
            wayEn = "sends replies to \(clients) by route \(destination) to `\(target)`, not to an internet gateway"
            wayKo = " 응답은 경로 \(Korean.object(destination)) 따라 \(Korean.toward("`\(target)`")) 가요."
        case .local: wayEn = "keeps replies to \(clients) inside the VPC (the local route)"
        case .none: wayEn = "has no route for replies to \(clients)"
        }
        return LocalizedText(
            en: "`\(subnet)` is a private subnet: \(tableEn) \(wayEn). A public IP on `\(name)` does not help",
            ko: "\(Korean.topic("`\(subnet)`")) 프라이빗 서브넷이에요. \(tableKo)에 인터넷 게이트웨이로 가는 경로가 없어서 \(clientsKo)에 보내는 응답이 나가지 못해요.\(wayKo) `\(name)`에 퍼블릭 IP가 있어도 소용없어요")
    }

    static func noReplyRoute(_ table: String, clients: String, name: String, tableKo: String, clientsKo: String) -> LocalizedText {
        LocalizedText(en: "\(table) has no route for replies to \(clients): \(name) cannot answer those clients",
                      ko: "\(tableKo)에 \(Korean.toward("\(clientsKo)")) 가는 응답 경로가 없어요. \(Korean.topic("\(name)")) 그 클라이언트에게 응답할 수 없어요")
    }

    static func repliesNotToInternet(_ table: String, clients: String, detail: String, name: String, tableKo: String, repliesKo: String) -> LocalizedText {
        LocalizedText(en: "\(table) sends replies to \(clients) by \(detail), not the internet gateway: \(name) cannot answer those clients",
                      ko: "\(tableKo)에서 \(repliesKo). \(Korean.topic("\(name)")) 그 클라이언트에게 응답할 수 없어요")
    }

    static func answersOn(_ traffic: String) -> LocalizedText {
        LocalizedText(en: "answers on \(traffic)", ko: "\(Korean.toward("\(traffic)")) 응답해요")
    }

    static func unknownSite(_ host: String) -> LocalizedText {
        LocalizedText(en: "\(host) is at an unknown site", ko: "\(host)의 사이트를 알 수 없어요")
    }

    static func routerForwards(_ site: String, ip: IPv4Address, port: Int, host: String, targetPort: Int) -> LocalizedText {
        LocalizedText(en: "the \(site) router (\(ip)) forwards port \(port) to \(host):\(targetPort)",
                      ko: "\(site) 공유기(\(ip))가 포트 \(Korean.object("\(port)")) \(host):\(Korean.toward("\(targetPort)")) 넘겨요")
    }

    static func answersOnPort(_ targetPort: Int) -> LocalizedText {
        LocalizedText(en: "answers on port \(targetPort)", ko: "포트 \(Korean.toward("\(targetPort)")) 응답해요")
    }

    static func tunnelCarries(_ host: String, port: Int, targetPort: Int) -> LocalizedText {
        LocalizedText(en: "a tunnel from \(host) carries port \(port) to \(host):\(targetPort) (no public IP needed)",
                      ko: "\(host)에서 연 터널이 포트 \(Korean.object("\(port)")) \(host):\(Korean.toward("\(targetPort)")) 전달해요 (퍼블릭 IP가 필요 없어요)")
    }

    static func siteWithoutPublicIP(_ site: String, port: Int) -> LocalizedText {
        LocalizedText(en: "\(site) has a port forward for \(port) but no public IP to receive it on",
                      ko: "\(site)에 포트 \(port) 포워딩은 있지만 받을 퍼블릭 IP가 없어요")
    }

    static func hostAtAnotherSite(_ host: String, site: String, port: Int) -> LocalizedText {
        LocalizedText(en: "\(host) is at another site (\(site)): it is reachable only through that site's port forwards, and none sends port \(port) to it",
                      ko: "\(Korean.topic("\(host)")) 다른 사이트(\(site))에 있어서 그 사이트의 포트 포워딩으로만 접속할 수 있는데, 포트 \(Korean.object("\(port)")) 넘기는 규칙이 없어요")
    }

    static func noPortForward(_ site: String, port: Int, host: String) -> LocalizedText {
        LocalizedText(en: "the \(site) router has no port forward (or tunnel) sending port \(port) to \(host)",
                      ko: "\(site) 공유기에 포트 \(Korean.object("\(port)")) \(Korean.toward("\(host)")) 넘기는 포트 포워딩(또는 터널)이 없어요")
    }

    static func listenerRedirects(_ listener: Int, redirectPort: Int) -> LocalizedText {
        LocalizedText(en: "listener \(listener) redirects to HTTPS port \(redirectPort) (301)",
                      ko: "리스너 \(Korean.subject("\(listener)")) HTTPS 포트 \(Korean.toward("\(redirectPort)")) 리다이렉트해요 (301)")
    }

    static func listenerForwardsToTargets(_ listener: Int, targetPort: Int) -> LocalizedText {
        LocalizedText(en: "listener \(listener) forwards to its targets on port \(targetPort)",
                      ko: "리스너 \(Korean.subject("\(listener)")) 대상에게 포트 \(Korean.toward("\(targetPort)")) 넘겨요")
    }

    // MARK: FlowDeparture

    static func differentVPCs(_ name: String, server: String) -> LocalizedText {
        LocalizedText(en: "\(name) and \(server) are in different VPCs: a private address is not reachable across them",
                      ko: "\(Korean.and("\(name)")) \(Korean.topic("\(server)")) 서로 다른 VPC에 있어서 프라이빗 주소로는 통신할 수 없어요")
    }

    static var natAcceptsNoConnections: LocalizedText {
        LocalizedText(en: "a NAT gateway accepts no connections: it only carries connections out",
                      ko: "NAT 게이트웨이는 들어오는 연결을 받지 않아요. 나가는 연결만 전달해요")
    }

    static func noPrivateAddress(_ server: String) -> LocalizedText {
        LocalizedText(en: "\(server) has no private address", ko: "\(server)에 프라이빗 주소가 없어요")
    }

    static func outboundAllowed(_ group: String, rules: String, rulesKo: String) -> LocalizedText {
        LocalizedText(en: "outbound allowed by \(group): \(rules)", ko: "\(group)의 아웃바운드 규칙이 허용해요(\(rulesKo))")
    }

    static func inboundAllowed(_ group: String, rules: String, rulesKo: String) -> LocalizedText {
        LocalizedText(en: "inbound allowed by \(group): \(rules)", ko: "\(group)의 인바운드 규칙이 허용해요(\(rulesKo))")
    }

    static func defaultACLAllows(_ subnet: String, direction: String, directionKo: String) -> LocalizedText {
        LocalizedText(en: "\(subnet)'s default network ACL allows all \(direction) traffic",
                      ko: "\(subnet)의 기본 네트워크 ACL은 \(directionKo) 트래픽을 모두 허용해요")
    }

    static func startsInSubnet(_ address: IPv4Address, subnet: String) -> LocalizedText {
        LocalizedText(en: "starts at \(address) in subnet \(subnet)", ko: "서브넷 \(subnet)의 \(address)에서 출발해요")
    }

    static func noRouteCovers(_ table: String, address: IPv4Address, tableKo: String) -> LocalizedText {
        LocalizedText(en: "no route in \(table) covers \(address)", ko: "\(tableKo)에 \(Korean.toward("\(address)")) 가는 경로가 없어요")
    }

    static func routePointsAtNothing(_ destination: CIDR, target: String) -> LocalizedText {
        LocalizedText(en: "route \(destination) via \(target) points at nothing: a blackhole",
                      ko: "경로 \(destination) → \(target)의 대상이 없어서 블랙홀이에요")
    }

    static func routeTakesFromLocal(_ destination: CIDR, target: String, address: IPv4Address) -> LocalizedText {
        LocalizedText(en: "route \(destination) via \(target) takes traffic for \(address) away from the local route",
                      ko: "경로 \(destination) → \(Korean.subject("\(target)")) \(Korean.toward("\(address)")) 가는 트래픽을 `local` 경로에서 빼앗아요")
    }

    static func matchesLocalRoute(_ address: IPv4Address, destination: CIDR) -> LocalizedText {
        LocalizedText(en: "\(address) matches the local route \(destination)",
                      ko: "\(Korean.topic("\(address)")) `local` 경로 \(destination)에 맞아요")
    }

    static var sameSubnet: LocalizedText {
        LocalizedText(en: "same subnet: network ACLs are not checked", ko: "같은 서브넷이라 네트워크 ACL을 거치지 않아요")
    }

    static func answersAt(_ traffic: String, address: IPv4Address) -> LocalizedText {
        LocalizedText(en: "answers on \(traffic) at \(address)", ko: "\(address)의 \(Korean.toward("\(traffic)")) 응답해요")
    }

    static func noRouteToDestination(_ table: String, destination: String, tableKo: String, destinationKo: String) -> LocalizedText {
        LocalizedText(en: "\(table) has no route for \(destination): add one via an internet gateway (or a NAT gateway)",
                      ko: "\(tableKo)에 \(Korean.toward("\(destinationKo)")) 가는 경로가 없어요. 인터넷 게이트웨이(또는 NAT 게이트웨이)로 가는 경로를 더하세요")
    }

    static func matchesOnlyLocalRoute(_ destination: String, destinationKo: String) -> LocalizedText {
        LocalizedText(en: "\(destination) matches only the local route", ko: "\(Korean.topic("\(destinationKo)")) `local` 경로에만 맞아요")
    }

    static func routeTargetMissing(_ destination: CIDR, name: String) -> LocalizedText {
        LocalizedText(en: "route \(destination) via \(name): \(name) does not exist, so the route is a blackhole",
                      ko: "경로 \(destination) → \(name): \(Korean.subject("\(name)")) 없어서 블랙홀 경로예요")
    }

    static func matchesRoutes(_ destination: String, routes: String, via: String, destinationKo: String, routesKo: String) -> LocalizedText {
        LocalizedText(en: "\(destination) matches \(routes) via \(via)",
                      ko: "\(Korean.topic("\(destinationKo)")) \(routesKo) → \(via)에 맞아요")
    }

    static func relayDown(_ relay: String, incident: Incident) -> LocalizedText {
        LocalizedText(en: "\(relay) is down (incident \(incident))", ko: "\(Korean.subject("\(relay)")) 꺼져 있어요 (장애 \(incident))")
    }

    static func relayNotPublic(_ relay: String) -> LocalizedText {
        LocalizedText(en: "\(relay) relays the traffic but has no public address in a public subnet",
                      ko: "\(Korean.subject("\(relay)")) 트래픽을 넘겨받지만 퍼블릭 서브넷에 있지 않거나 퍼블릭 주소가 없어요")
    }

    static func relaysAsNATInstance(_ publicAddress: IPv4Address) -> LocalizedText {
        LocalizedText(en: "relays the traffic as \(publicAddress) (a NAT instance)",
                      ko: "NAT 인스턴스로서 주소를 \(Korean.toward("\(publicAddress)")) 바꿔 넘겨요")
    }

    static func routeOnlyReachesOutside(_ destination: CIDR, host: String, cidr: CIDR) -> LocalizedText {
        LocalizedText(en: "route \(destination) via \(host) only reaches \(cidr)",
                      ko: "경로 \(destination) → \(Korean.topic("\(host)")) \(cidr)에만 맞아요")
    }

    static func gatewayRouteNotAttached(_ destination: CIDR, gateway: String, vpc: String) -> LocalizedText {
        LocalizedText(en: "route \(destination) via \(gateway), but \(gateway) is not attached to VPC \(vpc): a blackhole",
                      ko: "경로 \(destination) → \(gateway): \(Korean.subject("\(gateway)")) VPC \(vpc)에 붙어 있지 않아 블랙홀이에요")
    }

    static func noPublicIPForGateway(_ name: String) -> LocalizedText {
        LocalizedText(en: "\(name) has no public or Elastic IP, so the internet gateway cannot carry its traffic",
                      ko: "\(name)에 퍼블릭 IP나 탄력적 IP가 없어서 인터넷 게이트웨이가 트래픽을 내보낼 수 없어요")
    }

    static func translatesToPublic(_ address: IPv4Address, publicAddress: IPv4Address) -> LocalizedText {
        LocalizedText(en: "translates \(address) to the public address \(publicAddress)",
                      ko: "\(Korean.object("\(address)")) 퍼블릭 주소 \(Korean.toward("\(publicAddress)")) 바꿔요")
    }

    static func natInOtherVPC(_ nat: String, vpc: String) -> LocalizedText {
        LocalizedText(en: "\(nat) is not in VPC \(vpc): the route is a blackhole",
                      ko: "\(Korean.subject("\(nat)")) VPC \(vpc)에 없어서 블랙홀 경로예요")
    }

    static func natNeedsElasticIP(_ nat: String) -> LocalizedText {
        LocalizedText(en: "\(nat) has no Elastic IP: a public NAT gateway needs one", ko: "\(nat)에 탄력적 IP가 없어요. 퍼블릭 NAT 게이트웨이에는 꼭 필요해요")
    }

    static func natInPrivateSubnet(_ nat: String, subnet: String, table: String, tableKo: String) -> LocalizedText {
        LocalizedText(en: "\(nat) sits in \(subnet), a private subnet (\(table) has no route to an attached internet gateway): it cannot reach the internet",
                      ko: "\(Korean.subject("\(nat)")) 프라이빗 서브넷 \(subnet)에 있어요(\(tableKo)에 인터넷 게이트웨이로 가는 경로가 없어요). 인터넷에 접속할 수 없어요")
    }

    static func translatesToElasticIP(_ address: IPv4Address, elasticIP: IPv4Address) -> LocalizedText {
        LocalizedText(en: "translates \(address) to its Elastic IP \(elasticIP) (source ports 1024-65535)",
                      ko: "\(Korean.object("\(address)")) 탄력적 IP \(Korean.toward("\(elasticIP)")) 바꿔요 (출발 포트 1024-65535)")
    }

    static func carriesNATTraffic(_ nat: String) -> LocalizedText {
        LocalizedText(en: "carries \(nat)'s traffic to the internet", ko: "\(nat)의 트래픽을 인터넷으로 내보내요")
    }

    static func noPublicIPToDial(_ instance: String) -> LocalizedText {
        LocalizedText(en: "\(instance) has no public or Elastic IP, so it cannot be dialled from outside its VPC",
                      ko: "\(instance)에는 퍼블릭 IP도 탄력적 IP도 없어서 VPC 밖에서는 접속할 수 없어요")
    }

    static func internalNoPublicAddress(_ loadBalancer: String) -> LocalizedText {
        LocalizedText(en: "\(loadBalancer) is internal: it has no public address",
                      ko: "\(Korean.topic("\(loadBalancer)")) 내부용이라 퍼블릭 주소가 없어요")
    }

    static func natWithoutElasticIP(_ nat: String) -> LocalizedText {
        LocalizedText(en: "\(nat) has no Elastic IP", ko: "\(nat)에 탄력적 IP가 없어요")
    }

    // MARK: FlowLegs

    /// `name` (in backticks) is down; the incident in words. `DownReasons` says more
    /// where a setting decides it (`power:`, `kind:`).
    static func endpointDown(_ name: String, incident: Incident) -> LocalizedText {
        LocalizedText(en: "\(name) is down (\(incident.words.en))", ko: "\(Korean.subject(name)) 멈췄어요 (\(incident.words.text(.ko)))")
    }

    /// An availability-zone outage takes the only NAT gateway (`DownReasons`).
    static func onlyNAT(_ name: String, az: String) -> LocalizedText {
        LocalizedText(en: "\(name) is the only NAT gateway; it is in \(az), which is down: a NAT gateway in another AZ, for that AZ's private subnets, keeps them going",
                      ko: "\(Korean.topic(name)) 하나뿐인 NAT 게이트웨이인데 \(az)에 있어서 이 가용 영역과 함께 멈췄어요. 다른 가용 영역에도 NAT 게이트웨이를 두고 그 AZ의 프라이빗 서브넷을 연결해야 버텨요")
    }

    /// An availability-zone outage takes the only instance of a role (`DownReasons`).
    static func onlyOfRole(_ name: String, role: String, az: String) -> LocalizedText {
        LocalizedText(en: "\(name) is the only instance playing the role `\(role)`; it is in \(az), which is down: a second one in another AZ keeps the role going",
                      ko: "\(Korean.topic(name)) `\(role)` 역할을 하는 하나뿐인 인스턴스인데 \(az)에 있어서 이 가용 영역과 함께 멈췄어요. 다른 가용 영역에 하나 더 두어야 버텨요")
    }

    static var sameMachine: LocalizedText {
        LocalizedText(en: "source and destination are the same machine: the connection stays on it", ko: "출발지와 목적지가 같은 기계라서 연결이 그 안에서 끝나요")
    }

    static var internetClient: LocalizedText {
        LocalizedText(en: "a client somewhere on the internet (any public address)", ko: "인터넷 어딘가에 있는 클라이언트(퍼블릭 주소 아무거나)예요")
    }

    static func startsAtOutside(_ cidr: CIDR) -> LocalizedText {
        LocalizedText(en: "starts at \(cidr)", ko: "\(cidr)에서 출발해요")
    }

    static var natIsNotClient: LocalizedText {
        LocalizedText(en: "a NAT gateway only carries connections its subnets' instances start; it is not a client",
                      ko: "NAT 게이트웨이는 인스턴스가 시작한 연결을 전달할 뿐, 스스로 연결을 시작하지 않아요")
    }

    static func sameLAN(_ site: String) -> LocalizedText {
        LocalizedText(en: "both on the \(site) LAN: they reach each other directly", ko: "둘 다 \(site)의 같은 LAN에 있어서 바로 통신해요")
    }

    static func leavesThroughRouter(_ site: String, ip: IPv4Address) -> LocalizedText {
        LocalizedText(en: "leaves through the \(site) router from its public address \(ip)", ko: "\(site) 공유기를 지나 퍼블릭 주소 \(ip)에서 나가요")
    }

    static func leavesThroughISP(_ site: String) -> LocalizedText {
        LocalizedText(en: "leaves through the \(site) router (the ISP's address)", ko: "\(site) 공유기를 지나 통신사 주소로 나가요")
    }

    // MARK: FlowMiddlebox

    static func middleboxNATInOtherVPC(_ nat: String, vpc: String) -> LocalizedText {
        LocalizedText(en: "\(nat) is not in VPC \(vpc): the route is a blackhole", ko: "\(Korean.topic(nat)) VPC \(vpc)에 없어서 블랙홀 경로예요")
    }

    static func matchesMiddleboxRoute(_ address: IPv4Address, destination: CIDR, nat: String) -> LocalizedText {
        LocalizedText(en: "\(address) matches route \(destination) via \(nat) (more specific than local)",
                      ko: "\(Korean.topic("\(address)")) 로컬보다 구체적인 경로 \(destination) → \(nat)에 맞아요")
    }

    static func middleboxForwards(_ address: IPv4Address, natAddress: IPv4Address) -> LocalizedText {
        LocalizedText(en: "forwards to \(address) from its private address \(natAddress)",
                      ko: "프라이빗 주소 \(natAddress)에서 \(Korean.toward("\(address)")) 넘겨요")
    }

    static func replyHandedBack(_ nat: String, client: IPv4Address, table: String) -> LocalizedText {
        LocalizedText(en: "\(nat) hands the reply to \(client) by \(table), which routes it back to \(nat): it loops and is dropped",
                      ko: "\(Korean.subject(nat)) \(client)에 보내는 응답을 \(Korean.subject(table)) 다시 \(nat) 쪽으로 보내서 빙빙 돌다 버려져요")
    }

    static func replyViaUnseenNAT(_ name: String, client: IPv4Address, nat: String) -> LocalizedText {
        LocalizedText(en: "the reply from \(name) to \(client) is routed via \(nat), which never saw the request: it is dropped",
                      ko: "\(name)에서 \(Korean.toward("\(client)")) 가는 응답이 요청을 본 적 없는 \(nat) 쪽으로 가서 버려져요")
    }

    static func replyBlackhole(_ name: String, client: IPv4Address, target: String) -> LocalizedText {
        LocalizedText(en: "the reply from \(name) to \(client) is routed via \(target), which does not exist: a blackhole",
                      ko: "\(name)에서 \(Korean.toward("\(client)")) 가는 응답이 없는 대상 \(target) 쪽으로 가요. 블랙홀이에요")
    }

    // MARK: FlowReplies

    static func replyAllowed(_ direction: String, subnet: String, ports: PortRange, directionKo: String) -> LocalizedText {
        LocalizedText(en: "reply \(direction) on \(subnet) to ports \(ports) allowed",
                      ko: "\(subnet)의 \(directionKo) 응답(포트 \(ports))이 허용돼요")
    }

    // MARK: Listening

    static func nothingListens(_ name: String, port: Int, list: String) -> LocalizedText {
        LocalizedText(en: "nothing on \(name) listens on port \(port): the connection is refused (it answers on \(list))",
                      ko: "\(name)에서 \(port)번 포트를 받는 프로그램이 없어서 연결이 거부돼요 (응답하는 포트: \(list))")
    }

    // MARK: Services

    static func noComponentForRole(_ role: String) -> LocalizedText {
        LocalizedText(en: "no instance, host or load balancer plays the role \(role)", ko: "\(role) 역할을 맡은 인스턴스, 호스트, 로드 밸런서가 없어요")
    }

    static func portNotListening(_ name: String, arrivalPort: Int, role: String, declared: Int) -> LocalizedText {
        LocalizedText(en: "this line sends the connection to \(name):\(arrivalPort), but \(role) runs on port \(declared) (set the target port to \(declared))",
                      ko: "이 줄은 연결을 \(Korean.toward("\(name):\(arrivalPort)")) 보내는데, \(Korean.topic(role)) \(declared)번 포트에서 돌아가요 (대상 포트를 \(Korean.toward(String(declared))) 바꿔 주세요)")
    }

    static func proxyForwardsNothing(_ instance: String, port: Int) -> LocalizedText {
        LocalizedText(en: "`\(instance)` is a reverse proxy, but it forwards nothing arriving on port \(port) (add `forwards: [{ port: \(port), to: ..., to-port: ... }]`)",
                      ko: "\(Korean.topic("`\(instance)`")) 리버스 프록시인데 \(port)번 포트로 들어온 요청을 어디에도 전달하지 않아요 (`forwards: [{ port: \(port), to: ..., to-port: ... }]`를 추가하세요)")
    }

    // MARK: Composed messages (a condition picks a clause)

    static func partialReplies(_ ports: String, acl: String?) -> LocalizedText {
        LocalizedText(en: "reachable for some clients only: replies to client ports \(ports) are not allowed by \(acl ?? "a network ACL") (AWS recommends allowing 1024-65535)",
                      ko: "일부 클라이언트만 접속할 수 있어요: 클라이언트 포트 \(Korean.toward("\(ports)")) 가는 응답을 \(Korean.subject("\(acl ?? "네트워크 ACL")")) 허용하지 않아요 (AWS는 1024-65535를 열어 두라고 권해요)")
    }

    static func translatesToPrivate(_ name: String, publicAddress: String, address: String) -> LocalizedText {
        LocalizedText(en: "translates \(name)'s public address \(publicAddress) to \(address)",
                      ko: "\(name)의 퍼블릭 주소 \(Korean.object("\(publicAddress)")) \(Korean.toward("\(address)")) 바꿔요")
    }

    /// `groups` is empty when the instance has no named group to blame.
    static func noOutboundRule(_ groups: String, traffic: String, destination: String, destinationKo: String) -> LocalizedText {
        LocalizedText(en: "no outbound rule of \(groups.isEmpty ? "its security groups" : groups) allows \(traffic) to \(destination)",
                      ko: "\(groups.isEmpty ? "보안 그룹" : groups)의 아웃바운드 규칙 중 \(Korean.toward("\(destinationKo)")) 가는 \(Korean.object("\(traffic)")) 허용하는 것이 없어요")
    }

    /// What a near miss's peer is: addresses, a security group the sender is not in, or
    /// a name that matches nothing (an instance's name where a group's belongs).
    enum NearMissPeer {
        case addresses, group, nothing

        init(_ peer: PeerSet) {
            switch peer {
            case .cidr: self = .addresses
            case .group: self = .group
            case .nothing: self = .nothing
            }
        }
    }

    /// No inbound rule admits the traffic; `nearMiss` is the peer a rule for this port
    /// admits instead, `nearMissIsPublic` when that peer is a public address while the
    /// traffic comes from a private one, `groupReferenceMissesPublic` when a group reference
    /// would match but the traffic arrives from a public address.
    static func noInboundRule(
        _ groups: String, owner: String, traffic: String, source: String, sourceKo: String,
        nearMiss: String?, nearMissPeer: NearMissPeer = .addresses, nearMissIsPublic: Bool, groupReferenceMissesPublic: Bool
    ) -> LocalizedText {
        var en = "no inbound rule of \(groups.isEmpty ? "\(owner)'s security groups" : groups) allows \(traffic) from \(source)"
        var ko = "\(groups.isEmpty ? "\(owner)의 보안 그룹" : groups)의 인바운드 규칙 중 \(sourceKo)에서 오는 \(Korean.object("\(traffic)")) 허용하는 것이 없어요"
        if let nearMiss {
            switch nearMissPeer {
            case .nothing:
                en += "; the rule for this port names `\(nearMiss)`, which is no security group, so it admits nobody"
                ko += ". 이 포트 규칙에 적힌 \(Korean.topic("`\(nearMiss)`")) 보안 그룹이 아니라서 아무도 허용하지 않아요"
            case .group:
                en += "; the rule for this port admits only members of security group `\(nearMiss)`, and \(source) is not one"
                ko += ". 이 포트 규칙은 보안 그룹 `\(nearMiss)`에 속한 곳만 허용하는데, \(Korean.topic(sourceKo)) 이 그룹에 속해 있지 않아요"
            case .addresses:
                en += "; the rule for this port admits only \(nearMiss)"
                ko += ". 이 포트 규칙은 \(nearMiss)만 허용해요"
            }
            if nearMissIsPublic {
                en += " (a public address: inside the VPC, traffic arrives from private addresses — name the sender's security group instead)"
                ko += " (퍼블릭 주소예요. VPC 안에서는 트래픽이 프라이빗 주소에서 오니, 보내는 쪽의 보안 그룹 이름을 적어 주세요)"
            }
        }
        if groupReferenceMissesPublic {
            en += " (a security-group reference matches private addresses only; this traffic arrives from a public one)"
            ko += " (보안 그룹 참조는 프라이빗 주소에만 맞아요. 이 트래픽은 퍼블릭 주소에서 와요)"
        }
        return LocalizedText(en: en, ko: ko)
    }

    /// Several ACL rules allow the atoms of one flow between them.
    static func aclAllowedByRules(
        _ direction: String, traffic: String, inbound: Bool, peer: String, rules: String, flowKo: String, directionKo: String, rulesKo: String
    ) -> LocalizedText {
        LocalizedText(en: "\(direction) \(traffic) \(inbound ? "from" : "to") \(peer) allowed by \(rules)",
                      ko: "\(Korean.object(flowKo)) 허용해요(\(directionKo) \(rulesKo))")
    }

    static func aclAllowedByRule(_ direction: String, traffic: String, inbound: Bool, peer: String, rule: String, flowKo: String, ruleKo: String) -> LocalizedText {
        LocalizedText(en: "\(direction) \(traffic) \(inbound ? "from" : "to") \(peer) allowed by \(rule)",
                      ko: "\(Korean.object(flowKo)) 허용해요(\(ruleKo))")
    }

    static func aclDeniedByRule(
        _ direction: String, traffic: String, inbound: Bool, peer: String, rule: String, acl: String, subnet: String, flowKo: String, ruleKo: String
    ) -> LocalizedText {
        LocalizedText(en: "\(direction) \(traffic) \(inbound ? "from" : "to") \(peer) denied by \(rule) of \(acl) (on \(subnet))",
                      ko: "\(subnet)의 \(Korean.subject(acl)) \(Korean.object(flowKo)) 막아요(\(ruleKo), 거부)")
    }

    /// The final `*` rule; `hasNoRules` for a custom ACL that lists none.
    static func aclImplicitDeny(
        _ direction: String, acl: String, subnet: String, traffic: String, inbound: Bool, peer: String, hasNoRules: Bool, flowKo: String, directionKo: String
    ) -> LocalizedText {
        LocalizedText(en: "no \(direction) rule of \(acl) (on \(subnet)) matches \(traffic) \(inbound ? "from" : "to") \(peer): the final * rule denies it\(hasNoRules ? " (a custom ACL with no rules denies everything)" : "")",
                      ko: "\(subnet)의 \(acl)에는 \(flowKo)에 맞는 \(directionKo) 규칙이 없어서 마지막 `*` 규칙이 막아요\(hasNoRules ? " (규칙이 없는 사용자 ACL은 모두 막아요)" : "")")
    }

    static func replyBlocked(
        _ direction: String, subnet: String, ports: PortRange, inbound: Bool, peer: String, acl: String, directionKo: String, peerKo: String
    ) -> LocalizedText {
        LocalizedText(en: "the reply (\(direction) on \(subnet), to ports \(ports) \(inbound ? "from" : "to") \(peer)) is not allowed by \(acl): network ACLs are stateless",
                      ko: "응답(\(subnet)의 \(directionKo), 포트 \(ports), \(peerKo))을 \(Korean.subject("\(acl)")) 허용하지 않아요. 네트워크 ACL은 상태를 기억하지 않아요")
    }

    static func replyAllowedOnly(_ direction: String, subnet: String, allowed: [PortRange], missing: [PortRange], directionKo: String) -> LocalizedText {
        let allowed = allowed.map(\.description).joined(separator: ", "), missing = missing.map(\.description).joined(separator: ", ")
        return LocalizedText(en: "reply \(direction) on \(subnet) allowed only for ports \(allowed); clients using \(missing) get no reply",
                             ko: "\(subnet)의 \(directionKo) 응답이 포트 \(allowed)에만 허용돼요. \(Korean.object("\(missing)")) 쓰는 클라이언트는 응답을 못 받아요")
    }

    static func middleboxLoops(_ table: String, address: IPv4Address, target: String?) -> LocalizedText {
        LocalizedText(en: "\(table) sends traffic for \(address) via \(target ?? "?") again: it loops",
                      ko: "\(Korean.subject(table)) \(Korean.toward("\(address)")) 가는 트래픽을 다시 \(target ?? "?") 쪽으로 보내서 빙빙 돌아요")
    }

    static func everyCandidateDown(_ role: String, downs: [LocalizedText]) -> LocalizedText {
        LocalizedText(en: "every component playing \(role) is down: \(downs.map(\.en).joined(separator: "; "))",
                      ko: "\(role) 역할을 맡은 구성 요소가 모두 꺼져 있어요: \(downs.map { $0.text(.ko) }.joined(separator: "; "))")
    }

    /// A load balancer with no target to send to: none listed, or none alive and
    /// reachable (`why` is the first target's failure).
    static func noHealthyTarget(_ loadBalancer: String, listener: Int, hasTargets: Bool, targetPort: Int, why: LocalizedText?) -> LocalizedText {
        hasTargets
            ? LocalizedText(en: "no target of \(loadBalancer) is alive and reachable on port \(targetPort)\(why.map { ": \($0.en)" } ?? "")",
                            ko: "\(loadBalancer)의 대상 중 살아 있고 포트 \(Korean.toward("\(targetPort)")) 접속할 수 있는 것이 없어요\(why.map { ": \($0.text(.ko))" } ?? "")")
            : LocalizedText(en: "\(loadBalancer)'s listener \(listener) has no targets", ko: "\(loadBalancer)의 리스너 \(listener)에 대상이 없어요")
    }
}
