import InfralabSyntax
import InfralabLab

/// `infralab cost` on screen (a table that fits the width) and as JSON.
package struct CostScreen {
    var colorize: Bool
    var language: Language
    var width: Int

    package init(colorize: Bool, language: Language, width: Int) {
        self.colorize = colorize
        self.language = language
        self.width = width
    }

    package func render(_ estimate: CostEstimate, file: String) -> String {
        let table = estimate.table
        let style = TextStyle(colorize: colorize)
        var out: [String] = []
        out += wrapped(text(LocalizedText(en: "Monthly estimate for \(file) (\(table.region), \(table.currency))",
                                          ko: "\(file)의 월 예상 비용 (\(table.region), \(table.currency))")), toWidth: width).map(style.bold)
        out += wrapped(text(LocalizedText(en: "Prices as of \(table.date), from \(table.source); \(fixedPoint(table.hoursPerMonth, 0)) hours a month.",
                                          ko: "\(table.date) 기준 가격, 출처: \(table.source). 한 달은 \(fixedPoint(table.hoursPerMonth, 0))시간으로 계산해요.")),
                           toWidth: width).map(style.dim)
        out.append("")
        let header = row(text(LocalizedText(en: "Component", ko: "구성 요소")), text(LocalizedText(en: "Charge", ko: "항목")),
                         text(LocalizedText(en: "Hours", ko: "시간")), text(LocalizedText(en: "Per hour", ko: "시간당")),
                         text(LocalizedText(en: "Monthly", ko: "월 비용")))
        out.append(style.bold(header))
        for line in estimate.lines {
            let hours = line.hours.map { fixedPoint($0, 0) } ?? "–"
            let unit = line.hours == nil ? text(LocalizedText(en: "\(fixedPoint(line.unitPrice, 2))/mo", ko: "월 \(fixedPoint(line.unitPrice, 2))"))
                : fixedPoint(line.unitPrice, 4)
            out.append(row(line.component, charge(line), hours, unit, fixedPoint(line.monthly, 2)))
        }
        out.append(String(repeating: "─", count: displayWidth(of: header)))
        out.append(style.bold(row(text(LocalizedText(en: "Total", ko: "합계")), "", "", "", fixedPoint(estimate.total, 2))))
        out.append("")
        let natShare = estimate.lines.filter { $0.kind == .natGateway || ($0.kind == .publicIPv4 && estimate.natNames.contains($0.component)) }
            .reduce(0) { $0 + $1.monthly }
        if estimate.total > 0 && natShare > 0 {
            let percent = Int((natShare / estimate.total * 100).rounded())
            out += wrapped(style.yellow(text(LocalizedText(
                en: "NAT gateways are \(percent)% of this bill before a single byte goes through them: each one is charged every hour it exists, in every AZ.",
                ko: "데이터가 한 바이트도 지나가기 전에 NAT 게이트웨이가 이 비용의 \(percent)%를 차지해요. NAT 게이트웨이는 존재하는 동안 AZ마다 매시간 요금이 붙어요."))),
                           toWidth: width)
        }
        out += wrapped(text(notIncluded(estimate)), toWidth: width)
        out += wrapped(text(LocalizedText(
            en: "Free on their own: VPCs, subnets, route tables, internet gateways, security groups and network ACLs. Sites and hosts are not AWS and are not priced.",
            ko: "VPC, 서브넷, 라우팅 테이블, 인터넷 게이트웨이, 보안 그룹, 네트워크 ACL은 그 자체로는 무료예요. 사이트와 호스트는 AWS가 아니어서 계산하지 않아요.")),
                       toWidth: width).map(style.dim)
        return out.joined(separator: "\n") + "\n"
    }

    func notIncluded(_ estimate: CostEstimate) -> LocalizedText {
        let table = estimate.table
        var en = ["data transfer out of AWS"], ko = ["AWS 밖으로 나가는 데이터 전송"]
        if estimate.natGatewayCount > 0 {
            en.insert("data processed by NAT gateways (\(fixedPoint(table.natGatewayGB, 3)) per GB, in either direction)", at: 0)
            ko.insert("NAT 게이트웨이가 처리하는 데이터(방향과 상관없이 GB당 \(fixedPoint(table.natGatewayGB, 3)))", at: 0)
        }
        if estimate.loadBalancerCount > 0 {
            en.insert("load balancer capacity units (\(fixedPoint(table.applicationLoadBalancer.capacityUnitHour, 3)) per LCU-hour)", at: 1)
            ko.insert("로드 밸런서 용량 단위(LCU 시간당 \(fixedPoint(table.applicationLoadBalancer.capacityUnitHour, 3)))", at: 1)
        }
        return LocalizedText(en: "Not included, as they depend on traffic: " + en.joined(separator: ", ") + ".",
                             ko: "트래픽에 따라 달라져서 빠진 항목: " + ko.joined(separator: ", ") + ".")
    }

    func charge(_ line: CostEstimate.Line) -> String {
        switch line.kind {
        case .natGateway: return text(LocalizedText(en: "NAT gateway", ko: "NAT 게이트웨이"))
        case .instance: return text(LocalizedText(en: "instance \(line.detail)", ko: "인스턴스 \(line.detail)"))
        case .loadBalancer: return text(LocalizedText(en: "load balancer (\(line.detail))", ko: "로드 밸런서 (\(line.detail))"))
        case .dnsZone: return text(LocalizedText(en: "Route 53 hosted zone", ko: "Route 53 호스팅 영역"))
        case .publicIPv4:
            switch line.detail {
            case "elastic-ip": return text(LocalizedText(en: "public IPv4 (Elastic IP)", ko: "퍼블릭 IPv4 (탄력적 IP)"))
            case "public-ip": return text(LocalizedText(en: "public IPv4 (auto-assigned)", ko: "퍼블릭 IPv4 (자동 할당)"))
            default: return text(LocalizedText(en: "public IPv4 (\(line.detail))", ko: "퍼블릭 IPv4 (\(line.detail))"))
            }
        }
    }

    /// Component 16, charge 26, hours 6, unit price 10, monthly 10: 72 columns.
    func row(_ component: String, _ charge: String, _ hours: String, _ unit: String, _ monthly: String) -> String {
        [padded(truncated(component, toWidth: 16), toWidth: 16), padded(truncated(charge, toWidth: 26), toWidth: 26),
         padded(hours, toWidth: 6, alignment: .right), padded(unit, toWidth: 10, alignment: .right),
         padded(monthly, toWidth: 10, alignment: .right)].joined(separator: " ")
    }

    func text(_ localized: LocalizedText) -> String { localized.text(language) }

    package static func json(_ estimate: CostEstimate, file: String) -> JSONValue {
        let table = estimate.table
        return .object([
            ("file", .string(file)),
            ("region", .string(table.region)), ("currency", .string(table.currency)),
            ("pricesDate", .string(table.date)), ("pricesSource", .string(table.source)), ("pricesFile", .string(table.file)),
            ("hoursPerMonth", .decimal(table.hoursPerMonth)),
            ("lines", .array(estimate.lines.map { line in
                .object([
                    ("component", .string(line.component)), ("kind", .string(line.kind.rawValue)), ("detail", .string(line.detail)),
                    ("hours", line.hours.map(JSONValue.decimal) ?? .null), ("unitPrice", .decimal(line.unitPrice)),
                    ("monthly", .decimal(cents(line.monthly))), ("location", JSONValue.location(line.location)),
                ])
            })),
            ("total", .decimal(cents(estimate.total))),
            ("perGB", .object([("natGateway", .decimal(table.natGatewayGB))])),
            ("perCapacityUnitHour", .object([("application", .decimal(table.applicationLoadBalancer.capacityUnitHour)),
                                             ("network", .decimal(table.networkLoadBalancer.capacityUnitHour))])),
        ])
    }

    static func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// `value` with `digits` decimals (`43.07`), without Foundation's locale.
func fixedPoint(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    guard digits > 0 else { return String(scaled) }
    let whole = scaled / Int(scale), fraction = scaled % Int(scale)
    let fractionText = String(fraction)
    return "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
}
