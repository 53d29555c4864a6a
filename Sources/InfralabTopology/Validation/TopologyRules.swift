import InfralabSyntax

/// The registry of validation rules, in the order they run (and are documented in
/// `Docs/topology.md`). Every `TopologyRule` file in this folder must appear here.
package enum TopologyRules {
    package static let all: [any TopologyRule.Type] = [
        VPCCIDRSize.self,
        VPCCIDRNotPrivate.self,
        CIDRHostBits.self,
        SubnetOutsideVPC.self,
        SubnetCIDRSize.self,
        SubnetOverlap.self,
        SubnetWithoutAZ.self,
        SubnetAvailabilityZone.self,
        InternetGatewayPerVPC.self,
        MultipleMainRouteTables.self,
        RouteTableOtherVPC.self,
        DuplicateRoute.self,
        RouteMoreSpecificThanLocal.self,
        RouteBlackhole.self,
        RouteViaDetachedInternetGateway.self,
        RouteDestinationUnknown.self,
        NATGatewayWithoutElasticIP.self,
        ElasticIPNotPublic.self,
        ElasticIPDuplicate.self,
        NATGatewayInPrivateSubnet.self,
        PrivateIPOutsideSubnet.self,
        PrivateIPReserved.self,
        PrivateIPDuplicate.self,
        SubnetCapacity.self,
        SecurityGroupOtherVPC.self,
        NetworkACLRuleNumberRange.self,
        NetworkACLRuleNumberDuplicate.self,
        NetworkACLOtherVPC.self,
        LoadBalancerAvailabilityZones.self,
        HTTPSListenerCertificate.self,
        ListenerTargetNotInstance.self,
        DNSCNAMEAtApex.self,
        PortForwardWithoutPublicIP.self,
        SiteForwardTarget.self,
        HostRunsNothing.self,
        OutsideHostPrivateAddress.self,
        ForwardTargetOtherVPC.self,
        SubnetGroupAvailabilityZones.self,
        SubnetGroupOneVPC.self,
        DataStoreIdentifier.self,
        DatabasePort.self,
        MemcachedMultiAZ.self,
    ]

    package static func description(id: String) -> RuleDescription? {
        all.lazy.map { $0.description }.first { $0.id == id }
    }

    static func check(_ context: ValidationContext) -> [Diagnostic] {
        all.flatMap { $0.check(context) }
    }
}
