import InfralabSyntax

/// Rule 28: an HTTPS (or TLS) listener needs a certificate.
package enum HTTPSListenerCertificate: TopologyRule {
    package static let description = RuleDescription(
        id: "https-listener-certificate", severity: .error,
        summary: LocalizedText(en: "An HTTPS or TLS listener names a certificate.", ko: "HTTPS나 TLS 리스너에는 인증서가 있어야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            load-balancers:
              web:
                subnets: [public-a, public-c]
                listeners:
                  - { port: ↓443, protocol: HTTPS }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            load-balancers:
              web:
                subnets: [public-a, public-c]
                listeners:
                  - { port: 443, protocol: HTTPS, certificate: example.com }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.loadBalancers.flatMap { balancer in
            balancer.listeners.filter { ($0.protocol == .https || $0.protocol == .tls) && $0.certificate == nil }.map { listener in
                let port = String(listener.port.value)
                return description.diagnostic(
                    LocalizedText(en: "\(listener.protocol.rawValue) listener on port \(port) of load balancer `\(balancer.name)` has no `certificate`",
                                  ko: "로드 밸런서 `\(balancer.name)`의 \(port)번 포트 \(listener.protocol.rawValue) 리스너에 `certificate`가 없어요"),
                    at: listener.port.location, length: port.count,
                    suggestion: LocalizedText(en: "add `certificate: NAME` (the certificate for your domain)", ko: "`certificate: 이름`(도메인 인증서)을 추가해 주세요"))
            }
        }
    }
}
