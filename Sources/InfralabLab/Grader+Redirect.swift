import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// `redirects-to-https`: "HTTP is redirected to HTTPS". A listener on the HTTP port
/// that forwards to the targets serves the pages in clear text; one that redirects to a
/// port with no HTTPS listener (or one without a certificate) sends users nowhere.
extension Grader {
    func checkRedirect(_ select: Selector?, port: Int) -> [Finding] {
        let selector = select ?? Selector(.kind("load-balancer"), at: SourceLocation(file: "", line: 0, column: 0))
        let names = Set(facts.endpointNames(selector))
        let balancers = topology.loadBalancers.filter { names.contains($0.name) }
        if balancers.isEmpty { return [Finding(message: Messages.selectsNothing(selector))] }
        var findings: [Finding] = []
        for balancer in balancers {
            guard let listener = balancer.listeners.first(where: { $0.port.value == port }) else {
                findings.append(Finding(message: Messages.noListener(balancer.name, port), location: balancer.location))
                continue
            }
            guard let redirect = listener.redirect else {
                findings.append(Finding(message: Messages.forwardsInsteadOfRedirect(balancer.name, port), location: listener.location))
                continue
            }
            let https = balancer.listeners.first { $0.port.value == redirect.value && $0.protocol == .https }
            guard let https, https.certificate != nil else {
                findings.append(Finding(message: Messages.redirectToNothing(balancer.name, port, redirect.value, listener: https != nil),
                                        location: https?.location ?? redirect.location))
                continue
            }
            let flow = FlowCheck(from: Selector(.internet, at: selector.location), to: Selector(.name(balancer.name), at: selector.location),
                                 port: port, address: .auto)
            findings += checkReachable(flow)
        }
        return findings
    }
}

extension Messages {
    static func noListener(_ balancer: String, _ port: Int) -> LocalizedText {
        LocalizedText(en: "load balancer `\(balancer)` has no listener on port \(port), so `http://` links find nothing to redirect them",
                      ko: "로드 밸런서 `\(balancer)`에 \(port)번 리스너가 없어서 `http://` 링크를 리디렉션해 줄 곳이 없어요")
    }

    static func forwardsInsteadOfRedirect(_ balancer: String, _ port: Int) -> LocalizedText {
        LocalizedText(en: "the port-\(port) listener of `\(balancer)` forwards to the targets: pages and passwords travel in clear text instead of being redirected to HTTPS",
                      ko: "`\(balancer)`의 \(port)번 리스너가 대상으로 전달해요. HTTPS로 리디렉션하지 않고 페이지와 비밀번호가 암호화되지 않은 채로 오가요")
    }

    static func redirectToNothing(_ balancer: String, _ port: Int, _ target: Int, listener: Bool) -> LocalizedText {
        listener
            ? LocalizedText(en: "`\(balancer)` redirects port \(port) to \(target), but the HTTPS listener on \(target) has no certificate",
                            ko: Korean.topic("`\(balancer)`") + " \(port)번을 \(Korean.toward("\(target)")) 리디렉션하는데, \(target)번 HTTPS 리스너에 인증서가 없어요")
            : LocalizedText(en: "`\(balancer)` redirects port \(port) to \(target), but it has no HTTPS listener on \(target): the browser follows the redirect to a closed port",
                            ko: Korean.topic("`\(balancer)`") + " \(port)번을 \(Korean.toward("\(target)")) 리디렉션하는데, \(target)번에 HTTPS 리스너가 없어요. 브라우저가 리디렉션을 따라가면 닫힌 포트를 만나요")
    }
}
