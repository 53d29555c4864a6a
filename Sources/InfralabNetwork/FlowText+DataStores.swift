import InfralabSyntax
import InfralabTopology

/// The flow engine's messages about databases and caches (`DataStores.swift`).
extension FlowText {
    static func standbyTakesOver(incident: String, zone: String) -> LocalizedText {
        LocalizedText(en: "the primary is down (incident \(incident)); the standby in \(zone) takes over (`multi-az: true`)",
                      ko: "주 인스턴스가 꺼져서(장애 \(incident)) \(zone)에 있는 대기 인스턴스가 이어받아요 (`multi-az: true`)")
    }

    static func storeDownBothCopies(_ what: LocalizedText, _ name: String, incident: String) -> LocalizedText {
        LocalizedText(en: "\(what.en) \(name) is down (incident \(incident)): its primary and its standby are both out",
                      ko: "\(what.ko ?? what.en) \(Korean.subject(name)) 꺼져 있어요 (장애 \(incident)): 주 인스턴스와 대기 인스턴스가 모두 멈췄어요")
    }

    static func storeDownNoStandbySubnet(_ what: LocalizedText, _ name: String, incident: String) -> LocalizedText {
        LocalizedText(en: "\(what.en) \(name) is down (incident \(incident)): `multi-az: true`, but its subnet group has no subnet in another AZ for a standby",
                      ko: "\(what.ko ?? what.en) \(Korean.subject(name)) 꺼져 있어요 (장애 \(incident)): `multi-az: true`지만 서브넷 그룹에 대기 인스턴스를 둘 다른 AZ의 서브넷이 없어요")
    }

    static func storeDownSingleAZ(_ what: LocalizedText, _ name: String, incident: String, zone: String) -> LocalizedText {
        LocalizedText(en: "\(what.en) \(name) is down (incident \(incident)): its only copy runs in \(zone), and without `multi-az: true` no standby takes over",
                      ko: "\(what.ko ?? what.en) \(Korean.subject(name)) 꺼져 있어요 (장애 \(incident)): 유일한 인스턴스가 \(zone)에 있고, `multi-az: true`가 아니라서 이어받을 대기 인스턴스가 없어요")
    }

    static func storeNeverStarts(_ name: String, what: LocalizedText, isDatabase: Bool, port: Int) -> LocalizedText {
        LocalizedText(en: "\(name) is a managed \(what.en): it answers connections on port \(port) but never starts one",
                      ko: "\(Korean.topic(name)) \(isDatabase ? "관리형 데이터베이스라서" : "관리형 캐시라서") \(port)번 포트로 연결을 받기만 하고, 먼저 연결을 시작하지 않아요")
    }

    static let storePrivateFromOutside = LocalizedText(
        en: "a private address cannot be reached from outside its VPC", ko: "프라이빗 주소로는 VPC 밖에서 접속할 수 없어요")

    static func storeNotInSubnet(_ name: String) -> LocalizedText {
        LocalizedText(en: "\(name) is not in any known subnet", ko: "\(Korean.subject(name)) 알려진 서브넷에 있지 않아요")
    }

    static func storeNotPubliclyAccessible(_ name: String, source: String, sourceKo: String) -> LocalizedText {
        LocalizedText(en: "\(name) is not publicly accessible (`publicly-accessible:` is not true): it has no public address, so it cannot be reached from \(source)",
                      ko: "\(Korean.topic(name)) 퍼블릭 접근이 꺼져 있어서(`publicly-accessible:`이 true가 아니에요) 퍼블릭 주소가 없어요. \(sourceKo)에서 접속할 수 없어요")
    }
}
