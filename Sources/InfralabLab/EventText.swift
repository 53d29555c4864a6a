import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Messages about story events, in both languages (one place, one style).
enum EventText {
    static func fileDoesNotLoad(_ why: LocalizedText) -> LocalizedText {
        LocalizedText(en: "your file has an error, so the story's changes cannot be written into it: \(why.en)",
                      ko: "파일에 오류가 있어서 이야기 속 변경을 써 넣을 수 없어요: \(why.text(.ko))")
    }

    static func wouldNotLoad(_ why: LocalizedText, line: Int?) -> LocalizedText {
        let at = line.map { " (line \($0) of the changed file)" } ?? ""
        let atKo = line.map { " (바뀐 파일의 \($0)번째 줄)" } ?? ""
        return LocalizedText(en: "with the story's changes your file would not load\(at): \(why.en)",
                             ko: "이야기 속 변경을 넣으면 파일을 불러올 수 없게 돼요\(atKo): \(why.text(.ko))")
    }

    static func nameTaken(_ name: String, section: String) -> LocalizedText {
        LocalizedText(en: "the story adds `\(name)` under `\(section)`, but your file already uses the name `\(name)` for something else",
                      ko: "이야기에서 `\(section)` 아래에 `\(name)` 항목을 추가하는데, 파일에서 이미 같은 이름을 다른 것에 쓰고 있어요")
    }

    static func sectionNotMapping(_ section: String) -> LocalizedText {
        LocalizedText(en: "the story adds an entry under `\(section)`, but that section in your file is not a mapping of names",
                      ko: "이야기에서 `\(section)` 아래에 항목을 추가하는데, 파일의 이 섹션은 이름: 값 매핑이 아니에요")
    }

    static func notEditable(_ name: String) -> LocalizedText {
        LocalizedText(en: "the story changes `\(name)`, but it is not written as a mapping (key: value pairs) infralab can add to",
                      ko: "이야기에서 `\(name)` 항목을 바꾸는데, 이 항목이 infralab이 덧붙일 수 있는 매핑(키: 값 목록)으로 쓰여 있지 않아요")
    }

    static func selectsNothing(_ selector: String) -> LocalizedText {
        LocalizedText(en: "the story's change is about `\(selector)`, and nothing in your file matches it",
                      ko: "이야기 속 변경은 `\(selector)`에 관한 건데, 파일에 해당하는 것이 없어요")
    }

    static func noHost(_ selector: String) -> LocalizedText {
        LocalizedText(en: "the story forwards a port to `\(selector)`, but no host in a site (`hosts:`) matches it",
                      ko: "이야기에서 `\(selector)`에 포트를 포워딩하는데, 사이트의 호스트(`hosts:`) 중에 해당하는 것이 없어요")
    }

    static func portTaken(_ port: Int, site: String, target: String) -> LocalizedText {
        LocalizedText(en: "the story forwards port \(port) on `\(site)`, but your file already forwards it to `\(target)`",
                      ko: "이야기에서 `\(site)`의 \(port)번 포트를 포워딩하는데, 파일에서 이미 `\(target)` 쪽으로 포워딩하고 있어요")
    }

    static func noSecurityGroup(_ name: String) -> LocalizedText {
        LocalizedText(en: "the story adds a rule to the security group of `\(name)`, but `\(name)` lists no `security-groups:`",
                      ko: "이야기에서 `\(name)` 인스턴스의 보안 그룹에 규칙을 추가하는데, 이 인스턴스에는 `security-groups:`가 없어요")
    }

    static func noSubnet(_ name: String) -> LocalizedText {
        LocalizedText(en: "the story needs the subnet of `\(name)`, and `\(name)` is in none",
                      ko: "이야기에 `\(name)` 인스턴스의 서브넷이 필요한데, 이 인스턴스는 어느 서브넷에도 없어요")
    }

    static func noRouteTable(_ subnet: String) -> LocalizedText {
        LocalizedText(en: "the story adds a route for subnet `\(subnet)`, but its route table is not written in your file (it uses the VPC's implicit main table)",
                      ko: "이야기에서 서브넷 `\(subnet)`에 경로를 추가하는데, 이 서브넷의 라우팅 테이블이 파일에 없어요 (VPC의 암묵적인 기본 테이블을 써요)")
    }

    static func noGateway(_ vpc: String) -> LocalizedText {
        LocalizedText(en: "the story needs the internet gateway of VPC `\(vpc)`, and it has none",
                      ko: "이야기에 VPC `\(vpc)`의 인터넷 게이트웨이가 필요한데, 이 VPC에는 인터넷 게이트웨이가 없어요")
    }

    static func noSibling(_ subnet: String) -> LocalizedText {
        LocalizedText(en: "the story needs a subnet like `\(subnet)` in another availability zone, and your file has none",
                      ko: "이야기에 `\(subnet)` 서브넷과 같은 종류의 서브넷이 다른 가용 영역(AZ)에 필요한데, 파일에 없어요")
    }

    static func ambiguous(_ selector: String, _ names: [String]) -> LocalizedText {
        let list = names.map { "`\($0)`" }.joined(separator: ", ")
        return LocalizedText(en: "the story's change is about `\(selector)`, which is ambiguous in your file: \(list) give different answers",
                             ko: "이야기 속 변경은 `\(selector)`에 관한 건데, 파일에서는 \(list) 중 어느 것인지 정할 수 없어요")
    }
}

extension EventText {
    static func noNetworkACL(_ subnet: String) -> LocalizedText {
        LocalizedText(en: "the story changes the network ACL of subnet `\(subnet)`, but your file gives it none (it uses the VPC's default ACL)",
                      ko: "이야기에서 서브넷 `\(subnet)`의 네트워크 ACL을 바꾸는데, 파일에서 이 서브넷에 ACL을 붙이지 않았어요 (VPC의 기본 ACL을 써요)")
    }

    static func aclRuleTaken(_ number: Int, acl: String, direction: String) -> LocalizedText {
        LocalizedText(en: "the story adds \(direction) rule \(number) to network ACL `\(acl)`, but your file already uses number \(number) there for another rule",
                      ko: "이야기에서 네트워크 ACL `\(acl)`에 \(direction == "inbound" ? "인바운드" : "아웃바운드") 규칙 \(number)번을 추가하는데, 파일에서 이미 그 번호를 다른 규칙에 쓰고 있어요")
    }

    static func noCommonBlock(_ selector: String, _ subnets: [String]) -> LocalizedText {
        let list = subnets.map { "`\($0)`" }.joined(separator: ", ")
        return LocalizedText(en: "the story needs one address block for `\(selector)`, but in your file \(list) do not form one (the block holding them holds other subnets too)",
                             ko: "이야기에 `\(selector)`의 주소 블록 하나가 필요한데, 파일에서 \(list) 서브넷은 한 블록으로 묶이지 않아요 (이 서브넷들을 담는 블록에 다른 서브넷도 들어가요)")
    }
}
