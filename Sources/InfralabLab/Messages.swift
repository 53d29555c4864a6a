import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Every grading message a learner reads, English and Korean, in one place.
enum Messages {
    static func selectsNothing(_ selector: Selector) -> LocalizedText {
        switch selector.form {
        case .role(let role):
            LocalizedText(en: "nothing in your topology plays the role `\(role)` (give the component `role: \(role)`)",
                          ko: "토폴로지에 `\(role)` 역할을 하는 것이 없어요 (해당 구성 요소에 `role: \(Korean.object("\(role)`")) 적어 주세요)")
        case .kind:
            LocalizedText(en: "your topology has no \(selectorWords(selector).en)", ko: "토폴로지에 \(Korean.subject(selectorWords(selector).ko)) 없어요")
        case .name(let name):
            LocalizedText(en: "your topology has nothing named `\(name)`", ko: "토폴로지에 \(Korean.quoting("`\(name)`")) 이름이 없어요")
        case .internet, .all:
            LocalizedText(en: "nothing matches `\(selector)`", ko: "`\(selector)`에 해당하는 것이 없어요")
        }
    }

    /// What a selector picks, in words rather than its syntax (`kind:subnet-public` is
    /// "public subnet", `role:was` "what plays the role `was`").
    static func selectorWords(_ selector: Selector) -> (en: String, ko: String) {
        switch selector.form {
        case .name(let name): return ("`\(name)`", "`\(name)`")
        case .role(let role): return ("what plays the role `\(role)`", "`\(role)` 역할을 하는 구성 요소")
        case .internet: return ("the internet", "인터넷")
        case .all: return ("everything", "모든 구성 요소")
        case .kind(let kind):
            switch kind {
            case "subnet-public": return ("public subnet", "퍼블릭 서브넷")
            case "subnet-private": return ("private subnet", "프라이빗 서브넷")
            default:
                if let component = ComponentKind(rawValue: kind) { return (component.words.en, component.words.text(.ko)) }
                return ("\(kind) site or host", "`\(kind)` 종류의 사이트나 호스트")
            }
        }
    }

    static func flowWords(_ query: FlowQuery) -> (en: String, ko: String) {
        let proto = query.protocol == .icmp ? "ICMP" : "\(query.protocol.rawValue.uppercased()) \(query.port)"
        return ("\(query.source) → \(query.destination) (\(proto))", "\(query.source) → \(query.destination) (\(proto))")
    }

    static func shouldReach(_ query: FlowQuery) -> LocalizedText {
        let w = flowWords(query)
        return LocalizedText(en: "\(w.en) should get through, but it is blocked", ko: "\(w.ko) 연결이 통해야 하는데 막혀 있어요")
    }

    /// Reachable for some clients only: the reply range a network ACL leaves out.
    static func partial(_ result: FlowResult) -> LocalizedText {
        let w = flowWords(result.query)
        let ranges = result.missingClientPorts.map(\.description).joined(separator: ", ")
        let line = result.reason.location.map { " (line \($0.line))" } ?? ""
        let lineKo = result.reason.location.map { " (\($0.line)번째 줄)" } ?? ""
        return LocalizedText(
            en: "\(w.en) must get through for every client, but replies to client ports \(ranges) are blocked; widen the reply rule\(line) to 1024-65535",
            ko: "\(w.ko) 연결은 모든 클라이언트에게 통해야 하는데, 클라이언트 포트 \(ranges)에 보내는 응답이 막혀 있어요. 응답 규칙을 1024-65535로 넓혀 주세요\(lineKo)")
    }

    /// Reached through a forward, a tunnel or a relay: the path and the line that opens it.
    static func exposedVia(_ open: OpenPath) -> LocalizedText {
        let query = open.result.query
        let line = open.path.line.map { "line \($0.line)" } ?? "?"
        let lineKo = open.path.line.map { "\($0.line)번째 줄" } ?? "?"
        if let relay = open.path.through {
            return LocalizedText(
                en: "\(query.source) reaches \(query.destination) through \(relay): port \(query.port) of \(relay) is passed on to it (\(line)); it should not be reachable at all",
                ko: "\(query.source)에서 \(Korean.object("`\(relay)`")) 거쳐 \(query.destination)에 접속할 수 있어요. `\(relay)`의 \(query.port)번 포트가 그쪽으로 전달돼요(\(lineKo)). 어떤 경로로도 접속할 수 없어야 해요")
        }
        return LocalizedText(
            en: "\(query.source) reaches \(query.destination) through the outside port \(query.port) of a port forward or tunnel (\(line)); it should not be reachable at all",
            ko: "포트 포워딩이나 터널의 바깥 포트 \(query.port)번으로 \(query.source)에서 \(query.destination)에 접속할 수 있어요(\(lineKo)). 어떤 경로로도 접속할 수 없어야 해요")
    }

    /// A direct path from outside opened by a route or a public address, not a rule.
    static func openedBy(_ opened: OpenedBy) -> LocalizedText {
        let server = "`\(opened.server)`"
        switch opened.cause {
        case .route(let b):
            return LocalizedText(
                en: "It comes in at \(server)'s public address, and the route table `\(b.table)` of its subnet `\(opened.subnet)` sends \(b.destination) to internet gateway `\(b.gateway)` (line \(b.routeLine)), so that subnet talks to the internet directly: remove that route",
                ko: "\(server)의 퍼블릭 주소로 들어와요. \(Korean.subject(server)) 있는 서브넷 `\(opened.subnet)`의 라우팅 테이블 \(Korean.subject("`\(b.table)`")) \(Korean.object(b.destination)) 인터넷 게이트웨이 \(Korean.toward("`\(b.gateway)`")) 보내서(\(b.routeLine)번째 줄) 이 서브넷이 인터넷과 바로 통신해요. 이 라우트를 지워 주세요")
        case .publicIP(let setting):
            return LocalizedText(
                en: "It comes in at \(server)'s public address (`\(setting)`), and no rule of \(server) serves the whole internet: remove the public address",
                ko: "\(server)의 퍼블릭 주소(`\(setting)`)로 들어와요. \(server)에는 인터넷 전체에 열어 둔 규칙이 없으니 퍼블릭 주소를 없애 주세요")
        }
    }

    static func shouldReachThrough(_ query: FlowQuery) -> LocalizedText {
        let w = flowWords(query)
        let via = query.through ?? "?"
        return LocalizedText(en: "\(w.en) through \(via) should get through, but it is blocked",
                             ko: "\(Korean.object("\(via)")) 거치는 \(w.ko) 연결이 통해야 하는데 막혀 있어요")
    }

    static func shouldNotReach(_ query: FlowQuery) -> LocalizedText {
        let w = flowWords(query)
        let address = query.address == .auto ? "" : " (\(query.address.rawValue) address)"
        let addressKo = query.address == .auto ? "" : " (\(query.address == .public ? "퍼블릭" : "프라이빗") 주소)"
        return LocalizedText(en: "\(w.en)\(address) gets through, and it must not", ko: "\(w.ko)\(addressKo) 연결이 통해요. 이 연결은 막혀 있어야 해요")
    }

    static let noServiceDefined = LocalizedText(
        en: "this mission defines no `service:`, so `service-answers` cannot be checked (a mission bug)",
        ko: "이 미션에 `service:`가 없어서 `service-answers`를 검사할 수 없어요 (미션 오류)")

    /// The finding's incidents are not repeated here: screens put "During …:" above the
    /// message, reports before it (`UIText.during(_:message:)`), JSON in `incidents`.
    static let serviceDown = LocalizedText(en: "the service does not answer", ko: "서비스가 응답하지 않아요")

    static func placement(_ name: String, subnet: String, wantPublic: Bool, because: PublicBecause? = nil) -> LocalizedText {
        if let b = because {
            let route = "sends \(b.destination) to internet gateway `\(b.gateway)` (line \(b.routeLine))"
            let routeKo = "\(Korean.object(b.destination)) 인터넷 게이트웨이 \(Korean.toward("`\(b.gateway)`")) 보내요(\(b.routeLine)번째 줄)"
            return b.isImplicitMain
                ? LocalizedText(en: "`\(name)` sits in `\(subnet)`, a public subnet: `\(subnet)` names no route table, so it uses the VPC's main table `\(b.table)` (`main: true`, line \(b.tableLine)), which \(route)",
                                ko: "\(Korean.topic("`\(name)`")) 퍼블릭 서브넷 `\(subnet)`에 있어요. `\(subnet)`에 라우팅 테이블이 지정되지 않아서 VPC의 기본 라우팅 테이블 `\(b.table)`(`main: true`, \(b.tableLine)번째 줄)을 써요. 이 테이블이 \(routeKo)")
                : LocalizedText(en: "`\(name)` sits in `\(subnet)`, a public subnet: its route table `\(b.table)` \(route)",
                                ko: "\(Korean.topic("`\(name)`")) 퍼블릭 서브넷 `\(subnet)`에 있어요. 라우팅 테이블 \(Korean.subject("`\(b.table)`")) \(routeKo)")
        }
        return wantPublic
            ? LocalizedText(en: "`\(name)` sits in `\(subnet)`, a private subnet (its route table has no route to an internet gateway)",
                            ko: "\(Korean.subject("`\(name)`")) 프라이빗 서브넷 `\(subnet)`에 있어요 (라우팅 테이블에 인터넷 게이트웨이로 가는 경로가 없어요)")
            : LocalizedText(en: "`\(name)` sits in `\(subnet)`, a public subnet (its route table sends traffic to an internet gateway)",
                            ko: "\(Korean.subject("`\(name)`")) 퍼블릭 서브넷 `\(subnet)`에 있어요 (라우팅 테이블이 인터넷 게이트웨이로 트래픽을 보내요)")
    }

    static func spread(_ selector: Selector, found: [String], atLeast: Int) -> LocalizedText {
        let zones = found.isEmpty ? "none" : found.joined(separator: ", ")
        let zonesKo = found.isEmpty ? "없음" : found.joined(separator: ", ")
        let w = selectorWords(selector)
        let isKind = { if case .kind = selector.form { return true } else { return false } }()
        let what = isKind ? "the " + countable(w.en, selector) : w.en
        return LocalizedText(en: "\(what) \(isKind ? "span" : "spans") \(found.count) availability zone\(found.count == 1 ? "" : "s") (\(zones)); at least \(atLeast) needed",
                             ko: "\(Korean.subject(w.ko)) 가용 영역 \(found.count)개(\(zonesKo))에만 있어요. 적어도 \(atLeast)개가 필요해요")
    }

    static func natOtherAZ(subnet: String, zone: String?, nat: String, natZone: String?) -> LocalizedText {
        LocalizedText(en: "`\(subnet)` (\(zone ?? "no AZ")) sends its internet traffic to `\(nat)` in \(natZone ?? "no AZ"): if that AZ fails, `\(subnet)` is cut off",
                      ko: "\(zone.map { "\($0)에 있는 " } ?? "AZ가 정해지지 않은 ")\(Korean.subject("`\(subnet)`")) 인터넷 트래픽을 다른 가용 영역(\(natZone ?? "AZ 없음"))의 NAT 게이트웨이 \(Korean.toward("`\(nat)`")) 보내요. 그 AZ가 멈추면 `\(subnet)`도 인터넷에 나가지 못해요")
    }

    static let noSubnetUsesNAT = LocalizedText(
        en: "no private subnet sends its default route (0.0.0.0/0) to a NAT gateway",
        ko: "기본 경로(0.0.0.0/0)를 NAT 게이트웨이로 보내는 프라이빗 서브넷이 없어요")

    static func publicAddress(_ name: String, _ expectation: PublicAddressExpectation) -> LocalizedText {
        switch expectation {
        case .elastic:
            LocalizedText(en: "`\(name)` has no Elastic IP (an auto-assigned public IP changes when the instance stops and starts)",
                          ko: "`\(name)`에 탄력적 IP가 없어요 (자동으로 할당된 퍼블릭 IP는 인스턴스를 껐다 켜면 바뀌어요)")
        case .public:
            LocalizedText(en: "`\(name)` has no public address", ko: "`\(name)`에 퍼블릭 주소가 없어요")
        case .none:
            LocalizedText(en: "`\(name)` has a public address it should not have", ko: "`\(name)`에 있으면 안 되는 퍼블릭 주소가 있어요")
        }
    }

    static func balancerNeedsAlias(_ name: String) -> LocalizedText {
        LocalizedText(en: "load balancer `\(name)` has no fixed address of its own (AWS changes its IPs): give it a stable name with a DNS alias record (`{ name: \"@\", type: ALIAS, value: \(name) }`)",
                      ko: "로드 밸런서 `\(name)`에는 고정 주소가 없어요(AWS가 IP를 바꿔요). DNS 별칭 레코드(`{ name: \"@\", type: ALIAS, value: \(name) }`)로 바뀌지 않는 이름을 붙여 주세요")
    }

    /// The addresses port `port` of `owner` admits, all its groups' rules together, are
    /// more than a /`minPrefix` block holds; `rules` are the rules that add up to it.
    static func openRule(owner: String, port: Int, admitted: String, rules: [String], minPrefix: Int) -> LocalizedText {
        let limit = minPrefix >= 32 ? "a single address (/32)" : "at most a /\(minPrefix) (\(1 << (32 - minPrefix)) addresses)"
        let limitKo = minPrefix >= 32 ? "주소 하나(/32)" : "/\(minPrefix) 하나 크기(주소 \(1 << (32 - minPrefix))개)"
        let list = rules.joined(separator: ", ")
        let whole = admitted == "0.0.0.0/0"
        let en = whole ? "the whole internet (0.0.0.0/0)" : admitted
        let ko = whole ? "인터넷 전체(0.0.0.0/0)" : admitted
        return LocalizedText(
            en: "port \(port) of `\(owner)` is open to \(en): \(list) add up to more than \(limit); allow \(limit) or another security group",
            ko: "`\(owner)`의 \(port)번 포트가 \(ko)에 열려 있어요. \(list) 규칙을 합치면 \(limitKo)보다 넓어요. \(Korean.or(limitKo)) 다른 보안 그룹만 허용해 주세요")
    }

    static func tooFew(_ selector: Selector, found: Int, atLeast: Int) -> LocalizedText {
        let w = selectorWords(selector)
        return LocalizedText(en: "your topology has \(found) \(countable(w.en, selector, count: found)); at least \(atLeast) needed",
                             ko: "\(Korean.subject(w.ko)) \(found)개 있어요. 적어도 \(atLeast)개가 필요해요")
    }

    static func tooMany(_ selector: Selector, found: [String], atMost: Int) -> LocalizedText {
        let list = found.map { "`\($0)`" }.joined(separator: ", ")
        let w = selectorWords(selector)
        return atMost == 0
            ? LocalizedText(en: "\(list) should be gone (no \(countable(w.en, selector)) may remain)",
                            ko: "\(Korean.subject("\(list)")) 남아 있어요. \(Korean.topic(w.ko)) 없어야 해요")
            : LocalizedText(en: "your topology has \(found.count) \(countable(w.en, selector, count: found.count)) (\(list)); at most \(atMost) allowed",
                            ko: "\(Korean.subject(w.ko)) \(found.count)개(\(list)) 있어요. 많아야 \(atMost)개까지예요")
    }

    /// A kind's words counted ("NAT gateways"); a role or name as it is.
    static func countable(_ words: String, _ selector: Selector, count: Int = 2) -> String {
        if case .kind = selector.form, count != 1 { return words + "s" }
        return words
    }

    /// The WAS wearing the proxy's group: whose group it is and what to change.
    static func borrowedGroup(_ b: BorrowedGroup) -> LocalizedText {
        LocalizedText(
            en: "Instance `\(b.wearer)` carries security group `\(b.group)`, which belongs to instance `\(b.owner)`: its rules are written for `\(b.owner)`. Give `\(b.wearer)` a security group of its own in its `security-groups:`",
            ko: "인스턴스 `\(b.wearer)`에 인스턴스 `\(b.owner)`의 보안 그룹 \(Korean.subject("`\(b.group)`")) 붙어 있어요. 이 그룹의 규칙은 `\(b.owner)`에 맞춰 쓴 거예요. `\(b.wearer)`의 `security-groups:`에는 따로 만든 보안 그룹을 적어 주세요")
    }

    static func notSeparate(_ name: String, _ roles: [String]) -> LocalizedText {
        let list = roles.joined(separator: " + ")
        return LocalizedText(en: "`\(name)` plays \(list) on one machine: when it goes down, all of them go down together",
                             ko: "`\(name)` 한 대가 \(Korean.object("\(list)")) 모두 맡고 있어요. 이 장비가 멈추면 전부 함께 멈춰요")
    }
}
